"""The intake import (what a school's system sends): all lines or none, errors naming the
line and the field."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from introsak.casefacts.enums import CefrLevel, TrainingTrack
from introsak.cases.domain.facts import case_to_facts, facts_queryset
from introsak.cases.models import CaseChange, ProgrammeCase, TrainingPath
from introsak.intake.domain.importing import IntakeImportRejected, intake_import
from introsak.intake.models import Intake, IntakeClass, School
from tests.factories import case_dict, import_cases

pytestmark = pytest.mark.django_db
EXAMPLE = (
    Path(__file__).resolve().parents[2]
    / "src/introsak/intake/scenarios/example-intake-import.jsonl"
)


def _run(lines: list[dict[str, Any]]) -> None:
    data = "".join(json.dumps(line) + "\n" for line in lines).encode()
    intake_import(stream=io.BytesIO(data))


def _errors(lines: list[dict[str, Any]]) -> list[str]:
    with pytest.raises(IntakeImportRejected) as caught:
        _run(lines)
    return [str(e) for e in caught.value.errors]


SCHOOL = {"type": "school", "code": "helsfyr", "name": "Helsfyr"}


def _intake(starts: str, ends: str, **classes: int) -> dict[str, Any]:
    return {
        "type": "intake",
        "school": "helsfyr",
        "starts_on": starts,
        "ends_on": ends,
        "classes": classes or {"slow": 10, "medium": 10, "fast": 10},
    }


def test_example_file_imports() -> None:
    import_cases([case_dict("C-1")])
    with EXAMPLE.open("rb") as stream:
        report = intake_import(stream=stream)
    assert (report.schools, report.intakes, report.trainings) == (2, 3, 1)
    assert list(School.objects.values_list("code", flat=True)) == ["helsfyr", "skullerud"]
    assert Intake.objects.count() == 3
    assert IntakeClass.objects.filter(intake__school__code="helsfyr").count() == 6
    row = TrainingPath.objects.get(case__case_id="C-1")
    assert (row.school, row.started_on, row.track) == ("helsfyr", date(2024, 1, 8), "fast")
    case = ProgrammeCase.objects.get(case_id="C-1")
    assert case.version == 2
    assert CaseChange.objects.get(case=case).step == "training"
    facts = case_to_facts(facts_queryset(ProgrammeCase.objects.filter(pk=case.pk)).get())
    assert facts.training is not None
    assert facts.training.track is TrainingTrack.FAST
    assert facts.training.placement_oral is CefrLevel.A1


def test_training_line_changes_only_the_fields_sent() -> None:
    import_cases([case_dict("C-1")])
    _run([SCHOOL, {"type": "training", "case_id": "C-1", "mapping_appointment_on": "2023-10-24"}])
    later = {
        "type": "training",
        "case_id": "C-1",
        "attendance_percent": 80,
        "started_on": "2023-11-20",
        "school": "helsfyr",
        "attendance_as_of": "2024-02-01",
    }
    _run([later])  # fmt: skip
    row = TrainingPath.objects.get(case__case_id="C-1")
    assert row.mapping_appointment_on == date(2023, 10, 24)
    assert row.attendance_percent == 80


def test_overlapping_intakes_are_refused_with_line_and_field() -> None:
    errors = _errors(
        [SCHOOL, _intake("2024-08-19", "2024-10-31"), _intake("2024-10-21", "2025-01-07")]
    )
    assert errors == [
        "line 3: starts_on: helsfyr: the intake 2024-10-21 to 2025-01-07 overlaps the intake "
        "on line 2 (2024-08-19 to 2024-10-31)"
    ]
    assert School.objects.count() == 0


def test_overlap_with_a_stored_intake_is_refused() -> None:
    _run([SCHOOL, _intake("2024-08-19", "2024-10-20")])
    errors = _errors([_intake("2024-10-01", "2024-12-01")])
    assert errors == [
        "line 1: starts_on: helsfyr: the intake 2024-10-01 to 2024-12-01 overlaps a stored "
        "intake (2024-08-19 to 2024-10-20)"
    ]


def test_sending_an_intake_again_replaces_its_classes() -> None:
    _run([SCHOOL, _intake("2024-08-19", "2024-10-20")])
    _run([_intake("2024-08-19", "2024-10-25", slow=5, medium=6, fast=7)])
    intake = Intake.objects.get()
    assert intake.ends_on == date(2024, 10, 25)
    assert sorted(intake.classes.values_list("track", "capacity")) == [
        ("fast", 7), ("medium", 6), ("slow", 5)
    ]  # fmt: skip


def test_capacity_below_zero_is_refused_and_nothing_written() -> None:
    errors = _errors([SCHOOL, _intake("2024-08-19", "2024-10-20", slow=-2, medium=3, fast=3)])
    assert errors == ["line 2: classes.slow: capacity below zero (-2)"]
    assert School.objects.count() == 0


def test_start_before_the_offer_is_refused() -> None:
    import_cases([case_dict("C-1")])
    line = {"type": "training", "case_id": "C-1", "offered_on": "2023-12-01",
            "started_on": "2023-11-20", "school": "helsfyr"}  # fmt: skip
    errors = _errors([SCHOOL, line])
    assert errors == ["line 2: training.started_on: before offered_on (2023-12-01)"]
    assert TrainingPath.objects.count() == 0


def test_level_outside_a1_c2_is_refused() -> None:
    import_cases([case_dict("C-1")])
    line = {"type": "training", "case_id": "C-1", "test_taken_on": "2024-06-01", "test_oral": "D1"}
    errors = _errors([line])
    assert errors == [
        'line 1: training.test_oral: unknown value "D1"; expected one of: A1, A2, B1, B2, C1, C2'
    ]


def test_unknown_case_school_and_type() -> None:
    errors = _errors(
        [
            {"type": "training", "case_id": "NOPE", "started_on": "2024-01-01"},
            {"type": "classroom"},
            _intake("2024-08-19", "2024-10-20"),
        ]
    )
    assert errors == [
        "line 1: case_id: no such case",
        "line 2: type: expected one of school, intake, training, got 'classroom'",
        "line 3: school: unknown school 'helsfyr'",
    ]


def test_intake_ending_before_it_starts() -> None:
    errors = _errors([SCHOOL, _intake("2024-08-19", "2024-08-01")])
    assert errors == ["line 2: ends_on: before starts_on (2024-08-19)"]
