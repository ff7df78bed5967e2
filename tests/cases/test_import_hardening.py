"""Import hardening (issue 12): protection is never lowered silently (item 6), texts longer
than their column are named (item 10), and re-import works with DEBUG's SQL logging (item 11).
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from introsak.access.models import SecurityEvent
from introsak.cases import models
from introsak.cases.domain.importing import ImportRejected, case_facts_import
from tests.factories import case, case_dict, import_cases, jsonl, with_national_id

pytestmark = pytest.mark.django_db

AS_OF = date(2024, 8, 7)
ADDRESS = "Storgata 1, 0155 Oslo"


def _graded(grading: str, **overrides: Any) -> dict[str, Any]:
    data = with_national_id(case_dict("C-1", person__protected_address=grading, **overrides))
    if grading != "strictly_confidential":
        data["person"]["address"] = ADDRESS
    return data


def _events() -> list[tuple[str, str]]:
    return list(SecurityEvent.objects.order_by("pk").values_list("event", "detail"))


# --- item 6: lowering a person's protection ----------------------------------------------------


@pytest.mark.parametrize("lower", ["none", "confidential"])
def test_reimport_that_lowers_strict_protection_is_refused_and_nothing_changes(lower: str) -> None:
    import_cases([_graded("strictly_confidential")])
    before = _events()
    with pytest.raises(ImportRejected) as raised:
        import_cases([_graded(lower)])
    assert [str(e) for e in raised.value.errors] == [
        f"line 1: person.protected_address: lowers the person's protection from "
        f"strictly_confidential to {lower}; nothing is lowered unless the operator gives a "
        "reason (introsak import --allow-lower-protection REASON)"
    ]
    person = case("C-1").person
    assert (person.protected_address, person.address) == ("strictly_confidential", "")
    assert _events() == before


def test_lowering_with_a_reason_is_imported_and_logged_with_the_reason() -> None:
    import_cases([_graded("strictly_confidential")])
    person_pk = case("C-1").person.pk
    case_facts_import(
        stream=io.BytesIO(jsonl([_graded("none")])),
        as_of=AS_OF,
        allow_lower_protection="Sperren er opphevet av Folkeregisteret 2024-08-01",
    )
    person = case("C-1").person
    assert (person.protected_address, person.address) == ("none", ADDRESS)
    assert _events() == [
        (
            "grading_changed",
            f"person {person_pk}: strictly_confidential -> none by import; "
            "reason: Sperren er opphevet av Folkeregisteret 2024-08-01",
        )
    ]


def test_raising_protection_needs_no_reason_and_is_logged() -> None:
    import_cases([_graded("none")])
    person_pk = case("C-1").person.pk
    import_cases([_graded("strictly_confidential")])
    assert case("C-1").person.protected_address == "strictly_confidential"
    assert _events() == [
        ("grading_changed", f"person {person_pk}: none -> strictly_confidential by import")
    ]


def test_an_unchanged_grading_writes_no_security_row() -> None:
    import_cases([_graded("confidential")])
    import_cases([_graded("confidential")])
    assert _events() == []


def test_the_import_command_takes_the_reason(tmp_path: Path) -> None:
    import_cases([_graded("strictly_confidential")])
    path = tmp_path / "cases.jsonl"
    path.write_bytes(jsonl([_graded("confidential")]))
    with pytest.raises(SystemExit):
        call_command("import_case_facts", str(path), as_of=AS_OF, stderr=io.StringIO())
    assert case("C-1").person.protected_address == "strictly_confidential"
    with pytest.raises(CommandError, match="give the reason"):
        call_command("import_case_facts", str(path), as_of=AS_OF, allow_lower_protection=" ")
    call_command(
        "import_case_facts",
        str(path),
        as_of=AS_OF,
        allow_lower_protection="Graderingen er nedjustert etter vedtak",
        stdout=io.StringIO(),
    )
    assert case("C-1").person.protected_address == "confidential"
    assert [event for event, _ in _events()] == ["grading_changed"]


# --- item 10: texts longer than the database's columns -----------------------------------------


def test_texts_longer_than_their_columns_are_named_and_nothing_is_written() -> None:
    long_plan = {**case_dict()["plans"][0], "sub_goals": ["ok", "x" * 501]}
    bad = case_dict(
        "C-1",
        person__name="N" * 201,
        plans=[long_plan],
        activities=[
            {
                "kind": "work_practice",
                "start": "2024-02-01",
                "hours_per_week": 10,
                "provider": "p" * 201,
            }
        ],
    )
    with pytest.raises(ImportRejected) as raised:
        import_cases([case_dict("C-0"), bad])
    assert [str(e) for e in raised.value.errors] == [
        "line 2: activities[0].provider: at most 200 characters, got 201",
        "line 2: person.name: at most 200 characters, got 201",
        "line 2: plans[0].sub_goals[1]: at most 500 characters, got 501",
    ]
    assert models.ProgrammeCase.objects.count() == 0


# --- item 11: DEBUG's SQL logging ---------------------------------------------------------------


def test_reimport_works_with_debug_sql_logging(settings: Any) -> None:
    settings.DEBUG = True  # Django logs every statement with its parameters substituted
    cases = [
        case_dict(
            f"C-{n}",
            journal_notes=[{"written_on": "2024-02-01", "text": f"Notat {n}"}],
            meetings=[{"kind": "three_party", "date": "2024-02-10", "documented": True}],
        )
        for n in range(3)
    ]
    import_cases(cases)
    import_cases(cases)
    assert (models.ProgrammeCase.objects.count(), models.PlanItem.objects.count()) == (3, 6)
    assert models.JournalNote.objects.count() == models.Meeting.objects.count() == 3
    assert set(models.ProgrammeCase.objects.values_list("version", flat=True)) == {2}
