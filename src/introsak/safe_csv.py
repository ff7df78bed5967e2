"""The one CSV writer of Introsak: formula-safe, in a format chosen for its reader.

Pure Python (no Django, no other Introsak module), so that every layer may use it: the rules
engine's ``introsak check --format csv``, ``core.tabular`` (web downloads and Excel) and the
statistics command line.

A cell whose text starts with ``=``, ``+``, ``-``, ``@``, ``|``, ``%``, a tab or a line break
can be read as a formula by Excel, LibreOffice and Google Sheets (CSV/formula injection,
OWASP). ``safe_cell`` prefixes such text with an apostrophe so that it is shown as text;
numbers, dates and booleans are written as their own types and never altered. Every CSV
row goes through it here, so no caller can forget.

Two kinds of reader, two formats (``docs/security.md``, "Exports"):

* ``EXCEL``: people opening a download in a spreadsheet. Semicolons between fields and a
  decimal comma (Excel with Norwegian regional settings uses the comma as its decimal mark
  and splits on ``;``), a UTF-8 byte-order mark (so Excel reads æøå) and CRLF line ends.
* programs: the command lines keep the comma-separated formats their specifications give
  (each defines its ``CsvFormat``).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import TextIO

Cell = str | int | float | Decimal | date | datetime | bool | None

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "|", "%")
BYTE_ORDER_MARK = "\ufeff"


@dataclass(frozen=True, slots=True)
class CsvFormat:
    """How the fields and lines of a CSV file are separated, and whether it starts with a
    byte-order mark."""

    delimiter: str
    line_end: str
    byte_order_mark: bool
    decimal_mark: str = "."


EXCEL = CsvFormat(delimiter=";", line_end="\r\n", byte_order_mark=True, decimal_mark=",")


def safe_cell(value: Cell) -> Cell:
    """The value, with text that a spreadsheet could run as a formula made inert."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def write_csv(
    out: TextIO, header: Sequence[str], rows: Iterable[Sequence[Cell]], fmt: CsvFormat
) -> None:
    """Write the header and rows to ``out``: every cell through ``safe_cell``, None as an
    empty field. Side effect: writes to ``out`` as it goes (rows may be a generator)."""
    writer = csv.writer(out, delimiter=fmt.delimiter, lineterminator=fmt.line_end)
    if fmt.byte_order_mark:
        out.write(BYTE_ORDER_MARK)
    writer.writerow([safe_cell(h) for h in header])
    for row in rows:
        writer.writerow([_field(v, fmt) for v in row])


def _field(value: Cell, fmt: CsvFormat) -> Cell:
    if value is None:
        return ""
    if isinstance(value, float | Decimal) and fmt.decimal_mark != ".":
        return str(value).replace(".", fmt.decimal_mark)
    return safe_cell(value)


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[Cell]], fmt: CsvFormat) -> bytes:
    """The CSV file as UTF-8 bytes (``write_csv``)."""
    buffer = io.StringIO()
    write_csv(buffer, header, rows, fmt)
    return buffer.getvalue().encode("utf-8")
