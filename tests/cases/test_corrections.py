"""Completing and correcting recorded events (cases.domain.operations.event_correct): the
append-only history, the required reason, the order-of-events checks, the version check
against lost updates, atomicity and the re-evaluated rules."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from django.utils import translation

from introsak.access.domain.retention import retention_apply
from introsak.access.domain.subject_export import subject_data
from introsak.casefacts import model as casefacts
from introsak.casefacts.enums import ActivityKind, MeetingKind, RecognitionOutcome, SentBy
from introsak.cases import models
from introsak.cases.domain import operations as ops
from introsak.cases.enums import EventKind, Step
from introsak.cases.models import CaseChange, EventCorrection
from introsak.cases.models.correction import AppendOnly
from tests.workspace.builders import AS_OF, Staff, ended_without_meeting, load, running, staff

pytestmark = pytest.mark.django_db

UNDOCUMENTED = [{"kind": "three_party", "date": "2024-02-12", "documented": False}]


@pytest.fixture(autouse=True)
def _english_and_frozen_clock(settings: Any) -> Iterator[None]:
    settings.INTROSAK_AS_OF = AS_OF
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with translation.override("en"):
        yield


@pytest.fixture
def people() -> Staff:
    return staff()


def _case(case_id: str = "C-1") -> models.ProgrammeCase:
    return models.ProgrammeCase.objects.select_related("person").get(case_id=case_id)


def _status(rule: str, case_id: str = "C-1") -> str:
    return models.CaseFinding.objects.get(case__case_id=case_id, rule=rule).status


def _minutes() -> casefacts.MeetingMinutes:
    return casefacts.MeetingMinutes(
        attendance="Deltaker, rådgiver og lærer", further_plan="Språkpraksis fra september"
    )


def _documented(day: date) -> casefacts.Meeting:
    """A documented three-party meeting on ``day``, with minutes."""
    return casefacts.Meeting(
        kind=MeetingKind.THREE_PARTY, date=day, documented=True, minutes=_minutes()
    )


def test_an_undocumented_meeting_completed_with_minutes_turns_tri_met(people: Staff) -> None:
    load([ended_without_meeting("C-1", "radgiver.sth", meetings=UNDOCUMENTED)])
    case = _case()
    assert _status("TRI-01") == "overdue"
    meeting = models.Meeting.objects.get(case=case)
    assert meeting.recorded_by is None  # imported

    correction = ops.event_correct(
        case=case,
        by=people.adviser,
        expected_version=case.version,
        event=EventKind.MEETING,
        event_id=meeting.pk,
        value=_documented(date(2024, 2, 12)),
        correction_reason="  Referatet ble skrevet i etterkant.  ",
    )

    meeting.refresh_from_db()
    assert (meeting.documented, meeting.attendance) == (True, "Deltaker, rådgiver og lærer")
    assert _status("TRI-01") == "met"
    case.refresh_from_db()
    assert correction.version == case.version
    assert (correction.event, correction.event_id, correction.user) == (
        "meeting",
        meeting.pk,
        people.adviser,
    )
    assert correction.reason == "Referatet ble skrevet i etterkant."
    assert correction.changed == [
        {"field": "documented", "old": False, "new": True},
        {"field": "attendance", "old": "", "new": "Deltaker, rådgiver og lærer"},
        {"field": "further_plan", "old": "", "new": "Språkpraksis fra september"},
    ]
    change = CaseChange.objects.get(case=case, version=case.version)
    assert (change.step, change.user) == (Step.CORRECTION, people.adviser)


def test_a_corrected_date_keeps_old_and_new_and_every_correction_is_kept(
    people: Staff,
) -> None:
    load([running("C-1", "radgiver.sth")])
    case = _case()
    activity = models.Activity.objects.get(case=case, kind="language_practice")
    first = ops.event_correct(
        case=case,
        by=people.adviser,
        expected_version=case.version,
        event="activity",
        event_id=activity.pk,
        value=casefacts.Activity(
            kind=ActivityKind.LANGUAGE_PRACTICE,
            start=date(2024, 7, 1),
            end=date(2024, 7, 31),
            hours_per_week=12,
            provider="Sagene barnehage",
        ),
        correction_reason="Praksisen ble avsluttet",
    )
    assert first.changed == [
        {"field": "end", "old": None, "new": "2024-07-31"},
        {"field": "hours_per_week", "old": 16.0, "new": 12.0},
    ]
    second = ops.event_correct(
        case=case,
        by=people.colleague,
        expected_version=first.version,
        event="activity",
        event_id=activity.pk,
        value=casefacts.Activity(
            kind=ActivityKind.LANGUAGE_PRACTICE,
            start=date(2024, 7, 1),
            end=date(2024, 8, 2),
            hours_per_week=12,
            provider="Sagene barnehage",
        ),
        correction_reason="Feil sluttdato",
    )
    activity.refresh_from_db()
    assert (activity.end, activity.hours_per_week) == (date(2024, 8, 2), 12.0)
    history = list(EventCorrection.objects.filter(case=case, event_id=activity.pk))
    assert [(c.user, c.changed) for c in history] == [
        (people.adviser, first.changed),
        (people.colleague, [{"field": "end", "old": "2024-07-31", "new": "2024-08-02"}]),
    ]
    assert second.version == first.version + 1


def test_the_reason_is_required_and_nothing_is_written_without_it(people: Staff) -> None:
    load([ended_without_meeting("C-1", "radgiver.sth", meetings=UNDOCUMENTED)])
    case = _case()
    meeting = models.Meeting.objects.get(case=case)
    with pytest.raises(ops.StepRejected) as refused:
        ops.event_correct(
            case=case,
            by=people.adviser,
            expected_version=case.version,
            event="meeting",
            event_id=meeting.pk,
            value=_documented(date(2024, 2, 12)),
            correction_reason="   ",
        )
    assert refused.value.errors == {
        "correction_reason": ["Say why the event is completed or corrected."]
    }
    meeting.refresh_from_db()
    assert meeting.documented is False
    assert not EventCorrection.objects.exists()
    assert _case().version == case.version


def test_a_correction_that_changes_nothing_is_refused(people: Staff) -> None:
    load([running("C-1", "radgiver.sth")])
    case = _case()
    leave_case = case
    meeting = models.Meeting.objects.get(case=leave_case)
    with pytest.raises(ops.StepRejected) as refused:
        ops.event_correct(
            case=case,
            by=people.adviser,
            expected_version=case.version,
            event="meeting",
            event_id=meeting.pk,
            value=casefacts.Meeting(
                kind=MeetingKind.THREE_PARTY, date=date(2024, 6, 3), documented=True
            ),
            correction_reason="Ingen endring",
        )
    assert refused.value.errors == {
        ops.NON_FIELD: ["Nothing was changed: change a value, or cancel."]
    }


def test_a_corrected_date_is_checked_like_a_new_event_and_the_finding_moves(
    people: Staff,
) -> None:
    load([running("C-1", "radgiver.sth")])
    case = _case()
    meeting = models.Meeting.objects.get(case=case)
    too_early = casefacts.Meeting(
        kind=MeetingKind.THREE_PARTY, date=date(2024, 5, 1), documented=True
    )
    with pytest.raises(ops.StepRejected) as refused:
        ops.event_correct(
            case=case,
            by=people.adviser,
            expected_version=case.version,
            event="meeting",
            event_id=meeting.pk,
            value=too_early,
            correction_reason="Feil dato",
        )
    assert refused.value.errors == {
        "date": ["This kind of meeting cannot be before the programme start (6 May 2024)."]
    }
    assert _status("TRI-01") == "pending"  # the next meeting is due later
    not_documented = casefacts.Meeting(
        kind=MeetingKind.THREE_PARTY, date=date(2024, 6, 3), documented=False
    )
    ops.event_correct(
        case=case,
        by=people.adviser,
        expected_version=case.version,
        event="meeting",
        event_id=meeting.pk,
        value=not_documented,
        correction_reason="Referatet finnes ikke",
    )
    assert _status("TRI-01") == "overdue"  # the first meeting was due on 06.08.2024


def test_a_stale_version_is_refused_and_nothing_is_written(people: Staff) -> None:
    load([ended_without_meeting("C-1", "radgiver.sth", meetings=UNDOCUMENTED)])
    case = _case()
    meeting = models.Meeting.objects.get(case=case)
    ops.journal_note_add(
        case=case,
        by=people.colleague,
        expected_version=case.version,
        written_on=date(2024, 8, 1),
        text="Ringte deltakeren.",
    )
    with pytest.raises(ops.StaleCase) as stale:
        ops.event_correct(
            case=case,
            by=people.adviser,
            expected_version=case.version,
            event="meeting",
            event_id=meeting.pk,
            value=_documented(date(2024, 2, 12)),
            correction_reason="Referat",
        )
    assert stale.value.changed_by == "Per Hansen (radgiver.sth2)"  # told apart by user name
    meeting.refresh_from_db()
    assert meeting.documented is False
    assert not EventCorrection.objects.exists()


def test_an_event_of_another_case_is_refused(people: Staff) -> None:
    load(
        [
            ended_without_meeting("C-1", "radgiver.sth", meetings=UNDOCUMENTED),
            running("C-2", "radgiver.sth", name="Annen Person"),
        ]
    )
    case = _case("C-1")
    foreign = models.Meeting.objects.get(case__case_id="C-2")
    with pytest.raises(ops.StepRejected) as refused:
        ops.event_correct(
            case=case,
            by=people.adviser,
            expected_version=case.version,
            event="meeting",
            event_id=foreign.pk,
            value=casefacts.Meeting(
                kind=MeetingKind.THREE_PARTY, date=date(2024, 2, 12), documented=True
            ),
            correction_reason="Feil",
        )
    assert list(refused.value.errors) == [ops.NON_FIELD]
    foreign.refresh_from_db()
    assert foreign.date == date(2024, 6, 3)


def test_leave_extension_and_recognition_can_be_corrected(people: Staff) -> None:
    load(
        [
            running(
                "C-1",
                "radgiver.sth",
                leaves=[{"start": "2024-06-10", "end": "2024-06-21", "approved": True}],
                extensions=[{"decided_on": "2024-07-01", "months": 2, "justification": "Fremgang"}],
                education_recognition={
                    "relevant": True,
                    "sent_date": "2024-06-01",
                    "sent_by": "participant",
                },
            )
        ]
    )
    case = _case()
    leave = models.Leave.objects.get(case=case)
    first = ops.event_correct(
        case=case,
        by=people.adviser,
        expected_version=case.version,
        event="leave",
        event_id=leave.pk,
        value=casefacts.Leave(start=date(2024, 6, 10), end=date(2024, 6, 14), approved=True),
        correction_reason="Kom tilbake tidligere",
    )
    extension = models.Extension.objects.get(case=case)
    second = ops.event_correct(
        case=case,
        by=people.adviser,
        expected_version=first.version,
        event="extension",
        event_id=extension.pk,
        value=casefacts.Extension(decided_on=date(2024, 7, 1), months=3, justification="Fremgang"),
        correction_reason="Vedtaket gjaldt tre måneder",
    )
    recognition = models.EducationRecognition.objects.get(case=case)
    third = ops.event_correct(
        case=case,
        by=people.adviser,
        expected_version=second.version,
        event="recognition",
        event_id=recognition.pk,
        value=casefacts.EducationRecognition(
            relevant=True,
            sent_date=date(2024, 6, 1),
            sent_by=SentBy.NAV,
            outcome=RecognitionOutcome.PENDING,
        ),
        correction_reason="NAV sendte søknaden",
    )
    assert [c.changed for c in (first, second, third)] == [
        [{"field": "end", "old": "2024-06-21", "new": "2024-06-14"}],
        [{"field": "months", "old": 2, "new": 3}],
        [
            {"field": "sent_by", "old": "participant", "new": "nav"},
            {"field": "outcome", "old": "", "new": "pending"},
        ],
    ]
    assert models.Extension.objects.get(pk=extension.pk).months == 3
    assert models.EducationRecognition.objects.get(pk=recognition.pk).sent_by == "nav"


def test_recording_operations_name_who_recorded_the_event(people: Staff) -> None:
    load([ended_without_meeting("C-1", "radgiver.sth")])
    case = _case()
    meeting = ops.meeting_record(
        case=case,
        by=people.colleague,
        expected_version=case.version,
        meeting=casefacts.Meeting(
            kind=MeetingKind.THREE_PARTY, date=date(2024, 2, 12), documented=False
        ),
    )
    assert models.Meeting.objects.get(pk=meeting.pk).recorded_by == people.colleague


def test_the_history_is_append_only(people: Staff) -> None:
    load([ended_without_meeting("C-1", "radgiver.sth", meetings=UNDOCUMENTED)])
    case = _case()
    meeting = models.Meeting.objects.get(case=case)
    correction = ops.event_correct(
        case=case,
        by=people.adviser,
        expected_version=case.version,
        event="meeting",
        event_id=meeting.pk,
        value=casefacts.Meeting(
            kind=MeetingKind.THREE_PARTY, date=date(2024, 2, 12), documented=True
        ),
        correction_reason="Referat i journalen",
    )
    correction.reason = "endret"
    with pytest.raises(AppendOnly):
        correction.save()
    with pytest.raises(AppendOnly):
        correction.delete()
    assert EventCorrection.objects.get().reason == "Referat i journalen"


def test_the_history_is_in_the_subject_export_and_erased_at_anonymisation(
    people: Staff,
) -> None:
    load([ended_without_meeting("C-1", "radgiver.sth", meetings=UNDOCUMENTED)])
    case = _case()
    meeting = models.Meeting.objects.get(case=case)
    ops.event_correct(
        case=case,
        by=people.adviser,
        expected_version=case.version,
        event="meeting",
        event_id=meeting.pk,
        value=_documented(date(2024, 2, 12)),
        correction_reason="Referat skrevet etter samtale med lærer.",
    )
    exported = subject_data(_case())["data"]["cases.EventCorrection"]
    assert [row["reason"] for row in exported] == ["Referat skrevet etter samtale med lærer."]
    assert "Deltaker, rådgiver og lærer" in exported[0]["changes"]

    assert retention_apply(years=1, today=date(2026, 1, 1)).anonymised == 1
    erased = EventCorrection.objects.get()
    assert (erased.reason, erased.changes, erased.changed) == ("", "", [])
    assert (erased.event, erased.event_id, erased.user) == ("meeting", meeting.pk, people.adviser)
