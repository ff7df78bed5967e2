"""``introsak check`` through ``main(argv)``: formats, exit codes, invalid input, stdin."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from introsak.rules import RULES
from introsak.rules.cli import CSV_COLUMNS, main

AS_OF = ["--as-of", "2024-09-01"]
RULE_COUNT = len(RULES)


def _record(n: int) -> dict[str, Any]:
    return {
        "case_id": f"case-{n}",
        "district": "ostensjo",
        "person": {
            "birth_date": "1990-01-01",
            "residence_basis": "refugee" if n % 2 else "collective_protection",
            "permit_date": "2023-12-01",
            "settlement_date": "2024-01-20",
            "settled_by_agreement": True,
            "education_level": "primary",
        },
        "decision_date": "2024-04-25",
        "start_date": f"2024-05-{1 + n % 28:02d}",
        "plans": [
            {"decided_on": "2024-04-25", "end_goal": "work", "norwegian_goal": "B1",
             "duration_months": 12},
        ],
    }  # fmt: skip


def _write(path: Path, records: list[Any]) -> Path:
    lines = [r if isinstance(r, str) else json.dumps(r) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def valid_file(tmp_path: Path) -> Path:
    return _write(tmp_path / "cases.jsonl", [_record(n) for n in range(6)])


def test_valid_file_writes_one_line_per_rule_per_case(
    valid_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*AS_OF, str(valid_file)]) == 0
    out, err = capsys.readouterr()
    lines = [json.loads(line) for line in out.splitlines()]
    assert (len(lines), err) == (6 * RULE_COUNT, "")
    assert list(lines[0]) == [
        "case_id", "rule", "status", "deadline", "satisfied_on", "category", "severity",
        "source", "explanation", "parameters",
    ]  # fmt: skip
    assert [(x["case_id"], x["rule"]) for x in lines[:2]] == [
        ("case-0", "START-01"),
        ("case-0", "MAP-01"),
    ]


def test_one_corrupted_record_stops_everything(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    records: list[Any] = [_record(n) for n in range(5)]
    broken = _record(9)
    broken["start_date"] = "2024-02-30"
    records.insert(2, broken)
    path = _write(tmp_path / "cases.jsonl", records)
    assert main([*AS_OF, str(path)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    # The reason's wording belongs to the parser; the line and field are this command's.
    assert [line.split(": ")[:2] for line in err.splitlines()] == [["line 3", "start_date"]]


def test_skip_invalid_evaluates_the_valid_records_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    records: list[Any] = [_record(n) for n in range(4)]
    records.append("{not json")
    path = _write(tmp_path / "cases.jsonl", records)
    assert main([*AS_OF, "--skip-invalid", str(path)]) == 1
    out, err = capsys.readouterr()
    assert len(out.splitlines()) == 4 * RULE_COUNT
    assert err.startswith("line 5: ")


def test_every_error_of_every_record_is_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = _record(1), _record(2)
    first["district"] = "atlantis"
    second["person"]["education_level"] = "phd"
    second["surprise"] = 1
    path = _write(tmp_path / "cases.jsonl", [first, _record(3), second])
    assert main([*AS_OF, str(path)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert sorted(line.split(": ")[:2] for line in err.splitlines()) == [
        ["line 1", "district"],
        ["line 3", "person.education_level"],
        ["line 3", "surprise"],
    ]


def test_warnings_go_to_stderr_with_a_prefix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record = _record(1)
    record["end_date"] = "2025-01-01"  # after the as-of date
    path = _write(tmp_path / "cases.jsonl", [record])
    assert main([*AS_OF, str(path)]) == 0
    out, err = capsys.readouterr()
    assert len(out.splitlines()) == RULE_COUNT
    assert err.splitlines() and all(line.startswith("warning: ") for line in err.splitlines())


def test_table_format_counts_statuses_per_rule(
    valid_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main([*AS_OF, "--format", "table", "--rules", "START-01,WORK-15H-01", str(valid_file)]) == 0
    )
    out, _ = capsys.readouterr()
    lines = out.splitlines()
    assert [line.split() for line in lines] == [
        ["rule", "met", "met_late", "pending", "overdue", "breach", "not_applicable", "unknown",
         "total"],
        ["START-01", "0", "6", "0", "0", "0", "0", "0", "6"],
        ["WORK-15H-01", "0", "0", "0", "0", "3", "3", "0", "6"],
        ["total", "0", "6", "0", "0", "3", "3", "0", "12"],
    ]  # fmt: skip
    assert len({len(line) for line in lines}) == 1  # fixed width


def test_csv_format_has_flat_columns(valid_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*AS_OF, "--format", "csv", str(valid_file)]) == 0
    out, _ = capsys.readouterr()
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == list(CSV_COLUMNS)
    assert rows[0] == [
        "case_id", "rule", "status", "deadline", "satisfied_on", "category", "severity",
        "source", "explanation_nb", "explanation_en", "parameters",
    ]  # fmt: skip
    assert len(rows) == 1 + 6 * RULE_COUNT
    first = dict(zip(rows[0], rows[1], strict=True))
    assert (first["rule"], first["deadline"], json.loads(first["parameters"])) == (
        "START-01",
        "2024-04-20",
        {"programme_start_months": 3},
    )
    assert first["explanation_nb"].startswith("Programmet startet 01.05.2024")


def test_selected_rules_only(valid_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*AS_OF, "--rules", "CERT-01, END-01", str(valid_file)]) == 0
    out, _ = capsys.readouterr()
    assert [json.loads(line)["rule"] for line in out.splitlines()[:2]] == ["END-01", "CERT-01"]
    assert len(out.splitlines()) == 6 * 2


def test_unknown_rule_ids_exit_2_with_a_clear_message(
    valid_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*AS_OF, "--rules", "START-01,FOO-9", str(valid_file)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("introsak check: error: unknown rule id(s): FOO-9; known: START-01,")


def test_reads_standard_input(
    valid_file: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(valid_file.read_bytes()), encoding="utf-8")
    monkeypatch.setattr("sys.stdin", stdin)
    assert main([*AS_OF, "-"]) == 0
    out, _ = capsys.readouterr()
    assert len(out.splitlines()) == 6 * RULE_COUNT


def test_default_as_of_is_the_frozen_application_date(
    valid_file: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("INTROSAK_AS_OF", "2024-04-20")
    assert main(["--rules", "START-01", str(valid_file)]) == 0
    out, _ = capsys.readouterr()
    statuses = [json.loads(line)["status"] for line in out.splitlines()]
    # Refugees are pending on the deadline day; collective protection has not claimed yet.
    assert statuses == ["not_applicable", "pending"] * 3


@pytest.mark.parametrize(
    "argv",
    [
        ["--as-of", "2024-02-30", "cases.jsonl"],
        ["--format", "xml", "cases.jsonl"],
        [],
        ["does-not-exist.jsonl"],
    ],
)
def test_bad_options_or_missing_file_exit_2(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert "error" in err


def test_empty_file_is_valid(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "empty.jsonl"
    path.write_text("", encoding="utf-8")
    assert main([*AS_OF, str(path)]) == 0
    assert capsys.readouterr().out == ""


def test_csv_format_makes_formula_like_case_ids_inert(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 12.9: a case id such as ``=HYPERLINK(...)`` was written as is, and a spreadsheet
    opening the file ran it. It goes through the shared formula-safe writer now."""
    record = {**_record(1), "case_id": '=HYPERLINK("http://evil.example","x")'}
    attack = _write(tmp_path / "attack.jsonl", [record, {**_record(2), "case_id": "@SUM(A1)"}])
    assert main([*AS_OF, "--format", "csv", "--rules", "START-01", str(attack)]) == 0
    out, _ = capsys.readouterr()
    rows = list(csv.reader(io.StringIO(out)))
    assert [row[0] for row in rows[1:]] == ['\'=HYPERLINK("http://evil.example","x")', "'@SUM(A1)"]
    assert out.startswith("case_id,rule,status,")  # the specified format: commas, no BOM
    assert "\r\n" not in out
