"""Recording steps through the forms: saving, order errors on the fields, refused stale
saves, the journal's htmx partial, and access logging."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from introsak.access.models import AccessLogEntry
from introsak.cases import models
from introsak.workspace.steps import STEPS
from tests.workspace.builders import Staff, ended_without_meeting, load, running, undecided

pytestmark = pytest.mark.django_db


def _case(case_id: str) -> models.ProgrammeCase:
    return models.ProgrammeCase.objects.get(case_id=case_id)


def _record(case_id: str, step: str) -> str:
    return reverse("workspace:record", args=[_case(case_id).pk, step])


def _finding(case_id: str, rule: str) -> str:
    return models.CaseFinding.objects.get(case__case_id=case_id, rule=rule).status


@pytest.mark.parametrize("step", sorted(set(STEPS) - {"reassign"}))
def test_every_form_is_shown_with_the_case_version(
    client: Client, people: Staff, step: str
) -> None:
    load([running("C-1", "radgiver.sth")])
    client.force_login(people.adviser)
    html = client.get(_record("C-1", step)).content.decode()
    version = _case("C-1").version
    assert f'<input type="hidden" name="version" value="{version}" id="id_version">' in html
    assert 'id="step-form"' in html


def test_three_party_meeting_is_saved_and_the_finding_turns_met(
    client: Client, people: Staff
) -> None:
    load([ended_without_meeting("C-1", "radgiver.sth")])
    client.force_login(people.adviser)
    case = _case("C-1")
    response = client.post(
        _record("C-1", "meeting"),
        {
            "version": case.version,
            "kind": "three_party",
            "date": "2024-02-12",
            "attendance": "Deltaker, rådgiver og lærer",
            "norwegian_progress": "God fremgang",
            "wellbeing_and_effort": "Trives",
            "language_practice": "Barnehage",
            "other_measures": "",
            "further_plan": "Jobbsøking",
            "notes": "",
        },
    )
    assert (response.status_code, response["Location"]) == (
        302,
        reverse("workspace:case", args=[case.pk]) + "#saved-message",
    )
    meeting = models.Meeting.objects.get(case=case)
    assert (meeting.documented, meeting.wellbeing_and_effort) == (True, "Trives")
    assert _finding("C-1", "TRI-01") == "met"


def test_the_page_after_a_save_is_not_a_second_opening(client: Client, people: Staff) -> None:
    load([running("C-1", "radgiver.sth")])
    client.force_login(people.adviser)
    case_url = reverse("workspace:case", args=[_case("C-1").pk])
    client.get(case_url)
    assert AccessLogEntry.objects.count() == 1
    client.get(_record("C-1", "jobseeker"))  # the form shows the case too: one opening
    assert AccessLogEntry.objects.count() == 2
    response = client.post(
        _record("C-1", "jobseeker"),
        {"version": _case("C-1").version, "registered_on": "2024-05-21"},
        follow=True,
    )
    assert response.status_code == 200
    assert AccessLogEntry.objects.count() == 2
    client.get(case_url)
    assert AccessLogEntry.objects.count() == 3


def test_programme_decision_with_plan_from_the_form(client: Client, people: Staff) -> None:
    load([undecided("C-2", "radgiver.sth")])
    client.force_login(people.adviser)
    response = client.post(
        _record("C-2", "decision"),
        {
            "version": _case("C-2").version,
            "decision_date": "2024-08-05",
            "start_date": "2024-08-06",
            "part_time_percent": "100",
            "end_goal": "work",
            "goal_oral": "B1",
            "goal_reading": "A2",
            "goal_listening": "B1",
            "goal_writing": "A2",
            "duration_months": "24",
            "elements": "Norskopplæring\n\nSpråkpraksis\n",
            "sub_goals": "CV på nav.no",
            "justification": "",
        },
    )
    assert response.status_code == 302
    case = _case("C-2")
    plan = case.plans.get()
    assert (plan.goal_oral, plan.goal_reading, plan.duration_months) == ("B1", "A2", 24)
    assert list(plan.items.values_list("text", flat=True)) == [
        "Norskopplæring",
        "Språkpraksis",
        "CV på nav.no",
    ]
    assert (_finding("C-2", "PLAN-01"), _finding("C-2", "START-01")) == ("met", "met_late")


def test_first_plan_needs_end_goal_and_norwegian_goal_outside_collective_protection(
    client: Client, people: Staff
) -> None:
    load([undecided("C-2", "radgiver.sth")])
    client.force_login(people.adviser)
    client.cookies["django_language"] = "en"
    response = client.post(
        _record("C-2", "decision"),
        {
            "version": _case("C-2").version,
            "decision_date": "2024-08-05",
            "part_time_percent": "100",
            "duration_months": "24",
        },
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert re.findall(r'<li><a class="ds-link" href="#(id_\w+)">', html) == [
        "id_end_goal",
        "id_goal_oral",
    ]
    assert 'aria-describedby="id_end_goal-help id_end_goal-error" aria-invalid="true"' in html
    assert "The first plan must state the end goal." in html


def test_order_error_is_shown_on_the_field_and_nothing_is_saved(
    client: Client, people: Staff
) -> None:
    load([running("C-1", "radgiver.sth")])
    client.force_login(people.adviser)
    client.cookies["django_language"] = "en"
    version = _case("C-1").version
    response = client.post(
        _record("C-1", "leave"),
        {"version": version, "start": "2024-05-01", "end": "2024-05-03", "approved": "on"},
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert (
        '<li><a class="ds-link" href="#id_start">From: The leave cannot start before the '
        "programme (6 May 2024).</a></li>"
    ) in html
    assert 'id="id_start-error"' in html
    assert (models.Leave.objects.count(), _case("C-1").version) == (0, version)


def test_stale_save_is_refused_with_the_colleagues_name_and_changes_nothing(
    client: Client, people: Staff
) -> None:
    load([ended_without_meeting("C-1", "radgiver.sth")])
    first, second = Client(), Client()
    first.force_login(people.adviser)
    second.force_login(people.coordinator)
    second.cookies["django_language"] = "en"
    opened = _case("C-1").version
    assert (
        first.post(
            _record("C-1", "meeting"),
            {
                "version": opened,
                "kind": "three_party",
                "date": "2024-02-12",
                "attendance": "Alle møtte",
            },
        ).status_code
        == 302
    )
    response = second.post(
        _record("C-1", "meeting"),
        {
            "version": opened,
            "kind": "three_party",
            "date": "2024-02-13",
            "attendance": "Deltaker og lærer",
        },
    )
    html = response.content.decode()
    assert response.status_code == 409
    assert "The case was changed by Kari Nordmann (radgiver.sth) at" in html
    assert "Nothing was saved." in html
    assert list(models.Meeting.objects.values_list("date", "attendance")) == [
        (date(2024, 2, 12), "Alle møtte")
    ]
    assert _case("C-1").version == opened + 1


def test_journal_note_via_htmx_returns_the_journal_without_logging(
    client: Client, people: Staff
) -> None:
    load([running("C-1", "radgiver.sth")])
    client.force_login(people.adviser)
    version = _case("C-1").version
    response = client.post(
        _record("C-1", "journal"),
        {"version": version, "written_on": "2024-08-07", "text": "Ringte om praksisplass."},
        headers={"HX-Request": "true", "HX-Target": "journal"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<section id="journal"')
    assert "Ringte om praksisplass." in html
    assert f'name="version" value="{version + 1}"' in html
    assert AccessLogEntry.objects.count() == 0


def test_journal_note_without_javascript_redirects_to_the_journal(
    client: Client, people: Staff
) -> None:
    load([running("C-1", "radgiver.sth")])
    client.force_login(people.adviser)
    response = client.post(
        _record("C-1", "journal"),
        {"version": _case("C-1").version, "written_on": "2024-08-07", "text": "Notat"},
    )
    assert response["Location"].endswith("#saved-message")
    assert models.JournalNote.objects.get().author == people.adviser
    page = client.get(response["Location"]).content.decode()
    journal = page[page.index('<section id="journal"') :]
    assert 'id="saved-message"' in journal
    assert "Journalnotatet er lagret." in journal


def test_reassign_is_for_coordinators(client: Client, people: Staff) -> None:
    load([running("C-1", "radgiver.sth")])
    client.force_login(people.adviser)
    assert client.get(_record("C-1", "reassign")).status_code == 403
    client.force_login(people.coordinator)
    response = client.post(
        _record("C-1", "reassign"),
        {"version": _case("C-1").version, "adviser": people.colleague.pk},
    )
    assert response.status_code == 302
    assert _case("C-1").adviser == people.colleague


def test_auditor_cannot_record(client: Client, people: Staff) -> None:
    load([running("C-1", "radgiver.sth")])
    client.force_login(people.auditor)
    assert client.get(_record("C-1", "meeting")).status_code == 403


def test_unknown_step_is_not_found(client: Client, people: Staff) -> None:
    load([running("C-1", "radgiver.sth")])
    client.force_login(people.adviser)
    assert client.get(_record("C-1", "nonsense")).status_code == 404


def _payload(step: str) -> dict[str, Any]:
    return {
        "mapping": {"mapping_date": "2024-04-02"},
        "guidance": {"career_guidance_date": "2024-04-20"},
        "plan": {
            "decided_on": "2024-08-01",
            "justification": "Endret",
            "end_goal": "work",
            "duration_months": "12",
        },
        "start": {"start_date": "2024-05-06"},
        "activity": {
            "kind": "work_practice",
            "provider": "Bydel St. Hanshaugen",
            "start": "2024-08-01",
            "hours_per_week": "20",
        },
        "extension": {"decided_on": "2024-08-07", "months": "3", "justification": "Nær sluttmålet"},
        "recognition": {
            "relevant": "yes",
            "documents_available": "yes",
            "sent_date": "2024-06-01",
            "sent_by": "nav",
        },
        "end": {"end_date": "2024-08-02", "end_reason": "education"},
    }[step]


@pytest.mark.parametrize(
    "step", ["mapping", "guidance", "plan", "start", "activity", "extension", "recognition", "end"]
)
def test_each_step_saves_from_its_form(client: Client, people: Staff, step: str) -> None:
    load([running("C-1", "radgiver.sth")])
    client.force_login(people.adviser)
    version = _case("C-1").version
    response = client.post(_record("C-1", step), {"version": version, **_payload(step)})
    assert response.status_code == 302, response.content.decode()[-3000:]
    assert _case("C-1").version == version + 1


def test_recent_changes_name_the_step_the_version_and_who_saved(
    client: Client, people: Staff, django_assert_num_queries: Any
) -> None:
    """The changes come with the case's lists (in the case's own query), their users
    from the same query: newest first, with the adviser's name."""
    load([ended_without_meeting("C-1", "radgiver.sth")])
    client.force_login(people.adviser)
    for day in ("2024-02-12", "2024-03-12"):
        response = client.post(
            _record("C-1", "meeting"),
            {"version": _case("C-1").version, "kind": "three_party", "date": day},
        )
        assert response.status_code == 302
    client.cookies["django_language"] = "en"
    url = reverse("workspace:case", args=[_case("C-1").pk])
    client.get(url)  # the page right after a save is shown without a log row; open it again
    # Session, user, the case with its lists, the changes, the events' history and every
    # user they name (one query on both databases), the access-log row.
    with django_assert_num_queries(4):
        html = client.get(url).content.decode()
    changes = re.findall(
        r"<li>[^<]* · ([^<]+) · ([^<]+) <span class=\"app-muted\">\(version (\d+)\)", html
    )
    name = people.adviser.identified_name()
    assert [(who, version) for _, who, version in changes] == [(name, "3"), (name, "2")]
