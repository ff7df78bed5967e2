"""The recording operations: order of events, optimistic concurrency, atomicity and the
recomputed findings (cases.domain.operations)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from django.db import connection, connections
from django.utils import translation

from introsak.casefacts import model as casefacts
from introsak.casefacts.enums import (
    ActivityKind,
    CefrLevel,
    EndGoal,
    LanguageSkill,
    MeetingKind,
    RecognitionOutcome,
    SentBy,
)
from introsak.cases import models
from introsak.cases.domain import operations as ops
from introsak.cases.models import CaseChange
from tests.workspace.builders import AS_OF, Staff, ended_without_meeting, load, running, staff
from tests.workspace.builders import undecided as undecided_case

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english_and_frozen_clock(settings: Any) -> Iterator[None]:
    settings.INTROSAK_AS_OF = AS_OF
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with translation.override("en"):
        yield


@pytest.fixture
def people() -> Staff:
    return staff()


def _case(case_id: str) -> models.ProgrammeCase:
    return models.ProgrammeCase.objects.select_related("person").get(case_id=case_id)


def _finding(case_id: str, rule: str) -> tuple[str, date | None]:
    row = models.CaseFinding.objects.get(case__case_id=case_id, rule=rule)
    return row.status, row.deadline


def _plan(decided_on: date, **changes: Any) -> casefacts.Plan:
    values: dict[str, Any] = {
        "decided_on": decided_on,
        "duration_months": 24,
        "end_goal": EndGoal.WORK,
        "norwegian_goal": tuple((s, CefrLevel.B1) for s in sorted(LanguageSkill)),
        "elements": ("Norskopplæring", "Språkpraksis"),
        "sub_goals": ("CV på nav.no",),
    }
    values.update(changes)
    return casefacts.Plan(**values)


def _three_party(day: date, documented: bool = True) -> casefacts.Meeting:
    return casefacts.Meeting(
        kind=MeetingKind.THREE_PARTY,
        date=day,
        documented=documented,
        minutes=casefacts.MeetingMinutes(
            attendance="Deltaker, rådgiver og lærer", further_plan="Språkpraksis fra september"
        ),
    )


# --- meeting_record: the three-party meeting that was held but not written down -----------


def test_meeting_record_turns_tri_overdue_into_met_and_bumps_version(people: Staff) -> None:
    load([ended_without_meeting("C-1", "radgiver.sth")])
    case = _case("C-1")
    assert _finding("C-1", "TRI-01") == ("overdue", date(2024, 2, 15))
    row = ops.meeting_record(
        case=case,
        by=people.adviser,
        expected_version=case.version,
        meeting=_three_party(date(2024, 2, 12)),
    )
    after = _case("C-1")
    assert after.version == case.version + 1
    assert _finding("C-1", "TRI-01") == ("met", date(2024, 2, 15))
    assert (row.kind, row.date, row.documented, row.attendance) == (
        "three_party",
        date(2024, 2, 12),
        True,
        "Deltaker, rådgiver og lærer",
    )
    change = CaseChange.objects.get(case=after)
    assert (change.version, change.step, change.user) == (after.version, "meeting", people.adviser)
    assert after.findings_as_of == AS_OF


def test_meeting_record_refuses_three_party_meeting_before_start(people: Staff) -> None:
    load([ended_without_meeting("C-1", "radgiver.sth")])
    case = _case("C-1")
    with pytest.raises(ops.StepRejected) as refused:
        ops.meeting_record(
            case=case,
            by=people.adviser,
            expected_version=case.version,
            meeting=_three_party(date(2024, 1, 10)),
        )
    assert refused.value.errors == {
        "date": ["This kind of meeting cannot be before the programme start (15 Jan 2024)."]
    }
    assert models.Meeting.objects.count() == 0
    assert _case("C-1").version == case.version


def test_meeting_record_refuses_a_future_date(people: Staff) -> None:
    load([ended_without_meeting("C-1", "radgiver.sth")])
    case = _case("C-1")
    with pytest.raises(ops.StepRejected) as refused:
        ops.meeting_record(
            case=case,
            by=people.adviser,
            expected_version=case.version,
            meeting=_three_party(date(2024, 8, 8)),
        )
    assert refused.value.errors == {
        "date": [
            "The date cannot be in the future (today is 7 Aug 2024).",
            # A three-party meeting after the programme's end is refused as well (issue 13).
            "The programme ended on 15 Jul 2024.",
        ]
    }


# --- optimistic concurrency ----------------------------------------------------------------


def test_second_save_from_a_stale_version_is_refused_and_changes_nothing(
    people: Staff,
) -> None:
    load([ended_without_meeting("C-1", "radgiver.sth")])
    opened_by_first = _case("C-1")
    opened_by_second = _case("C-1")
    ops.journal_note_add(
        case=opened_by_first,
        by=people.adviser,
        expected_version=opened_by_first.version,
        written_on=date(2024, 8, 6),
        text="Ringte deltakeren.",
    )
    with pytest.raises(ops.StaleCase) as stale:
        ops.meeting_record(
            case=opened_by_second,
            by=people.coordinator,
            expected_version=opened_by_second.version,
            meeting=_three_party(date(2024, 2, 12)),
        )
    assert (stale.value.expected, stale.value.current) == (
        opened_by_second.version,
        opened_by_second.version + 1,
    )
    assert stale.value.changed_by == "Kari Nordmann (radgiver.sth)"
    assert models.Meeting.objects.count() == 0
    assert _case("C-1").version == opened_by_second.version + 1
    assert _finding("C-1", "TRI-01") == ("overdue", date(2024, 2, 15))


def test_stale_case_after_reimport_names_nobody(people: Staff) -> None:
    load([ended_without_meeting("C-1", "radgiver.sth")])
    case = _case("C-1")
    load([ended_without_meeting("C-1", "radgiver.sth")])
    with pytest.raises(ops.StaleCase) as stale:
        ops.mapping_record(
            case=case,
            by=people.adviser,
            expected_version=case.version,
            mapping_date=date(2023, 11, 20),
        )
    assert (stale.value.changed_by, stale.value.changed_at) == (None, None)


# --- before the decision -------------------------------------------------------------------


def test_mapping_record_sets_date_and_refuses_one_before_settlement(people: Staff) -> None:
    load([undecided_case("C-2", "radgiver.sth", mapping_date=None)])
    case = _case("C-2")
    assert _finding("C-2", "MAP-01") == ("overdue", date(2024, 6, 1))
    with pytest.raises(ops.StepRejected) as refused:
        ops.mapping_record(
            case=case,
            by=people.adviser,
            expected_version=case.version,
            mapping_date=date(2024, 2, 28),
        )
    assert refused.value.errors == {
        "mapping_date": ["The mapping cannot be before the settlement (1 Mar 2024)."]
    }
    ops.mapping_record(
        case=case, by=people.adviser, expected_version=case.version, mapping_date=date(2024, 7, 1)
    )
    assert _case("C-2").mapping_date == date(2024, 7, 1)
    assert _finding("C-2", "MAP-01") == ("met_late", date(2024, 6, 1))


def test_guidance_record_sets_date(people: Staff) -> None:
    load([undecided_case("C-2", "radgiver.sth")])
    case = _case("C-2")
    ops.guidance_record(
        case=case,
        by=people.adviser,
        expected_version=case.version,
        career_guidance_date=date(2024, 5, 2),
    )
    assert _case("C-2").career_guidance_date == date(2024, 5, 2)
    assert _finding("C-2", "GUIDE-01") == ("met", date(2024, 6, 1))


# --- decision, plan, contract, start -------------------------------------------------------


def test_programme_decide_creates_first_plan_with_items_and_meets_plan_rule(
    people: Staff,
) -> None:
    load([undecided_case("C-2", "radgiver.sth")])
    case = _case("C-2")
    assert _finding("C-2", "START-01") == ("overdue", date(2024, 6, 1))
    ops.programme_decide(
        case=case,
        by=people.adviser,
        expected_version=case.version,
        decision_date=date(2024, 8, 5),
        start_date=date(2024, 8, 6),
        plan=_plan(date(2024, 8, 5)),
    )
    after = _case("C-2")
    assert (after.decision_date, after.start_date, after.stage) == (
        date(2024, 8, 5),
        date(2024, 8, 6),
        "in_programme",
    )
    plan = after.plans.get()
    assert (plan.decided_on, plan.end_goal, plan.goal_oral, plan.duration_months) == (
        date(2024, 8, 5),
        "work",
        "B1",
        24,
    )
    assert list(plan.items.values_list("kind", "position", "text")) == [
        ("element", 0, "Norskopplæring"),
        ("element", 1, "Språkpraksis"),
        ("sub_goal", 0, "CV på nav.no"),
    ]
    assert _finding("C-2", "PLAN-01") == ("met", date(2024, 8, 5))
    assert _finding("C-2", "START-01") == ("met_late", date(2024, 6, 1))
    assert _finding("C-2", "CONTRACT-01") == ("overdue", date(2024, 8, 5))


def test_programme_decide_refuses_start_before_decision_and_writes_nothing(
    people: Staff,
) -> None:
    load([undecided_case("C-2", "radgiver.sth")])
    case = _case("C-2")
    with pytest.raises(ops.StepRejected) as refused:
        ops.programme_decide(
            case=case,
            by=people.adviser,
            expected_version=case.version,
            decision_date=date(2024, 8, 5),
            start_date=date(2024, 8, 1),
            plan=_plan(date(2024, 8, 5)),
        )
    assert refused.value.errors == {
        "start_date": ["The start cannot be before the decision (5 Aug 2024)."]
    }
    assert models.IntegrationPlan.objects.count() == 0
    assert _case("C-2").decision_date is None


def test_programme_decide_refuses_a_second_decision(people: Staff) -> None:
    load([running("C-3", "radgiver.sth")])
    case = _case("C-3")
    with pytest.raises(ops.StepRejected) as refused:
        ops.programme_decide(
            case=case,
            by=people.adviser,
            expected_version=case.version,
            decision_date=date(2024, 8, 5),
            plan=_plan(date(2024, 8, 5)),
        )
    assert refused.value.errors == {
        ops.NON_FIELD: [
            "The programme was already decided on 2 May 2024. Record a plan revision instead."
        ]
    }


def test_validator_errors_are_mapped_to_the_form_field(people: Staff) -> None:
    """What the operation's own checks do not cover is caught by the import validator."""
    load([undecided_case("C-2", "radgiver.sth")])
    case = _case("C-2")
    with pytest.raises(ops.StepRejected) as refused:
        ops.programme_decide(
            case=case,
            by=people.adviser,
            expected_version=case.version,
            decision_date=date(2024, 8, 5),
            plan=_plan(date(2024, 8, 5), duration_months=61),
        )
    assert list(refused.value.errors) == ["duration_months"]
    assert refused.value.errors["duration_months"][0].startswith(
        "This does not fit the rest of the case (plans[0].duration_months: "
    )


def test_plan_revise_keeps_history_and_refuses_a_date_before_the_plan_in_force(
    people: Staff,
) -> None:
    load([running("C-3", "radgiver.sth")])
    case = _case("C-3")
    with pytest.raises(ops.StepRejected) as refused:
        ops.plan_revise(
            case=case,
            by=people.adviser,
            expected_version=case.version,
            plan=_plan(date(2024, 5, 1), justification="Endret sluttmål"),
        )
    assert refused.value.errors == {
        "decided_on": [
            "A revision cannot be before the programme decision (2 May 2024).",
            "A revision cannot be before the plan in force (2 May 2024).",
        ]
    }
    ops.plan_revise(
        case=case,
        by=people.adviser,
        expected_version=case.version,
        plan=_plan(
            date(2024, 8, 1),
            end_goal=EndGoal.EDUCATION,
            duration_months=12,
            justification="Ønsker utdanning",
        ),
    )
    plans = list(_case("C-3").plans.values_list("decided_on", "end_goal", "justification"))
    assert plans == [
        (date(2024, 5, 2), "work", ""),
        (date(2024, 8, 1), "education", "Ønsker utdanning"),
    ]


def test_contract_sign_refused_for_collective_protection(people: Staff) -> None:
    load([running("C-3", "radgiver.sth")])
    case = _case("C-3")
    with pytest.raises(ops.StepRejected) as refused:
        ops.contract_sign(
            case=case,
            by=people.adviser,
            expected_version=case.version,
            contract_date=date(2024, 5, 2),
        )
    assert refused.value.errors == {
        ops.NON_FIELD: [
            "Participants with collective protection do not sign an integration contract."
        ]
    }


def test_contract_sign_meets_contract_rule(people: Staff) -> None:
    load(
        [
            undecided_case(
                "C-2",
                "radgiver.sth",
                decision_date="2024-05-30",
                start_date="2024-06-03",
                plans=[
                    {
                        "decided_on": "2024-05-30",
                        "end_goal": "work",
                        "norwegian_goal": "B1",
                        "duration_months": 24,
                    }
                ],
            )
        ]
    )
    case = _case("C-2")
    assert _finding("C-2", "CONTRACT-01") == ("overdue", date(2024, 5, 30))
    with pytest.raises(ops.StepRejected) as refused:
        ops.contract_sign(
            case=case,
            by=people.adviser,
            expected_version=case.version,
            contract_date=date(2024, 5, 29),
        )
    assert refused.value.errors == {
        "contract_date": [
            "The contract cannot be signed before the programme decision (30 May 2024)."
        ]
    }
    ops.contract_sign(
        case=case, by=people.adviser, expected_version=case.version, contract_date=date(2024, 5, 30)
    )
    assert _finding("C-2", "CONTRACT-01") == ("met", date(2024, 5, 30))


def test_programme_start_needs_a_decision(people: Staff) -> None:
    load([undecided_case("C-2", "radgiver.sth")])
    case = _case("C-2")
    with pytest.raises(ops.StepRejected) as refused:
        ops.programme_start(
            case=case, by=people.adviser, expected_version=case.version, start_date=date(2024, 8, 1)
        )
    assert refused.value.errors == {ops.NON_FIELD: ["Record the programme decision first."]}


# --- during the programme ------------------------------------------------------------------


def test_activity_record_needs_a_workplace_for_practice_and_an_end_after_start(
    people: Staff,
) -> None:
    load([running("C-3", "radgiver.sth")])
    case = _case("C-3")
    practice = casefacts.Activity(
        kind=ActivityKind.LANGUAGE_PRACTICE,
        start=date(2024, 8, 1),
        end=date(2024, 7, 1),
        hours_per_week=10,
    )
    with pytest.raises(ops.StepRejected) as refused:
        ops.activity_record(
            case=case, by=people.adviser, expected_version=case.version, activity=practice
        )
    assert refused.value.errors == {
        "end": ["The end cannot be before the start (1 Aug 2024)."],
        "provider": ["Name the workplace of the practice placement."],
    }
    row = ops.activity_record(
        case=case,
        by=people.adviser,
        expected_version=case.version,
        activity=casefacts.Activity(
            kind=ActivityKind.LANGUAGE_PRACTICE,
            start=date(2024, 8, 1),
            hours_per_week=10,
            provider="Sagene barnehage",
        ),
    )
    assert (row.kind, row.provider, row.end) == ("language_practice", "Sagene barnehage", None)


def test_leave_and_extension_move_the_latest_end(people: Staff) -> None:
    load([running("C-3", "radgiver.sth")])
    case = _case("C-3")
    assert _finding("C-3", "END-01") == ("pending", date(2025, 5, 6))
    ops.leave_record(
        case=case,
        by=people.adviser,
        expected_version=case.version,
        leave=casefacts.Leave(
            start=date(2024, 7, 1), end=date(2024, 7, 10), approved=True, reason="Sykdom i familien"
        ),
    )
    assert _finding("C-3", "END-01") == ("pending", date(2025, 5, 16))
    ops.extension_decide(
        case=case,
        by=people.adviser,
        expected_version=case.version + 1,
        extension=casefacts.Extension(
            decided_on=date(2024, 8, 7), months=3, justification="Nær sluttmålet"
        ),
    )
    assert _finding("C-3", "END-01") == ("pending", date(2025, 8, 16))
    assert _case("C-3").version == case.version + 2


def test_leave_refused_before_the_programme_start(people: Staff) -> None:
    load([running("C-3", "radgiver.sth")])
    case = _case("C-3")
    with pytest.raises(ops.StepRejected) as refused:
        ops.leave_record(
            case=case,
            by=people.adviser,
            expected_version=case.version,
            leave=casefacts.Leave(start=date(2024, 5, 1), end=date(2024, 5, 10), approved=True),
        )
    assert refused.value.errors == {
        "start": ["The leave cannot start before the programme (6 May 2024)."]
    }


def test_recognition_record_replaces_and_checks_sender_and_outcome(people: Staff) -> None:
    load([running("C-3", "radgiver.sth")])
    case = _case("C-3")
    with pytest.raises(ops.StepRejected) as refused:
        ops.recognition_record(
            case=case,
            by=people.adviser,
            expected_version=case.version,
            recognition=casefacts.EducationRecognition(
                relevant=True, sent_date=date(2024, 6, 1), outcome_date=date(2024, 5, 1)
            ),
        )
    assert refused.value.errors == {
        "sent_by": ["Say who sent the application."],
        "outcome": ["Give the outcome the date belongs to."],
        "outcome_date": ["The outcome cannot be before the application (1 Jun 2024)."],
    }
    ops.recognition_record(
        case=case,
        by=people.adviser,
        expected_version=case.version,
        recognition=casefacts.EducationRecognition(
            relevant=True,
            sent_date=date(2024, 6, 1),
            sent_by=SentBy.PARTICIPANT,
            outcome=RecognitionOutcome.PENDING,
        ),
    )
    rec = models.EducationRecognition.objects.get(case=case)
    assert (rec.relevant, rec.sent_date, rec.sent_by, rec.outcome) == (
        True,
        date(2024, 6, 1),
        "participant",
        "pending",
    )
    assert _finding("C-3", "EDU-01") == ("met", date(2024, 8, 6))


def test_jobseeker_register_meets_jobseek_rule(people: Staff) -> None:
    load([running("C-3", "radgiver.sth", jobseeker_registered_date=None)])
    case = _case("C-3")
    assert _finding("C-3", "JOBSEEK-01") == ("overdue", date(2024, 7, 1))
    ops.jobseeker_register(
        case=case, by=people.adviser, expected_version=case.version, registered_on=date(2024, 6, 20)
    )
    assert _finding("C-3", "JOBSEEK-01") == ("met", date(2024, 7, 1))


# --- the end -------------------------------------------------------------------------------


def test_case_end_then_certificate(people: Staff) -> None:
    load([running("C-3", "radgiver.sth")])
    case = _case("C-3")
    with pytest.raises(ops.StepRejected) as refused:
        ops.certificate_issue(
            case=case, by=people.adviser, expected_version=case.version, issued_on=date(2024, 8, 7)
        )
    assert refused.value.errors == {
        ops.NON_FIELD: ["The certificate is issued when the programme ends: record the end first."]
    }
    ops.case_end(
        case=case,
        by=people.adviser,
        expected_version=case.version,
        end_date=date(2024, 8, 2),
        end_reason="work",
    )
    after = _case("C-3")
    assert (after.end_date, after.end_reason, after.stage) == (date(2024, 8, 2), "work", "ended")
    assert _finding("C-3", "CERT-01") == ("pending", date(2024, 9, 1))
    ops.certificate_issue(
        case=case, by=people.adviser, expected_version=after.version, issued_on=date(2024, 8, 7)
    )
    assert _finding("C-3", "CERT-01") == ("met", date(2024, 9, 1))
    assert _case("C-3").stage == "certified"


def test_case_end_refused_before_start(people: Staff) -> None:
    load([running("C-3", "radgiver.sth")])
    case = _case("C-3")
    with pytest.raises(ops.StepRejected) as refused:
        ops.case_end(
            case=case,
            by=people.adviser,
            expected_version=case.version,
            end_date=date(2024, 5, 1),
            end_reason="work",
        )
    assert refused.value.errors == {
        "end_date": ["The end cannot be before the start (6 May 2024)."]
    }


# --- journal and adviser -------------------------------------------------------------------


def test_journal_note_add_records_author(people: Staff) -> None:
    load([running("C-3", "radgiver.sth")])
    case = _case("C-3")
    note = ops.journal_note_add(
        case=case,
        by=people.adviser,
        expected_version=case.version,
        written_on=date(2024, 8, 7),
        text="Trekantsamtale avtalt.",
    )
    assert (note.author, note.text) == (people.adviser, "Trekantsamtale avtalt.")


def test_case_reassign_only_to_an_adviser_of_the_district(people: Staff) -> None:
    # Who may reassign at all is the gateway's (tests/access/test_gateway.py).
    load([running("C-3", "radgiver.sth")])
    case = _case("C-3")
    with pytest.raises(ops.StepRejected) as refused:
        ops.case_reassign(
            case=case,
            by=people.coordinator,
            expected_version=case.version,
            adviser=people.other_adviser,
        )
    assert refused.value.errors == {
        "adviser": ["Choose an active programme adviser in the case's district."]
    }
    ops.case_reassign(
        case=case, by=people.coordinator, expected_version=case.version, adviser=people.colleague
    )
    assert _case("C-3").adviser == people.colleague


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="parallel transactions are tested on PostgreSQL"
)
@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_saves_of_the_same_version_one_wins(settings: Any) -> None:
    """Two editors press "save" at the same moment: the row lock makes one wait, and it
    then finds the version moved. Needs real parallel transactions (PostgreSQL); SQLite's
    shared-cache test database does not wait for locks, it refuses at once."""

    people = staff()
    load([ended_without_meeting("C-1", "radgiver.sth")])
    case = _case("C-1")
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def save(by: Any, day: date) -> None:
        try:
            barrier.wait()
            with translation.override("en"):
                ops.meeting_record(
                    case=case, by=by, expected_version=case.version, meeting=_three_party(day)
                )
            outcomes.append("saved")
        except ops.StaleCase:
            outcomes.append("stale")
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=save, args=(people.adviser, date(2024, 2, 12))),
        threading.Thread(target=save, args=(people.coordinator, date(2024, 2, 13))),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["saved", "stale"]
    assert models.Meeting.objects.count() == 1
    assert _case("C-1").version == case.version + 1
