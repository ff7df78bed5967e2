"""Spreadsheet-safe exports: the one formula-safe CSV writer (``introsak.safe_csv``) and the
Excel and CSV downloads of ``core.tabular`` built on it."""

from __future__ import annotations

import ast
import csv
import io
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from introsak import safe_csv
from introsak.core.tabular import HIDDEN, HIDDEN_FILL, csv_bytes, safe_cell, xlsx_bytes
from introsak.safe_csv import CsvFormat, write_csv

SRC = Path(safe_csv.__file__).resolve().parent


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("|cmd", "'|cmd"),
        ("%0A", "'%0A"),
        ("Grünerløkka", "Grünerløkka"),
        (-5, -5),
        (3.5, 3.5),
        (date(2024, 8, 7), date(2024, 8, 7)),
        (None, None),
    ],
)
def test_safe_cell(value: object, expected: object) -> None:
    assert safe_cell(value) == expected  # type: ignore[arg-type]


def test_web_csv_is_for_norwegian_excel() -> None:
    """Semicolons (Norwegian Excel's list separator: the comma is its decimal mark), decimal
    commas, a UTF-8 byte-order mark, CRLF and safe cells (a negative number is a number)."""
    data = csv_bytes(
        ["navn", "antall", "andel"], [["=cmd|' /C calc'!A0", 3, 0.25], ["Østensjø", None, -1.5]]
    )
    assert data.startswith("\ufeffnavn;antall;andel\r\n".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows == [
        ["navn", "antall", "andel"],
        ["'=cmd|' /C calc'!A0", "3", "0,25"],
        ["Østensjø", "", "-1,5"],
    ]


def test_the_writer_takes_any_format_and_stays_safe() -> None:
    out = io.StringIO()
    plain = CsvFormat(delimiter=",", line_end="\n", byte_order_mark=False)
    rows: list[list[safe_csv.Cell]] = [["-1", 2, None], ["x,y", "@z", True]]
    write_csv(out, ["a", "=b"], iter(rows), plain)
    assert out.getvalue() == "a,'=b\n'-1,2,\n\"x,y\",'@z,True\n"


def test_xlsx_reads_back_with_types_and_safe_text() -> None:
    data = xlsx_bytes(
        [("Tabell 1: sluttårsak/år", ["bydel", "antall", "dato"], [["=1+1", 24, date(2024, 8, 7)]])]
    )
    book = load_workbook(io.BytesIO(data))
    sheet = book.worksheets[0]
    assert sheet.title == "Tabell 1- sluttårsak-år"
    assert [c.value for c in sheet[2]][:2] == ["'=1+1", 24]
    assert sheet.cell(row=2, column=3).value.date() == date(2024, 8, 7)


def test_a_hidden_number_is_an_empty_grey_cell_in_xlsx() -> None:
    data = xlsx_bytes([("t", ["a", "b"], [[HIDDEN, 7]])])
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    hidden, shown = sheet["A2"], sheet["B2"]
    assert (hidden.value, hidden.data_type) == (None, "n")
    assert hidden.fill.start_color.rgb == HIDDEN_FILL.start_color.rgb
    assert (shown.value, shown.fill.fill_type) == (7, None)


def test_only_the_shared_writer_writes_csv() -> None:
    """Every CSV Introsak writes goes through ``introsak.safe_csv`` (issue 12.9): no other
    module of the package uses Python's CSV writers (reading a CSV file, as the employer and
    occupation imports do, is allowed)."""
    writers = {"writer", "DictWriter"}
    users = []
    for path in SRC.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and node.attr in writers
                and isinstance(node.value, ast.Name)
                and node.value.id == "csv"
            ) or (
                isinstance(node, ast.ImportFrom)
                and node.module == "csv"
                and any(alias.name in writers for alias in node.names)
            ):
                users.append(path.relative_to(SRC).as_posix())
    assert sorted(set(users)) == ["safe_csv.py"]


def test_the_shared_writer_is_pure() -> None:
    """``introsak.safe_csv`` is imported by the rules engine, which may not import Django."""
    tree = ast.parse((SRC / "safe_csv.py").read_text(encoding="utf-8"))
    modules = {
        name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for name in (
            [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
        )
    }
    assert modules <= {
        "__future__",
        "csv",
        "io",
        "collections.abc",
        "dataclasses",
        "datetime",
        "decimal",
        "typing",
    }
