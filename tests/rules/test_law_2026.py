"""The law as of December 2026 (issue 13): chapter 6A past its sunset, the version per case."""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from introsak.casefacts.enums import EducationLevel, EndGoal, EndReason, MeetingKind, ResidenceBasis
from introsak.casefacts.model import CaseFacts, Extension, Leave, Meeting, Person, Plan
from introsak.casefacts.parse import InvalidRecord, parse_case
from introsak.casefacts.serialize import case_to_dict
from introsak.rules import Category, ParameterSet, evaluate
from introsak.rules.engine import Evaluator
from introsak.rules.parameter_set import PACKAGE_PARAMETERS_DIR

DECEMBER_2026 = date(2026, 12, 1)


def _collective_30(**case: object) -> CaseFacts:
    """30 years old on 2026-12-01, collective protection, settled by agreement in 2024."""
    person = Person(
        birth_date=date(1996, 6, 1),
        residence_basis=ResidenceBasis.COLLECTIVE_PROTECTION,
        permit_date=date(2024, 3, 1),
        settlement_date=date(2024, 10, 1),
        settled_by_agreement=True,
        education_level=EducationLevel.UPPER_SECONDARY,
    )
    return CaseFacts(case_id="c30", district="alna", person=person, **case)  # type: ignore[arg-type]


def test_collective_protection_past_the_sunset_is_not_may_offer_and_says_its_reading() -> None:
    case = _collective_30(claim_date=date(2026, 10, 15))
    findings = evaluate(case, DECEMBER_2026)
    assert {f.category for f in findings} == {Category.RIGHT_AND_DUTY}
    [start] = [f for f in findings if f.rule == "START-01"]
    assert (start.status.value, start.deadline) == ("pending", date(2027, 1, 15))
    assert start.explanation["en"] == (
        "The programme has not started; the deadline is 2027-01-15 (3 months after the claim for a "
        "programme 2026-10-15) (the temporary rules of chapter 6A applied until 2026-07-01 by "
        "the last "
        "prolongation we have a source for; the case is judged under the ordinary rules of "
        "IL §§ 8–9, because a permit under the Immigration Act § 34 is a § 9 basis – the "
        "best-supported reading, but not confirmed after 2026-06-30 (had they been prolonged "
        "again, the person would have a right but no duty))."
    )
    assert "ikke bekreftet etter 30.06.2026" in start.explanation["nb"]


def test_collective_protection_decided_under_chapter_6a_keeps_its_right_only() -> None:
    plan = Plan(decided_on=date(2024, 11, 1), duration_months=12, end_goal=EndGoal.WORK)
    case = _collective_30(decision_date=date(2024, 11, 1), plans=(plan,))
    findings = evaluate(case, DECEMBER_2026)
    assert {f.category for f in findings} == {Category.RIGHT_ONLY}
    assert all("6A" not in f.explanation["en"] for f in findings)


def test_the_prolonged_reading_gives_a_right_only_and_says_so(tmp_path: Path) -> None:
    directory = tmp_path / "parameters"
    shutil.copytree(PACKAGE_PARAMETERS_DIR, directory)
    path = directory / "temporary_rules_lapse_reading.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(": ordinary_rules", ": prolonged"))
    case = _collective_30(claim_date=date(2026, 10, 15))
    [start] = evaluate(
        case, DECEMBER_2026, rules=["START-01"], parameters=ParameterSet.load(directory)
    )
    assert start.category is Category.RIGHT_ONLY
    assert (
        "read as prolonged after 2026-07-01; this is not confirmed after 2026-06-30"
        in (start.explanation["en"])
    )


def _aged_57(decision: date) -> CaseFacts:
    """57 on the permit date: over the base limit 55, within the revision's 60."""
    person = Person(
        birth_date=date(1966, 11, 1),
        residence_basis=ResidenceBasis.REFUGEE,
        permit_date=date(2023, 12, 1),
        settlement_date=date(2024, 1, 20),
        settled_by_agreement=True,
        education_level=EducationLevel.PRIMARY,
    )
    plan = Plan(decided_on=decision, duration_months=24, end_goal=EndGoal.WORK)
    return CaseFacts(
        case_id="v57", district="alna", person=person, decision_date=decision, plans=(plan,)
    )


def test_a_case_decided_in_2024_uses_the_2024_rule_set_in_december_2026() -> None:
    case = _aged_57(date(2024, 4, 10))
    assert Evaluator(DECEMBER_2026).prepared_for(case).version.id == "IL-2021"
    [duration] = evaluate(case, DECEMBER_2026, rules=["DURATION-01"])
    assert (duration.category, duration.source) == (Category.MAY_OFFER, "IL §§ 13–14")


def test_a_case_decided_after_the_revision_uses_the_2025_rule_set() -> None:
    case = _aged_57(date(2026, 3, 2))
    case = replace(case, person=replace(case.person, settlement_date=date(2025, 10, 1)))
    assert Evaluator(DECEMBER_2026).prepared_for(case).version.id == "IL-2025"
    [duration] = evaluate(case, DECEMBER_2026, rules=["DURATION-01"])
    assert (duration.category, duration.source) == (Category.RIGHT_AND_DUTY, "IL §§ 13–14 (2025)")


def test_a_case_without_a_decision_follows_the_law_of_the_evaluation_date() -> None:
    case = replace(_aged_57(date(2024, 4, 10)), decision_date=None, plans=())
    assert Evaluator(date(2025, 6, 1)).prepared_for(case).version.id == "IL-2021"
    assert Evaluator(DECEMBER_2026).prepared_for(case).version.id == "IL-2025"


def test_the_unconfirmed_parameters_in_force_in_december_2026() -> None:
    names = [p.name for p in ParameterSet.load().unconfirmed_on(DECEMBER_2026)]
    assert names == [
        "rule_set_il_2025_case_date",
        "rule_set_il_2025_in_force",
        "temporary_rules_lapse_reading",
        "temporary_rules_sunset",
    ]
    assert [p.name for p in ParameterSet.load().unconfirmed_on(date(2024, 8, 7))] == []


# --- events after the programme's end (issue 13 item 5) ---------------------------------------


def _ended_refugee(**case: object) -> CaseFacts:
    person = Person(
        birth_date=date(1990, 1, 1),
        residence_basis=ResidenceBasis.REFUGEE,
        permit_date=date(2023, 12, 1),
        settlement_date=date(2024, 1, 20),
        settled_by_agreement=True,
        education_level=EducationLevel.HIGHER,
    )
    plan = Plan(decided_on=date(2024, 4, 10), duration_months=6, end_goal=EndGoal.WORK)
    values: dict[str, object] = {
        "decision_date": date(2024, 4, 10),
        "start_date": date(2024, 4, 15),
        "plans": (plan,),
        "end_date": date(2024, 12, 31),
        "end_reason": EndReason.WORK,
        **case,
    }
    return CaseFacts(case_id="e1", district="alna", person=person, **values)  # type: ignore[arg-type]


def test_a_three_party_meeting_after_the_end_leaves_tri_01_overdue() -> None:
    late = Meeting(kind=MeetingKind.THREE_PARTY, date=date(2026, 6, 1), documented=True)
    [before] = evaluate(_ended_refugee(), date(2026, 7, 1), rules=["TRI-01"])
    [after] = evaluate(_ended_refugee(meetings=(late,)), date(2026, 7, 1), rules=["TRI-01"])
    assert (before.status.value, after.status.value) == ("overdue", "overdue")
    assert before.deadline == after.deadline == date(2024, 5, 15)  # a short programme


def test_duration_01_and_end_01_agree_about_extensions_after_the_end() -> None:
    extensions = (
        Extension(decided_on=date(2024, 9, 1), months=6),
        Extension(decided_on=date(2025, 2, 1), months=3),  # after the end: ignored by both
    )
    case = _ended_refugee(extensions=extensions)
    duration, end = evaluate(case, date(2025, 6, 1), rules=["DURATION-01", "END-01"])
    assert duration.status.value == "met"  # 6 months of extensions, the maximum
    assert end.deadline == date(2025, 4, 15)  # start + 6 + 6 months


def test_the_import_refuses_meetings_leave_and_extensions_after_the_end() -> None:
    record = case_to_dict(
        _ended_refugee(
            meetings=(
                Meeting(kind=MeetingKind.THREE_PARTY, date=date(2025, 1, 2), documented=True),
            ),
            leaves=(Leave(start=date(2025, 1, 3), end=date(2025, 1, 9), approved=True),),
            extensions=(Extension(decided_on=date(2025, 1, 4), months=2),),
        )
    )
    with pytest.raises(InvalidRecord) as refused:
        parse_case(record, allow_synthetic_ids=True)
    assert [(e.field, e.reason) for e in refused.value.errors] == [
        ("meetings[0].date", "after end_date (2024-12-31)"),
        ("leaves[0].start", "after end_date (2024-12-31)"),
        ("extensions[0].decided_on", "after end_date (2024-12-31)"),
    ]
