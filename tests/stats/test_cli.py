"""``introsak stats VIEW``: over the database, and over a case-facts file (--input)."""

from __future__ import annotations

import io
import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from introsak.throwaway import option_value, without_option
from tests.console import introsak
from tests.factories import import_cases, jsonl
from tests.stats.test_table1 import AS_OF, COLUMNS, REASONS, SUMS, report_cases

pytestmark = pytest.mark.django_db

TABLE_1 = [
    "end-reasons",
    "--districts",
    "st_hanshaugen,ostensjo",
    "--as-of",
    "2024-08-07",
    "--language",
    "en",
]


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("stats", *args, stdout=out)
    return out.getvalue()


def counts(document: dict[str, Any]) -> dict[str, list[int]]:
    table = document["tables"][0]
    return {row["key"]: [c["count"] for c in row["cells"]] for row in table["rows"]}


@pytest.fixture
def table_1() -> None:
    import_cases(report_cases(), as_of=AS_OF)


def test_json_over_the_database_is_table_1(table_1: None) -> None:
    document = json.loads(run(*TABLE_1, "--format", "json"))
    assert counts(document) == COLUMNS
    assert [row["total"]["count"] for row in document["tables"][0]["rows"]] == SUMS
    assert [c["key"] for c in document["tables"][0]["columns"]] == list(REASONS)
    assert document["suppression"]["applied"] is False
    assert document["period"] == {"from": "2023-01-01", "to": "2024-08-07"}


def test_suppress_hides_small_counts_and_says_which(table_1: None) -> None:
    document = json.loads(run(*TABLE_1, "--format", "json", "--suppress"))
    table = document["tables"][0]
    assert document["suppression"]["applied"] is True
    assert {"row": "st_hanshaugen:collective:2023", "column": "work"} in table["suppressed"]
    hidden = {(s["row"], s["column"]) for s in table["suppressed"]}
    for row in table["rows"]:
        for column, cell in zip(table["columns"], row["cells"], strict=True):
            if (row["key"], column["key"]) not in hidden:
                assert cell["count"] == 0 or cell["count"] >= 5


def test_csv_to_standard_output_has_no_byte_order_mark(table_1: None) -> None:
    text = run(*TABLE_1)
    assert text.startswith("view,table,row_key,row,column_key,column,count,share,value,")
    assert '"St. Hanshaugen, Collective protection 2023",qualification_measure' in text


def test_excel_needs_an_output_file(table_1: None, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="--output"):
        run(*TABLE_1, "--format", "xlsx")
    target = tmp_path / "table1.xlsx"
    run(*TABLE_1, "--format", "xlsx", "--output", str(target))
    workbook = load_workbook(target)
    assert workbook.sheetnames == ["About", "end-reasons"]
    sheet = workbook["end-reasons"]
    assert sheet["A2"].value == "St. Hanshaugen, Collective protection 2023"
    assert sheet["H2"].value == 15  # qualifying measure, count


def test_invalid_filters_name_the_option() -> None:
    with pytest.raises(CommandError, match="--districts"):
        run("end-reasons", "--districts", "atlantis")
    with pytest.raises(CommandError, match="--to"):
        run("end-reasons", "--from", "2024-05-01", "--to", "2024-01-01")


def test_input_through_manage_py_is_refused() -> None:
    with pytest.raises(CommandError, match="console script"):
        run("end-reasons", "--input", "cases.jsonl")


def test_options_are_read_and_removed() -> None:
    args = ["end-reasons", "--input", "a.jsonl", "--as-of=2024-08-07", "--format", "json"]
    assert option_value(args, "--input") == "a.jsonl"
    assert option_value(args, "--as-of") == "2024-08-07"
    assert without_option(args, "--input") == [
        "end-reasons",
        "--as-of=2024-08-07",
        "--format",
        "json",
    ]


def _introsak(*args: str) -> subprocess.CompletedProcess[str]:
    return introsak("stats", *args)


@pytest.mark.slow
def test_input_file_gives_the_same_numbers_as_the_database(table_1: None, tmp_path: Path) -> None:
    facts = tmp_path / "export.jsonl"
    facts.write_bytes(jsonl(report_cases()))
    done = _introsak(*TABLE_1, "--format", "json", "--input", str(facts))
    assert done.returncode == 0, done.stderr
    over_file = json.loads(done.stdout)
    over_database = json.loads(run(*TABLE_1, "--format", "json"))
    assert over_file == over_database
    assert counts(over_file) == COLUMNS


@pytest.mark.slow
def test_invalid_input_file_is_rejected_with_every_error(tmp_path: Path) -> None:
    facts = tmp_path / "bad.jsonl"
    facts.write_text('{"case_id": "x"}\n', encoding="utf-8")
    done = _introsak("end-reasons", "--input", str(facts))
    assert done.returncode == 2
    assert "line 1: district" in done.stderr
    assert _introsak("end-reasons", "--input", str(tmp_path / "missing.jsonl")).returncode == 2
