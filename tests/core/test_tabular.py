from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from openpyxl import load_workbook

from introsak.core.tabular import csv_bytes, safe_cell, xlsx_bytes


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("Grünerløkka", "Grünerløkka"),
        (-5, -5),
        (3.5, 3.5),
        (date(2024, 8, 7), date(2024, 8, 7)),
        (None, None),
    ],
)
def test_safe_cell(value: object, expected: object) -> None:
    assert safe_cell(value) == expected  # type: ignore[arg-type]


def test_csv_is_utf8_with_bom_and_neutralises_formulas() -> None:
    data = csv_bytes(["navn", "antall"], [["=cmd|' /C calc'!A0", 3], ["Østensjø", None]])
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows == [["navn", "antall"], ["'=cmd|' /C calc'!A0", "3"], ["Østensjø", ""]]


def test_xlsx_reads_back_with_types_and_safe_text() -> None:
    data = xlsx_bytes(
        [("Tabell 1: sluttårsak/år", ["bydel", "antall", "dato"], [["=1+1", 24, date(2024, 8, 7)]])]
    )
    book = load_workbook(io.BytesIO(data))
    sheet = book.worksheets[0]
    assert sheet.title == "Tabell 1- sluttårsak-år"
    assert [c.value for c in sheet[2]][:2] == ["'=1+1", 24]
    assert sheet.cell(row=2, column=3).value.date() == date(2024, 8, 7)
