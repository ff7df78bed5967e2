"""Downloads for people who open them in a spreadsheet: CSV and Excel, safe against formulas.

Both go through ``introsak.safe_csv.safe_cell`` (the one formula-safe writer): text that a
spreadsheet could run as a formula is prefixed with an apostrophe; numbers, dates and
booleans keep their own types. CSV downloads use ``safe_csv.EXCEL``: semicolons and a
UTF-8 byte-order mark, as Excel with Norwegian settings expects.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from enum import Enum

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from introsak.safe_csv import EXCEL, Cell, CsvFormat, safe_cell
from introsak.safe_csv import csv_bytes as _csv_bytes

__all__ = ["HIDDEN", "Cell", "SheetCell", "csv_bytes", "safe_cell", "xlsx_bytes"]


class Withheld(Enum):
    """A number withheld to protect privacy: an empty, grey cell in Excel (not text, so
    that sums and charts over the column still work)."""

    HIDDEN = "hidden"


HIDDEN = Withheld.HIDDEN
SheetCell = Cell | Withheld
HIDDEN_FILL = PatternFill(fill_type="solid", start_color="FFD9D9D9", end_color="FFD9D9D9")


def csv_bytes(
    header: Sequence[str], rows: Iterable[Sequence[Cell]], fmt: CsvFormat = EXCEL
) -> bytes:
    """A CSV download: by default for Excel (``safe_csv.EXCEL``), safe cells."""
    return _csv_bytes(header, rows, fmt)


def xlsx_bytes(
    sheets: Sequence[tuple[str, Sequence[str], Iterable[Sequence[SheetCell]]]],
) -> bytes:
    """An Excel workbook with one sheet per (title, header, rows); safe cells, bold header,
    frozen header row and fitted column widths. ``HIDDEN`` is written as an empty grey cell."""
    workbook = Workbook()
    workbook.remove(workbook.worksheets[0])
    for title, header, rows in sheets:
        sheet = workbook.create_sheet(title=_sheet_title(title))
        sheet.append([safe_cell(h) for h in header])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        widths = [len(str(h)) for h in header]
        for row in rows:
            values = [None if isinstance(v, Withheld) else safe_cell(v) for v in row]
            sheet.append(values)
            for column, v in enumerate(row, start=1):
                if isinstance(v, Withheld):
                    sheet.cell(row=sheet.max_row, column=column).fill = HIDDEN_FILL
            widths = [max(w, len(str(v or ""))) for w, v in zip(widths, values, strict=False)]
        sheet.freeze_panes = "A2"
        for index, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = min(max(width + 2, 8), 60)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _sheet_title(title: str) -> str:
    """Excel sheet titles: at most 31 characters, none of []:*?/\\."""
    cleaned = "".join("-" if ch in "[]:*?/\\" else ch for ch in title)
    return cleaned[:31] or "Sheet"
