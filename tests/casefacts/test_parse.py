"""``parse_case``: every validation rule of the case-facts format, with its exact message."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from introsak.casefacts.enums import (
    ActivityKind,
    CefrLevel,
    EducationLevel,
    LanguageSkill,
    ProtectedAddress,
    ResidenceBasis,
)
from introsak.casefacts.model import Activity, CaseFacts, Person, Plan
from introsak.casefacts.parse import FieldError, InvalidRecord, ParsedCase, parse_case

Mutation = Callable[[dict[str, Any]], None]
_STEP = re.compile(r"([\w-]+)(?:\[(\d+)\])?")


def _parent(obj: dict[str, Any], path: str) -> tuple[Any, str | int]:
    """The container holding ``path`` ("plans[0].duration_months") and the last key."""
    steps: list[str | int] = []
    for part in path.split("."):
        match = _STEP.fullmatch(part)
        assert match, part
        steps.append(match[1])
        if match[2] is not None:
            steps.append(int(match[2]))
    for step in steps[:-1]:
        obj = obj[step]  # type: ignore[index]
    return obj, steps[-1]


def put(path: str, value: object) -> Mutation:
    def mutate(case: dict[str, Any]) -> None:
        parent, key = _parent(case, path)
        parent[key] = value

    return mutate


def drop(path: str) -> Mutation:
    def mutate(case: dict[str, Any]) -> None:
        parent, key = _parent(case, path)
        del parent[key]

    return mutate


def _empty(path: str) -> Mutation:
    return put(path, [])


# A programme that ends at its start has no meetings, leave or extensions later on.
_NOTHING_AFTER_START = (_empty("meetings"), _empty("leaves"), _empty("extensions"))


def both(*mutations: Mutation) -> Mutation:
    def mutate(case: dict[str, Any]) -> None:
        for mutation in mutations:
            mutation(case)

    return mutate


def errors_of(case: object, **options: Any) -> list[str]:
    with pytest.raises(InvalidRecord) as invalid:
        parse_case(case, line=3, **options)
    return [str(error) for error in invalid.value.errors]


RESIDENCE_BASES = (
    "collective_protection, refugee, resettlement_refugee, humanitarian, family_reunification, "
    "independent_permit, other"
)
DISTRICTS = (
    "alna, bjerke, frogner, gamle_oslo, grorud, grunerlokka, nordre_aker, nordstrand, ostensjo, "
    "sagene, sondre_nordstrand, st_hanshaugen, stovner, ullern, vestre_aker"
)
CEFR = "A1, A2, B1, B2, C1, C2"
PROTECTED_ADDRESSES = "none, confidential, strictly_confidential"
END_GOALS = "work, education, upper_secondary_completion, primary_education, other"
MEETING_KINDS = "three_party, transfer, closing, resource_team"
ACTIVITY_KINDS = (
    "norwegian_training, social_studies, life_skills_course, parental_guidance, "
    "language_practice, work_practice, job_workshop, labour_market_measure, part_time_work, "
    "vocational_course, wage_subsidy_job, job_fair, pre_course, other"
)
OUTCOMES = "pending, approved, partially_approved, refused, withdrawn"
END_REASONS = "work, education, labour_market_measure, qualification_measure, other, not_registered"


# --- accepted records ------------------------------------------------------------------------


def test_minimal_case_gets_the_defaults(minimal_case: dict[str, Any]) -> None:
    assert parse_case(minimal_case) == ParsedCase(
        case=CaseFacts(
            case_id="C-1",
            district="alna",
            person=Person(
                birth_date=date(1990, 1, 1),
                residence_basis=ResidenceBasis.REFUGEE,
                permit_date=date(2022, 11, 20),
                settlement_date=date(2023, 1, 15),
                settled_by_agreement=False,
                education_level=EducationLevel.NONE,
            ),
        ),
        warnings=[],
    )


def test_lists_and_optional_fields_may_be_omitted_or_null(minimal_case: dict[str, Any]) -> None:
    for key in ("plans", "meetings", "activities", "leaves", "extensions"):
        del minimal_case[key]
    minimal_case |= {"journal_notes": None, "end_date": None, "education_recognition": None}
    minimal_case["person"] |= {"national_id": None, "protected_address": None, "sex": None}
    parsed = parse_case(minimal_case)
    assert parsed.case.plans == ()
    assert parsed.case.person.protected_address is ProtectedAddress.NONE
    assert parsed.case.end_date is None


def test_full_case_is_read_into_typed_values(full_case: dict[str, Any]) -> None:
    case = parse_case(full_case, as_of=date(2025, 12, 31)).case
    assert case.person.national_id == "01819000049"
    assert case.person.protected_address is ProtectedAddress.CONFIDENTIAL
    assert case.part_time_percent == 80
    assert case.plans[0] == Plan(
        decided_on=date(2023, 3, 15),
        duration_months=24,
        end_goal=case.plans[0].end_goal,
        norwegian_goal=tuple((skill, CefrLevel.B1) for skill in sorted(LanguageSkill)),
        elements=("norwegian_training", "work_practice"),
        sub_goals=("Førerkort klasse B",),
        justification="Har erfaring som sykepleier.",
    )
    assert case.plans[1].norwegian_goal == (
        (LanguageSkill.ORAL, CefrLevel.B2),
        (LanguageSkill.WRITING, CefrLevel.B1),
    )
    assert case.activities[0] == Activity(
        kind=ActivityKind.NORWEGIAN_TRAINING,
        start=date(2023, 3, 15),
        end=date(2024, 6, 30),
        hours_per_week=15.0,
        provider="Bjerke voksenopplæring",
    )
    assert type(case.activities[0].hours_per_week) is float


def test_norwegian_goal_b1_means_all_four_skills(minimal_case: dict[str, Any]) -> None:
    minimal_case["plans"] = [
        {"decided_on": "2023-03-01", "norwegian_goal": "B1", "duration_months": 24}
    ]
    goal = parse_case(minimal_case).case.plans[0].norwegian_goal
    assert goal == (
        (LanguageSkill.LISTENING, CefrLevel.B1),
        (LanguageSkill.ORAL, CefrLevel.B1),
        (LanguageSkill.READING, CefrLevel.B1),
        (LanguageSkill.WRITING, CefrLevel.B1),
    )


def test_norwegian_goal_object_may_leave_skills_null(minimal_case: dict[str, Any]) -> None:
    goal = {"writing": "A2", "oral": "B1", "reading": None}
    minimal_case["plans"] = [
        {"decided_on": "2023-03-01", "norwegian_goal": goal, "duration_months": 24}
    ]
    assert parse_case(minimal_case).case.plans[0].norwegian_goal == (
        (LanguageSkill.ORAL, CefrLevel.B1),
        (LanguageSkill.WRITING, CefrLevel.A2),
    )


@pytest.mark.parametrize(
    "mutate",
    [
        put("part_time_percent", 1),
        put("part_time_percent", 100),
        put("plans[0].duration_months", 1),
        put("plans[0].duration_months", 60),
        put("extensions[0].months", 1),
        put("activities[0].hours_per_week", 0),
        put("activities[0].hours_per_week", 168),
        put("activities[0].hours_per_week", 37.5),
        put("activities[0].end", "2023-03-15"),  # ends the day it starts
        put("leaves[0].end", "2023-07-01"),
        put("person.birth_date", "2022-11-20"),  # born the day of the permit
        put("decision_date", "2023-01-15"),  # decided the day of settlement
        put("start_date", "2023-03-01"),  # started the day of the decision
        # ended the day it started (nothing of the running programme dated later)
        both(put("end_date", "2023-03-15"), *_NOTHING_AFTER_START),
        put("certificate_issued_date", "2025-08-31"),  # issued on the last day
        put("education_recognition.outcome_date", "2023-05-01"),
        put("person.national_id", "41017012337"),  # a D-number
        put("person.national_id", "30108299939"),  # valid only under the 2032 rule
        drop("education_recognition.sent_by"),  # a sending date without a sender is fine
        both(put("person.protected_address", "strictly_confidential"), drop("person.address")),
        drop("end_reason"),  # an end date without a reason is fine
    ],
)
def test_parse_case_accepts(full_case: dict[str, Any], mutate: Mutation) -> None:
    mutate(full_case)
    assert parse_case(full_case).case.case_id == "BJ-2023-0042"


# --- rejected records: one table per kind of problem -----------------------------------------

REQUIRED = [
    (drop("case_id"), "case_id: required field missing"),
    (put("case_id", None), "case_id: required field is null"),
    (drop("district"), "district: required field missing"),
    (drop("person"), "person: required field missing"),
    (drop("person.birth_date"), "person.birth_date: required field missing"),
    (drop("person.residence_basis"), "person.residence_basis: required field missing"),
    (drop("person.permit_date"), "person.permit_date: required field missing"),
    (drop("person.settlement_date"), "person.settlement_date: required field missing"),
    (
        put("person.settled_by_agreement", None),
        "person.settled_by_agreement: required field is null",
    ),
    (drop("person.education_level"), "person.education_level: required field missing"),
    (drop("plans[0].decided_on"), "plans[0].decided_on: required field missing"),
    (drop("plans[1].duration_months"), "plans[1].duration_months: required field missing"),
    (drop("meetings[1].kind"), "meetings[1].kind: required field missing"),
    (drop("meetings[0].date"), "meetings[0].date: required field missing"),
    (drop("meetings[0].documented"), "meetings[0].documented: required field missing"),
    (drop("activities[0].kind"), "activities[0].kind: required field missing"),
    (drop("activities[1].start"), "activities[1].start: required field missing"),
    (drop("activities[1].hours_per_week"), "activities[1].hours_per_week: required field missing"),
    (drop("leaves[0].start"), "leaves[0].start: required field missing"),
    (drop("leaves[0].approved"), "leaves[0].approved: required field missing"),
    (drop("extensions[0].decided_on"), "extensions[0].decided_on: required field missing"),
    (drop("extensions[0].months"), "extensions[0].months: required field missing"),
    (
        drop("education_recognition.relevant"),
        "education_recognition.relevant: required field missing",
    ),
    (put("education_recognition", {}), "education_recognition.relevant: required field missing"),
    (drop("journal_notes[0].written_on"), "journal_notes[0].written_on: required field missing"),
    (put("journal_notes[0].text", None), "journal_notes[0].text: required field is null"),
]

TYPES = [
    (put("case_id", 42), "case_id: expected a string, got 42"),
    (put("case_id", "  "), "case_id: must not be blank"),
    (put("person", "Amina"), 'person: expected an object, got "Amina"'),
    (put("person", [1]), "person: expected an object, got an array"),
    (put("person.name", ""), "person.name: must not be blank"),
    (put("person.name", ["Amina", "Testesen"]), "person.name: expected a string, got an array"),
    (
        put("person.settled_by_agreement", "yes"),
        'person.settled_by_agreement: expected true or false, got "yes"',
    ),
    (
        put("person.settled_by_agreement", 1),
        "person.settled_by_agreement: expected true or false, got 1",
    ),
    (
        put("person.has_children_under_18", "false"),
        'person.has_children_under_18: expected true or false, got "false"',
    ),
    (put("meetings[0].documented", 0), "meetings[0].documented: expected true or false, got 0"),
    (put("part_time_percent", 1.5), "part_time_percent: expected an integer, got 1.5"),
    (put("part_time_percent", "3"), 'part_time_percent: expected an integer, got "3"'),
    (put("part_time_percent", 80.0), "part_time_percent: expected an integer, got 80.0"),
    (put("part_time_percent", True), "part_time_percent: expected an integer, got true"),
    (put("part_time_percent", 0), "part_time_percent: must be between 1 and 100, got 0"),
    (put("part_time_percent", 101), "part_time_percent: must be between 1 and 100, got 101"),
    (
        put("plans[0].duration_months", 0),
        "plans[0].duration_months: must be between 1 and 60, got 0",
    ),
    (
        put("plans[0].duration_months", 61),
        "plans[0].duration_months: must be between 1 and 60, got 61",
    ),
    (
        put("plans[0].duration_months", "24"),
        'plans[0].duration_months: expected an integer, got "24"',
    ),
    (put("extensions[0].months", 0), "extensions[0].months: must be between 1 and 60, got 0"),
    (
        put("activities[0].hours_per_week", "15"),
        'activities[0].hours_per_week: expected a number, got "15"',
    ),
    (
        put("activities[0].hours_per_week", True),
        "activities[0].hours_per_week: expected a number, got true",
    ),
    (
        put("activities[0].hours_per_week", -1),
        "activities[0].hours_per_week: must be between 0 and 168, got -1",
    ),
    (
        put("activities[0].hours_per_week", 168.5),
        "activities[0].hours_per_week: must be between 0 and 168, got 168.5",
    ),
    (
        put("activities[0].hours_per_week", float("nan")),
        "activities[0].hours_per_week: expected a number, got NaN",
    ),
    (put("plans", {}), "plans: expected an array, got an object"),
    (put("plans", "B1"), 'plans: expected an array, got "B1"'),
    (put("meetings", [3]), "meetings[0]: expected an object, got 3"),
    (
        put("plans[0].elements", "norwegian_training"),
        'plans[0].elements: expected an array, got "norwegian_training"',
    ),
    (
        put("plans[0].elements", ["work_practice", 1]),
        "plans[0].elements[1]: expected a string, got 1",
    ),
    (put("plans[0].sub_goals", [""]), "plans[0].sub_goals[0]: must not be blank"),
    (put("meetings[1].minutes", "ok"), 'meetings[1].minutes: expected an object, got "ok"'),
    (put("meetings[1].minutes.notes", 5), "meetings[1].minutes.notes: expected a string, got 5"),
    (put("education_recognition", True), "education_recognition: expected an object, got true"),
    (put("plans[0].elements", [None]), "plans[0].elements[0]: expected a string, got null"),
]

ENUMERATIONS = [
    (put("district", "oslo"), f'district: unknown value "oslo"; expected one of: {DISTRICTS}'),
    (
        put("person.residence_basis", "refugees"),
        f'person.residence_basis: unknown value "refugees"; expected one of: {RESIDENCE_BASES}',
    ),
    (put("person.sex", "x"), 'person.sex: unknown value "x"; expected one of: female, male'),
    (put("person.education_level", 3), "person.education_level: expected a string, got 3"),
    (
        put("person.protected_address", "kode6"),
        f'person.protected_address: unknown value "kode6"; expected one of: {PROTECTED_ADDRESSES}',
    ),
    (
        put("plans[0].end_goal", "job"),
        f'plans[0].end_goal: unknown value "job"; expected one of: {END_GOALS}',
    ),
    (
        put("plans[0].norwegian_goal", "B3"),
        f'plans[0].norwegian_goal: unknown value "B3"; expected one of: {CEFR}',
    ),
    (
        put("plans[0].norwegian_goal", "b1"),
        f'plans[0].norwegian_goal: unknown value "b1"; expected one of: {CEFR}',
    ),
    (
        put("plans[0].norwegian_goal", 1),
        'plans[0].norwegian_goal: expected a CEFR level such as "B1" or an object per skill, got 1',
    ),
    (
        put("plans[0].norwegian_goal", {}),
        "plans[0].norwegian_goal: must give a level for at least one skill",
    ),
    (
        put("plans[0].norwegian_goal", {"oral": None}),
        "plans[0].norwegian_goal: must give a level for at least one skill",
    ),
    (
        put("plans[0].norwegian_goal", {"speaking": "B1"}),
        "plans[0].norwegian_goal.speaking: unknown field",
    ),
    (
        put("plans[0].norwegian_goal", {"oral": "B"}),
        f'plans[0].norwegian_goal.oral: unknown value "B"; expected one of: {CEFR}',
    ),
    (
        put("meetings[0].kind", "trekant"),
        f'meetings[0].kind: unknown value "trekant"; expected one of: {MEETING_KINDS}',
    ),
    (
        put("activities[1].kind", "language-practice"),
        f'activities[1].kind: unknown value "language-practice"; expected one of: {ACTIVITY_KINDS}',
    ),
    (
        put("education_recognition.sent_by", "kommune"),
        'education_recognition.sent_by: unknown value "kommune"; expected one of: nav, participant',
    ),
    (
        put("education_recognition.outcome", "ok"),
        f'education_recognition.outcome: unknown value "ok"; expected one of: {OUTCOMES}',
    ),
    (
        put("end_reason", "job"),
        f'end_reason: unknown value "job"; expected one of: {END_REASONS}',
    ),
]

DATES = [
    (put("person.birth_date", "2023-02-30"), "person.birth_date: not a real date (2023-02-30)"),
    (put("person.birth_date", "1990-13-01"), "person.birth_date: not a real date (1990-13-01)"),
    (put("claim_date", "2023-00-10"), "claim_date: not a real date (2023-00-10)"),
    (put("claim_date", "2023-1-5"), 'claim_date: not a YYYY-MM-DD date ("2023-1-5")'),
    (put("claim_date", "20.01.2023"), 'claim_date: not a YYYY-MM-DD date ("20.01.2023")'),
    (put("claim_date", "20230120"), 'claim_date: not a YYYY-MM-DD date ("20230120")'),
    (
        put("claim_date", "2023-01-20T00:00"),
        'claim_date: not a YYYY-MM-DD date ("2023-01-20T00:00")',
    ),
    (put("claim_date", "２０２３-01-20"), 'claim_date: not a YYYY-MM-DD date ("２０２３-01-20")'),
    (put("claim_date", 20230120), "claim_date: expected a date YYYY-MM-DD, got 20230120"),
    (put("meetings[0].date", ""), 'meetings[0].date: not a YYYY-MM-DD date ("")'),
    (
        put("journal_notes[0].written_on", "2023-02-29"),
        "journal_notes[0].written_on: not a real date (2023-02-29)",
    ),
]

IDENTITY_NUMBERS = [
    (
        put("person.national_id", "15108695077"),
        "person.national_id: check digits do not match (151086*****)",
    ),
    (put("person.national_id", "0101900008"), "person.national_id: not 11 digits (010190****)"),
    (put("person.national_id", "010190 00083"), "person.national_id: not 11 digits (010190******)"),
    (put("person.national_id", "31029000096"), "person.national_id: not a real date (310290*****)"),
    (
        put("person.national_id", "13527200029"),
        "person.national_id: an H-number is not accepted; "
        "expected a fødselsnummer or D-number (135272*****)",
    ),
    (put("person.national_id", 1508695088), "person.national_id: expected a string, got a number"),
    (put("person.national_id", ""), "person.national_id: must not be blank"),
    (put("person.duf_number", "201212345604"), "person.duf_number: check digits do not match"),
    (put("person.duf_number", "2012123456"), "person.duf_number: not 12 digits"),
    (put("person.duf_number", 201212345603), "person.duf_number: expected a string, got a number"),
]

UNKNOWN_FIELDS = [
    (put("foo", 1), "foo: unknown field"),
    (put("case-id", "x"), "case-id: unknown field"),
    (put("person.nationality", "SY"), "person.nationality: unknown field"),
    (put("plans[1].goal", "work"), "plans[1].goal: unknown field"),
    (put("meetings[1].minutes.summary", "ok"), "meetings[1].minutes.summary: unknown field"),
    (put("activities[0].hours", 15), "activities[0].hours: unknown field"),
    (put("leaves[0].approved_by", "x"), "leaves[0].approved_by: unknown field"),
    (put("extensions[0].until", "2026-01-01"), "extensions[0].until: unknown field"),
    (put("education_recognition.sent", True), "education_recognition.sent: unknown field"),
    (put("journal_notes[0].date", "2023-03-16"), "journal_notes[0].date: unknown field"),
]

EVENT_ORDERS = [
    (put("start_date", "2023-02-28"), "start_date: before decision_date (2023-03-01)"),
    (
        put("decision_date", "2023-01-14"),
        "decision_date: before person.settlement_date (2023-01-15)",
    ),
    (
        both(drop("decision_date"), put("start_date", "2023-01-01")),
        "start_date: before person.settlement_date (2023-01-15)",
    ),
    (
        both(put("end_date", "2023-03-14"), *_NOTHING_AFTER_START),
        "end_date: before start_date (2023-03-15)",
    ),
    (
        both(put("meetings[0].kind", "three_party"), put("meetings[0].date", "2025-09-01")),
        "meetings[0].date: after end_date (2025-08-31)",
    ),
    (
        put("extensions[0].decided_on", "2025-09-01"),
        "extensions[0].decided_on: after end_date (2025-08-31)",
    ),
    (
        both(put("leaves[0].start", "2025-09-01"), put("leaves[0].end", "2025-09-10")),
        "leaves[0].start: after end_date (2025-08-31)",
    ),
    (put("activities[0].end", "2023-03-14"), "activities[0].end: before start (2023-03-15)"),
    (put("leaves[0].end", "2023-06-30"), "leaves[0].end: before start (2023-07-01)"),
    (
        put("person.birth_date", "2022-11-21"),
        "person.birth_date: after person.permit_date (2022-11-20)",
    ),
    (
        put("certificate_issued_date", "2025-08-30"),
        "certificate_issued_date: before end_date (2025-08-31)",
    ),
    (both(drop("end_date"), drop("end_reason")), "certificate_issued_date: given without end_date"),
    (both(drop("end_date"), drop("certificate_issued_date")), "end_reason: given without end_date"),
    (
        drop("education_recognition.sent_date"),
        "education_recognition.sent_by: given without sent_date",
    ),
    (
        drop("education_recognition.outcome"),
        "education_recognition.outcome_date: given without outcome",
    ),
    (
        put("education_recognition.outcome_date", "2023-04-30"),
        "education_recognition.outcome_date: before sent_date (2023-05-01)",
    ),
    (
        put("person.protected_address", "strictly_confidential"),
        "person.address: must be absent for strictly_confidential persons",
    ),
]


@pytest.mark.parametrize(
    ("mutate", "message"),
    REQUIRED + TYPES + ENUMERATIONS + DATES + IDENTITY_NUMBERS + UNKNOWN_FIELDS,
)
def test_parse_case_rejects(full_case: dict[str, Any], mutate: Mutation, message: str) -> None:
    mutate(full_case)
    assert errors_of(full_case) == [f"line 3: {message}"]


@pytest.mark.parametrize(("mutate", "message"), EVENT_ORDERS)
def test_parse_case_rejects_impossible_event_orders(
    full_case: dict[str, Any], mutate: Mutation, message: str
) -> None:
    mutate(full_case)
    assert errors_of(full_case) == [f"line 3: {message}"]


def test_parse_case_reports_every_error_of_a_record(full_case: dict[str, Any]) -> None:
    full_case["case_id"] = ""
    full_case["colour"] = "blue"
    full_case["person"]["birth_date"] = "2023-02-30"
    full_case["person"]["national_id"] = "15108695077"
    full_case["plans"][1]["duration_months"] = 1.5
    full_case["activities"][1]["kind"] = "knitting"
    full_case["leaves"][0]["end"] = "2023-06-01"
    full_case["start_date"] = "2023-02-01"
    assert errors_of(full_case) == [
        "line 3: colour: unknown field",
        "line 3: case_id: must not be blank",
        "line 3: person.national_id: check digits do not match (151086*****)",
        "line 3: person.birth_date: not a real date (2023-02-30)",
        "line 3: plans[1].duration_months: expected an integer, got 1.5",
        f'line 3: activities[1].kind: unknown value "knitting"; expected one of: {ACTIVITY_KINDS}',
        "line 3: leaves[0].end: before start (2023-07-01)",
        "line 3: start_date: before decision_date (2023-03-01)",
    ]


def test_order_checks_still_run_when_the_person_has_other_errors(full_case: dict[str, Any]) -> None:
    full_case["person"]["sex"] = "unknown"
    full_case["decision_date"] = "2023-01-01"
    assert errors_of(full_case) == [
        'line 3: person.sex: unknown value "unknown"; expected one of: female, male',
        "line 3: decision_date: before person.settlement_date (2023-01-15)",
    ]


def test_synthetic_numbers_are_refused_when_not_allowed(full_case: dict[str, Any]) -> None:
    assert errors_of(full_case, allow_synthetic_ids=False) == [
        "line 3: person.national_id: synthetic test number not allowed (018190*****)"
    ]


def test_identity_numbers_are_never_echoed_whole(full_case: dict[str, Any]) -> None:
    full_case["person"]["national_id"] = "15108695077"
    full_case["person"]["duf_number"] = "201212345604"
    assert all("15108695077" not in e and "201212345604" not in e for e in errors_of(full_case))


@pytest.mark.parametrize(
    ("value", "kind"),
    [([], "an array"), ("case", "a string"), (7, "a number"), (None, "null"), (True, "a boolean")],
)
def test_parse_case_rejects_a_value_that_is_not_an_object(value: object, kind: str) -> None:
    assert errors_of(value) == [f"line 3: (json): expected a JSON object, got {kind}"]


def test_long_bad_values_are_shortened(full_case: dict[str, Any]) -> None:
    full_case["person"]["sex"] = "f" * 60
    assert errors_of(full_case) == [
        f'line 3: person.sex: unknown value "{"f" * 39}…"; expected one of: female, male'
    ]


# --- warnings ----------------------------------------------------------------------------------


def test_dates_after_the_as_of_date_are_warnings(full_case: dict[str, Any]) -> None:
    parsed = parse_case(full_case, line=3, as_of=date(2025, 8, 31))
    assert [str(w) for w in parsed.warnings] == [
        "line 3: certificate_issued_date: after the as-of date (2025-08-31)",
    ]
    assert parsed.case.certificate_issued_date == date(2025, 9, 5)


def test_every_future_date_is_warned_about(full_case: dict[str, Any]) -> None:
    parsed = parse_case(full_case, as_of=date(2024, 12, 31))
    # in the order the parser reads them: the case's own dates before its lists
    assert [w.field for w in parsed.warnings] == [
        "end_date",
        "certificate_issued_date",
        "extensions[0].decided_on",
    ]


@pytest.mark.parametrize(
    ("settlement", "start", "warned"),
    [
        ("2015-03-01", "2020-03-01", False),  # exactly five years
        ("2015-03-01", "2020-03-02", True),
        ("2016-02-29", "2021-02-28", False),  # 29 February: five years later is 28 February
        ("2016-02-29", "2021-03-01", True),
    ],
)
def test_start_more_than_five_years_after_settlement_is_a_warning(
    minimal_case: dict[str, Any], settlement: str, start: str, warned: bool
) -> None:
    minimal_case["person"] |= {"permit_date": "2015-01-01", "settlement_date": settlement}
    minimal_case["start_date"] = start
    warnings = parse_case(minimal_case, line=3).warnings
    expected = f"line 3: start_date: more than 5 years after person.settlement_date ({settlement})"
    assert [str(w) for w in warnings] == ([expected] if warned else [])


# --- the error types ---------------------------------------------------------------------------


def test_field_error_formats_with_and_without_a_line() -> None:
    assert str(FieldError(7, "plans[0].duration_months", "required field missing")) == (
        "line 7: plans[0].duration_months: required field missing"
    )
    assert str(FieldError(None, "case_id", "must not be blank")) == "case_id: must not be blank"


def test_invalid_record_message_lists_every_error() -> None:
    errors = [FieldError(1, "a", "x"), FieldError(1, "b", "y")]
    assert str(InvalidRecord(errors)) == "line 1: a: x\nline 1: b: y"
