"""Auditor grants: read-only, justified, at most 90 days ahead, ending by themselves; names and
identity numbers pseudonymised unless the grant says otherwise."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from introsak.access.domain.gateway import visible_cases
from introsak.access.domain.grants import MAX_GRANT_DAYS, GrantTerms, audit_grant_save
from introsak.access.domain.protection import (
    case_pseudonym,
    display_address,
    display_name,
    display_national_id,
)
from introsak.access.models import AuditGrant, SecurityEvent
from introsak.accounts.models import User
from introsak.casefacts.serialize import pseudonymise
from introsak.cases.domain.facts import case_to_facts, facts_queryset
from introsak.cases.models import ProgrammeCase
from tests.access.personas import (
    DISTRICT_A,
    NAME_A,
    client_for,
    make_case,
    make_user,
    make_world,
)
from tests.factories import district

pytestmark = pytest.mark.django_db

TODAY = date(2024, 10, 15)


@pytest.fixture(autouse=True)
def frozen_today(settings) -> date:  # type: ignore[no-untyped-def]
    settings.INTROSAK_AS_OF = TODAY
    return TODAY


def _terms(user: User, **overrides: object) -> GrantTerms:
    values: dict[str, object] = {
        "user": user,
        "districts": [district(DISTRICT_A)],
        "justification": "Forvaltningsrevisjon: arbeidsintegrering av flyktninger",
        "starts_on": TODAY,
        "ends_on": TODAY + timedelta(days=MAX_GRANT_DAYS),
    }
    return GrantTerms(**(values | overrides))  # type: ignore[arg-type]


@pytest.fixture
def people() -> dict[str, User]:
    return {
        "auditor": make_user("revisor", "auditor"),
        "admin": make_user("admin", "administrator"),
        "adviser": make_user("radgiver", "programme_adviser", DISTRICT_A),
    }


def test_grant_of_exactly_90_days_is_saved_and_logged(people: dict[str, User]) -> None:
    grant = audit_grant_save(terms=_terms(people["auditor"]), granted_by=people["admin"])
    assert (grant.ends_on, list(grant.districts.values_list("slug", flat=True))) == (
        date(2025, 1, 13),
        [DISTRICT_A],
    )
    assert list(SecurityEvent.objects.values_list("event", "user__username")) == [
        ("grant_saved", "admin")
    ]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"ends_on": TODAY + timedelta(days=MAX_GRANT_DAYS + 1)}, "ends_on"),
        ({"justification": "   "}, "justification"),
        ({"justification": "fordi"}, "justification"),
        ({"districts": []}, "districts"),
        ({"starts_on": TODAY, "ends_on": TODAY - timedelta(days=1)}, "ends_on"),
        (
            {"cases_started_from": date(2024, 1, 1), "cases_started_until": date(2023, 1, 1)},
            "cases_started_until",
        ),
    ],
)
def test_invalid_grant_is_refused_and_nothing_saved(
    people: dict[str, User], overrides: dict[str, object], field: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        audit_grant_save(terms=_terms(people["auditor"], **overrides), granted_by=people["admin"])
    assert field in refused.value.message_dict
    assert AuditGrant.objects.count() == 0


def test_grant_only_for_auditors(people: dict[str, User]) -> None:
    with pytest.raises(ValidationError) as refused:
        audit_grant_save(terms=_terms(people["adviser"]), granted_by=people["admin"])
    assert list(refused.value.message_dict) == ["user"]


def test_access_stops_by_itself_after_the_end_date(people: dict[str, User], settings) -> None:  # type: ignore[no-untyped-def]
    case = make_case("A-1", slug=DISTRICT_A)
    auditor = people["auditor"]
    audit_grant_save(
        terms=_terms(auditor, ends_on=TODAY + timedelta(days=30)), granted_by=people["admin"]
    )
    seen = {}
    for day in (TODAY, TODAY + timedelta(days=30), TODAY + timedelta(days=31)):
        settings.INTROSAK_AS_OF = day
        seen[day] = visible_cases(auditor).filter(pk=case.pk).exists()
    assert seen == {TODAY: True, date(2024, 11, 14): True, date(2024, 11, 15): False}


def test_access_stops_with_the_real_clock_too(people: dict[str, User], settings) -> None:  # type: ignore[no-untyped-def]
    settings.INTROSAK_AS_OF = None
    case = make_case("A-1", slug=DISTRICT_A)
    with time_machine.travel(date(2024, 10, 15), tick=False):
        audit_grant_save(
            terms=_terms(people["auditor"], ends_on=date(2024, 10, 31)), granted_by=people["admin"]
        )
        client = client_for(people["auditor"])
        url = reverse("workspace:case", kwargs={"pk": case.pk})
        assert client.get(url).status_code == 200
    with time_machine.travel(date(2024, 11, 1), tick=False):
        # a new log-in: the old session has passed its 12-hour limit
        assert client_for(people["auditor"]).get(url).status_code == 404


def test_grant_starting_later_gives_nothing_yet(people: dict[str, User]) -> None:
    case = make_case("A-1", slug=DISTRICT_A)
    audit_grant_save(
        terms=_terms(people["auditor"], starts_on=TODAY + timedelta(days=1)),
        granted_by=people["admin"],
    )
    assert not visible_cases(people["auditor"]).filter(pk=case.pk).exists()


def test_grant_limited_to_a_period_of_programme_starts(people: dict[str, User]) -> None:
    early = make_case("A-1", slug=DISTRICT_A, start_date="2024-01-15")
    late = make_case(
        "A-2", slug=DISTRICT_A, start_date="2024-03-01", serial=2, decision_date="2024-02-20"
    )
    audit_grant_save(
        terms=_terms(people["auditor"], cases_started_from=date(2024, 2, 1)),
        granted_by=people["admin"],
    )
    assert list(visible_cases(people["auditor"]).values_list("pk", flat=True)) == [late.pk]
    assert early.pk != late.pk


def test_auditor_sees_pseudonyms_not_names_or_identity_numbers(
    people: dict[str, User],
) -> None:
    case = make_case("A-1", slug=DISTRICT_A)
    auditor = people["auditor"]
    audit_grant_save(terms=_terms(auditor), granted_by=people["admin"])
    person = ProgrammeCase.objects.select_related("person").get(pk=case.pk).person
    with translation.override("en"):
        shown = (
            display_name(auditor, person),
            display_national_id(auditor, person),
            display_address(auditor, person),
        )
    assert shown == (f"Participant {case_pseudonym(case)}", "", "")
    page = (
        client_for(auditor).get(reverse("workspace:case", kwargs={"pk": case.pk})).content.decode()
    )
    assert person.national_id is not None
    assert (NAME_A in page, person.national_id in page, case_pseudonym(case) in page) == (
        False,
        False,
        True,
    )


def test_grant_with_show_identities_shows_names(people: dict[str, User]) -> None:
    case = make_case("A-1", slug=DISTRICT_A)
    auditor = people["auditor"]
    audit_grant_save(terms=_terms(auditor, show_identities=True), granted_by=people["admin"])
    person = ProgrammeCase.objects.select_related("person").get(pk=case.pk).person
    assert person.national_id is not None
    assert (display_name(auditor, person), display_national_id(auditor, person)) == (
        NAME_A,
        person.national_id[:6] + "*****",
    )


def test_pseudonym_matches_the_pseudonymised_exports_case_number() -> None:
    case = make_case("A-1", slug=DISTRICT_A)
    facts = case_to_facts(facts_queryset(ProgrammeCase.objects.filter(pk=case.pk)).get())
    from django.conf import settings

    exported = pseudonymise(facts, settings.INTROSAK_PSEUDONYM_KEY.encode()).case_id
    assert exported.startswith(case_pseudonym(case))


def test_auditors_are_read_only_even_with_a_grant() -> None:
    world = make_world()
    client = client_for(world.users["auditor_valid"])
    url = reverse("workspace:record", kwargs={"pk": world.case_a.pk, "step": "journal"})
    assert client.post(url, {"written_on": "2024-08-01", "text": "x"}).status_code == 403
    assert world.case_a.journal_notes.filter(text="x").count() == 0


def test_admin_form_enforces_the_90_day_rule(people: dict[str, User]) -> None:
    client = client_for(people["admin"])
    base = {
        "user": people["auditor"].pk,
        "districts": [district(DISTRICT_A).pk],
        "justification": "Forvaltningsrevisjon: arbeidsintegrering av flyktninger",
        "starts_on": "2024-10-15",
        "show_identities": "",
    }
    url = reverse("admin:access_auditgrant_add")
    refused = client.post(url, {**base, "ends_on": "2025-01-14"})
    assert (refused.status_code, AuditGrant.objects.count()) == (200, 0)
    saved = client.post(url, {**base, "ends_on": "2025-01-13"})
    assert (saved.status_code, AuditGrant.objects.count()) == (302, 1)
    assert AuditGrant.objects.get().granted_by == people["admin"]
    assert SecurityEvent.objects.filter(event="grant_saved").count() == 1


def test_ending_a_grant_early_is_allowed(people: dict[str, User], settings) -> None:  # type: ignore[no-untyped-def]
    grant = audit_grant_save(terms=_terms(people["auditor"]), granted_by=people["admin"])
    settings.INTROSAK_AS_OF = TODAY + timedelta(days=5)
    audit_grant_save(
        terms=_terms(people["auditor"], ends_on=TODAY + timedelta(days=4)),
        granted_by=people["admin"],
        grant=grant,
    )
    grant.refresh_from_db()
    assert grant.ends_on == TODAY + timedelta(days=4)
