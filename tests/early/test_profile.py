"""The draft work profile (issue 17 item 5): pre-filled from the answers once the person is
settled, accepted field by field by the adviser into ``cases.WorkProfile`` through
``work_profile_record`` (version-checked, recorded as a case change)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from introsak.cases.enums import Step
from introsak.cases.models import CaseChange, ProgrammeCase, WorkProfile
from introsak.early.domain import operations as ops
from introsak.early.domain.profile import draft
from tests.early.test_answers import SECRET_ANSWER, _answer, _settle
from tests.early.world import World, client_for, make_world

pytestmark = pytest.mark.django_db

WISH = "Sveisar eller mekanikar"


def _settled_with_answers() -> tuple[World, ProgrammeCase]:
    world = make_world()
    client = _answer(world)
    client.post(
        reverse("early:questionnaire"),
        {"page": "3", "wished_work": WISH, "expectations": "Fast jobb", "action": "next"},
    )
    case_pk = _settle(world)
    world.person.refresh_from_db()
    return world, ProgrammeCase.objects.get(pk=case_pk)


def test_the_draft_proposes_each_profile_field_from_the_answers() -> None:
    answers = {
        "occupation": SECRET_ANSWER,
        "years": 12,
        "education": "vocational",
        "education_field": "Sveising",
        "wished_work": WISH,
    }
    fields = {f.key: f for f in draft(answers, None)}
    assert SECRET_ANSWER in fields["experience"].proposed and fields["experience"].years == "12"
    assert "Sveising" in fields["education"].value
    assert fields["wished_occupations"].proposed == WISH
    assert fields["wished_occupations"].value == ""  # codes are the adviser's choice
    assert WISH in fields["job_goal"].value
    assert all(f.current == "" for f in fields.values())


def test_accepting_writes_the_work_profile_through_the_case_operation() -> None:
    world, case = _settled_with_answers()
    ops.profile_accept(
        by=world.adviser,
        person=world.person,
        case=case,
        expected_version=case.version,
        key="experience",
        value="72",
        years="12",
    )
    case.refresh_from_db()
    ops.profile_accept(
        by=world.adviser,
        person=world.person,
        case=case,
        expected_version=case.version,
        key="job_goal",
        value="Sveisar på eit verft",
    )
    row = WorkProfile.objects.get(case=case)
    assert row.experience == [{"occupation": "72", "years": 12.0}]
    assert row.job_goal == "Sveisar på eit verft"
    assert CaseChange.objects.filter(case=case, step=Step.WORK_PROFILE).count() == 2


def test_a_stale_version_an_unknown_code_or_bad_years_writes_nothing() -> None:
    world, case = _settled_with_answers()
    from introsak.cases.domain.operations import StaleCase

    with pytest.raises(StaleCase):
        ops.profile_accept(
            by=world.adviser,
            person=world.person,
            case=case,
            expected_version=case.version - 1,
            key="job_goal",
            value="x",
        )
    with pytest.raises(ops.EarlyRejected) as bad_code:
        ops.profile_accept(
            by=world.adviser,
            person=world.person,
            case=case,
            expected_version=case.version,
            key="wished_occupations",
            value="72, 999",
        )
    assert set(bad_code.value.errors) == {"wished_occupations"}
    with pytest.raises(ops.EarlyRejected) as bad_years:
        ops.profile_accept(
            by=world.adviser,
            person=world.person,
            case=case,
            expected_version=case.version,
            key="experience",
            value="72",
            years="mange",
        )
    assert set(bad_years.value.errors) == {"years"}
    assert not WorkProfile.objects.filter(case=case).exists()
    with pytest.raises(PermissionError):
        ops.profile_accept(
            by=world.worker,
            person=world.person,
            case=case,
            expected_version=case.version,
            key="job_goal",
            value="x",
        )


def test_the_adviser_accepts_the_draft_profile_on_the_person_page() -> None:
    world, case = _settled_with_answers()
    client = client_for(world.adviser)
    page = client.get(reverse("early:person", args=[world.person.pk])).content.decode()
    assert 'id="profile-experience"' in page and WISH in page
    response = client.post(
        reverse("early:profile_accept", args=[world.person.pk, "wished_occupations"]),
        {"version": case.version, "value": "72, 93"},
    )
    assert response.status_code == 302
    assert WorkProfile.objects.get(case=case).wished_occupations == ["72", "93"]
    page = client.get(response["Location"]).content.decode()
    assert 'id="profile-current-wished_occupations"' in page
    # the settlement worker may not accept, and gets no draft profile
    worker = client_for(world.worker)
    assert (
        'id="profile-experience"'
        not in worker.get(reverse("early:person", args=[world.person.pk])).content.decode()
    )
    denied = worker.post(
        reverse("early:profile_accept", args=[world.person.pk, "job_goal"]),
        {"version": case.version + 1, "value": "x"},
    )
    assert denied.status_code == 403
