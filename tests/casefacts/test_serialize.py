"""Canonical serialisation: exact output, and ``parse_case(case_to_dict(c)) == c`` for all c."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

from hypothesis import given, settings
from tests.strategies import case_facts

from introsak.casefacts.enums import CefrLevel, LanguageSkill
from introsak.casefacts.model import CaseFacts
from introsak.casefacts.parse import parse_case
from introsak.casefacts.serialize import case_to_dict, dumps_case


def parsed(obj: dict[str, Any]) -> CaseFacts:
    return parse_case(obj).case


def test_full_case_serialises_to_exactly_its_canonical_form(full_case: dict[str, Any]) -> None:
    assert case_to_dict(parsed(full_case)) == full_case
    assert list(case_to_dict(parsed(full_case))) == list(full_case)  # key order too


def test_minimal_case_writes_the_lists_and_leaves_defaults_out(
    minimal_case: dict[str, Any],
) -> None:
    for key in ("plans", "meetings", "activities", "leaves", "extensions"):
        del minimal_case[key]
    minimal_case["part_time_percent"] = 100
    minimal_case["person"] |= {
        "has_children_under_18": False,
        "expecting_child": False,
        "protected_address": "none",
        "name": None,
    }
    assert dumps_case(parsed(minimal_case)) == (
        '{"case_id":"C-1","district":"alna","person":{"birth_date":"1990-01-01",'
        '"residence_basis":"refugee","permit_date":"2022-11-20","settlement_date":"2023-01-15",'
        '"settled_by_agreement":false,"education_level":"none"},"plans":[],"meetings":[],'
        '"activities":[],"leaves":[],"extensions":[]}'
    )


def test_dumps_case_keeps_non_ascii_text(full_case: dict[str, Any]) -> None:
    line = dumps_case(parsed(full_case))
    assert "Førerkort klasse B" in line
    assert "\n" not in line
    assert json.loads(line) == full_case


def test_without_extensions_only_the_shared_format_is_written(full_case: dict[str, Any]) -> None:
    shared = case_to_dict(parsed(full_case), include_extensions=False)
    assert shared["person"] == {
        "national_id": "01819000049",
        "name": "Amina Testesen",
        "birth_date": "1990-01-01",
        "sex": "female",
        "residence_basis": "refugee",
        "permit_date": "2022-11-20",
        "settlement_date": "2023-01-15",
        "settled_by_agreement": True,
        "education_level": "upper_secondary",
        "has_children_under_18": True,
        "expecting_child": True,
        "protected_address": "confidential",
    }
    assert shared["plans"][0] == {
        "decided_on": "2023-03-15",
        "end_goal": "work",
        "norwegian_goal": "B1",
        "duration_months": 24,
        "elements": ["norwegian_training", "work_practice"],
    }
    assert shared["meetings"][1] == {
        "kind": "three_party",
        "date": "2023-09-01",
        "documented": True,
    }
    assert shared["activities"][0] == {
        "kind": "norwegian_training",
        "start": "2023-03-15",
        "end": "2024-06-30",
        "hours_per_week": 15,
    }
    assert shared["leaves"] == [{"start": "2023-07-01", "end": "2023-07-21", "approved": True}]
    assert shared["extensions"] == [{"decided_on": "2025-02-01", "months": 6}]
    assert shared["education_recognition"] == {
        "relevant": True,
        "sent_date": "2023-05-01",
        "sent_by": "nav",
    }
    assert "adviser" not in shared
    assert "journal_notes" not in shared


def test_norwegian_goal_is_written_short_only_when_all_four_skills_agree(
    full_case: dict[str, Any],
) -> None:
    case = parsed(full_case)
    three = tuple((skill, CefrLevel.B1) for skill in sorted(LanguageSkill) if skill != "oral")
    four = tuple((skill, CefrLevel.B1) for skill in sorted(LanguageSkill))
    mixed = (*four[:-1], (LanguageSkill.WRITING, CefrLevel.A2))
    plans = (
        replace(case.plans[0], norwegian_goal=three),
        replace(case.plans[0], norwegian_goal=mixed),
    )
    written = case_to_dict(replace(case, plans=plans))["plans"]
    assert [plan["norwegian_goal"] for plan in written] == [
        {"listening": "B1", "reading": "B1", "writing": "B1"},
        {"listening": "B1", "oral": "B1", "reading": "B1", "writing": "A2"},
    ]


def test_whole_hours_are_written_as_integers(full_case: dict[str, Any]) -> None:
    case = parsed(full_case)
    assert [a["hours_per_week"] for a in case_to_dict(case)["activities"]] == [15, 7.5]
    assert [type(a["hours_per_week"]) for a in case_to_dict(case)["activities"]] == [int, float]


@settings(max_examples=300, deadline=None)
@given(case_facts())
def test_round_trip_through_json(case: CaseFacts) -> None:
    line = dumps_case(case)
    assert parse_case(json.loads(line)).case == case
    assert dumps_case(parse_case(json.loads(line)).case) == line  # one case, one line


@settings(max_examples=100, deadline=None)
@given(case_facts(include_extensions=False))
def test_round_trip_of_the_shared_format(case: CaseFacts) -> None:
    assert parse_case(case_to_dict(case, include_extensions=False)).case == case
