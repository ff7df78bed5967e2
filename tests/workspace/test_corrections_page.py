"""Completing and correcting recorded events through the workspace: the form filled from
the event, the required reason, the refused stale save, the history on the case page (who
recorded each event, who corrected it, when, why, old → new) and its constant query count."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from introsak.cases import models
from introsak.workspace.corrections import CORRECTIONS
from tests.workspace.builders import Staff, ended_without_meeting, load, running

pytestmark = pytest.mark.django_db

UNDOCUMENTED = [{"kind": "three_party", "date": "2024-02-12", "documented": False}]


def _case(case_id: str = "C-1") -> models.ProgrammeCase:
    return models.ProgrammeCase.objects.get(case_id=case_id)


def _correct_url(kind: str, event: int, case_id: str = "C-1") -> str:
    return reverse("workspace:correct", args=[_case(case_id).pk, kind, event])


def _completed_meeting(
    version: int, reason: str = "Referatet ble skrevet i etterkant."
) -> dict[str, Any]:
    return {
        "version": version,
        "kind": "three_party",
        "date": "2024-02-12",
        "attendance": "Deltaker, rådgiver og lærer",
        "further_plan": "Jobbsøking",
        "correction_reason": reason,
    }


def test_the_form_is_filled_from_the_event(client: Client, people: Staff) -> None:
    load([running("C-1", "radgiver.sth")])
    client.force_login(people.adviser)
    activity = models.Activity.objects.get(case=_case(), kind="language_practice")
    html = client.get(_correct_url("activity", activity.pk)).content.decode()
    assert 'value="Sagene barnehage"' in html
    assert 'name="start" value="2024-07-01"' in html
    assert 'name="hours_per_week" value="16.0"' in html
    assert 'name="correction_reason"' in html


def test_completing_a_meeting_turns_tri_met_and_shows_the_history(
    client: Client, people: Staff
) -> None:
    load([ended_without_meeting("C-1", "radgiver.sth", meetings=UNDOCUMENTED)])
    client.force_login(people.adviser)
    case = _case()
    meeting = models.Meeting.objects.get(case=case)
    case_html = client.get(reverse("workspace:case", args=[case.pk])).content.decode()
    assert f'id="correct-meeting-{meeting.pk}"' in case_html
    assert "Fullfør med referat" in case_html  # bokmål: the meeting is not documented
    client.cookies["django_language"] = "en"

    response = client.post(_correct_url("meeting", meeting.pk), _completed_meeting(case.version))

    assert (response.status_code, response["Location"]) == (
        302,
        reverse("workspace:case", args=[case.pk]) + f"#history-meeting-{meeting.pk}",
    )
    meeting.refresh_from_db()
    assert meeting.documented is True
    assert models.CaseFinding.objects.get(case=case, rule="TRI-01").status == "met"
    html = client.get(reverse("workspace:case", args=[case.pk])).content.decode()
    assert "The correction is saved in the event&#x27;s history." in html
    history = html[html.index(f'id="history-meeting-{meeting.pk}"') :]
    history = history[: history.index("</details>")]
    assert "Imported (not recorded in Introsak)" in history
    assert "Corrected 1 time: history" in history
    assert people.adviser.display_name() in history
    assert "Reason: Referatet ble skrevet i etterkant." in history
    assert "Minutes written in the journal: No → Yes" in history
    assert "Attendance: – → Deltaker, rådgiver og lærer" in history


def test_a_correction_without_a_reason_is_refused_on_the_field(
    client: Client, people: Staff
) -> None:
    load([ended_without_meeting("C-1", "radgiver.sth", meetings=UNDOCUMENTED)])
    client.force_login(people.adviser)
    case = _case()
    meeting = models.Meeting.objects.get(case=case)
    response = client.post(
        _correct_url("meeting", meeting.pk), _completed_meeting(case.version, reason="")
    )
    assert response.status_code == 400
    assert "id_correction_reason_error" in response.content.decode() or (
        "correction_reason" in response.context["form"].errors
    )
    meeting.refresh_from_db()
    assert meeting.documented is False
    assert not models.EventCorrection.objects.exists()


def test_a_stale_correction_is_refused_with_the_colleagues_name(
    client: Client, people: Staff
) -> None:
    load([ended_without_meeting("C-1", "radgiver.sth", meetings=UNDOCUMENTED)])
    case = _case()
    meeting = models.Meeting.objects.get(case=case)
    client.force_login(people.colleague)
    client.post(_correct_url("meeting", meeting.pk), _completed_meeting(case.version))
    client.force_login(people.adviser)
    client.cookies["django_language"] = "en"
    response = client.post(
        _correct_url("meeting", meeting.pk), _completed_meeting(case.version, reason="Min")
    )
    assert response.status_code == 409
    assert "Per Hansen" in response.content.decode()
    assert models.EventCorrection.objects.count() == 1


def test_an_event_of_another_case_or_an_unknown_kind_is_not_found(
    client: Client, people: Staff
) -> None:
    load(
        [
            ended_without_meeting("C-1", "radgiver.sth", meetings=UNDOCUMENTED),
            running("C-2", "radgiver.sth", name="Annen Person"),
        ]
    )
    client.force_login(people.adviser)
    foreign = models.Meeting.objects.get(case__case_id="C-2")
    assert client.get(_correct_url("meeting", foreign.pk)).status_code == 404
    assert client.get(_correct_url("plan", foreign.pk)).status_code == 404
    assert set(CORRECTIONS) == {"meeting", "activity", "leave", "extension", "recognition"}


def test_an_adviser_of_another_district_cannot_correct(client: Client, people: Staff) -> None:
    load([ended_without_meeting("C-1", "radgiver.sth", meetings=UNDOCUMENTED)])
    client.force_login(people.other_adviser)
    case = _case()
    meeting = models.Meeting.objects.get(case=case)
    response = client.post(_correct_url("meeting", meeting.pk), _completed_meeting(case.version))
    assert response.status_code in (403, 404)
    assert not models.EventCorrection.objects.exists()


def test_the_recorder_is_named_and_the_page_query_count_does_not_grow_with_corrections(
    client: Client, people: Staff, django_assert_num_queries: Any
) -> None:
    load(
        [
            running("FEW", "radgiver.sth"),
            running("MANY", "radgiver.sth", name="Mange Rettelser"),
        ]
    )
    client.force_login(people.adviser)
    for case_id, times in (("FEW", 1), ("MANY", 6)):
        activity = models.Activity.objects.get(case__case_id=case_id, kind="norwegian_training")
        for hours in range(times):
            client.post(
                _correct_url("activity", activity.pk, case_id),
                {
                    "version": _case(case_id).version,
                    "kind": "norwegian_training",
                    "start": "2024-05-06",
                    "hours_per_week": 10 + hours,
                    "correction_reason": f"Timetallet endret ({hours})",
                },
            )
        client.post(
            reverse("workspace:record", args=[_case(case_id).pk, "meeting"]),
            {"version": _case(case_id).version, "kind": "transfer", "date": "2024-07-01"},
        )
    assert models.EventCorrection.objects.filter(case__case_id="MANY").count() == 6
    few_url = reverse("workspace:case", args=[_case("FEW").pk])
    many_url = reverse("workspace:case", args=[_case("MANY").pk])
    client.get(few_url)
    client.get(many_url)
    # Session, user, the case with every list (cases.domain.single), the access-log row.
    with django_assert_num_queries(4):
        client.get(few_url)
    with django_assert_num_queries(4):
        html = client.get(many_url).content.decode()
    assert html.count('class="app-correction"') == 6
    assert f"Registrert av {people.adviser.display_name()}" in html
