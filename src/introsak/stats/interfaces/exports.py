"""Downloads of a statistics view: CSV (one row per cell), Excel (one sheet per table) and
JSON (counts, shares and which cells are hidden). Every cell goes through the one
formula-safe writer (``introsak.safe_csv``), so no label can act as a spreadsheet formula.

The web's CSV is for Excel (``safe_csv.EXCEL``: semicolons, byte-order mark); the command
line keeps its comma-separated format (``COMMAND_LINE_CSV``). In Excel a hidden number is an
empty grey cell, not text, with a line under the table saying why."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import Any

from django.utils.translation import gettext as _

from introsak.core.tabular import HIDDEN, SheetCell, xlsx_bytes
from introsak.safe_csv import EXCEL, CsvFormat, csv_bytes
from introsak.stats.domain.catalogue import ViewResult
from introsak.stats.domain.tables import Cell, Header, StatTable
from introsak.stats.phrases import EVERY_DISTRICT, HIDDEN_IN_SHEET, SUPPRESSION_RULE

TOTAL_KEY = "total"


def _positions(table: StatTable) -> Iterator[tuple[Header, Header, Cell]]:
    """Every published position: the cells, then the totals (keyed ``total``)."""
    total_row = Header(TOTAL_KEY, table.total_label)
    total_column = Header(TOTAL_KEY, table.row_total_label)
    for r, row in enumerate(table.rows):
        for c, column in enumerate(table.columns):
            yield row, column, table.cells[r][c]
        if table.row_totals is not None:
            yield row, total_column, table.row_totals[r]
    if table.column_totals is not None:
        for c, column in enumerate(table.columns):
            yield total_row, column, table.column_totals[c]
    if table.grand_total is not None:
        yield total_row, total_column, table.grand_total


def _share(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


# --- CSV ----------------------------------------------------------------------------------------

CSV_HEADER = (
    "view",
    "table",
    "row_key",
    "row",
    "column_key",
    "column",
    "count",
    "share",
    "value",
    "suppressed",
)


# ``introsak stats --format csv``: commas and CRLF as before; a byte-order mark in a file only
# (the command strips it from standard output).
COMMAND_LINE_CSV = CsvFormat(delimiter=",", line_end="\r\n", byte_order_mark=True)


def to_csv(result: ViewResult, fmt: CsvFormat = EXCEL) -> bytes:
    rows = [
        (
            result.name,
            table.key,
            row.key,
            str(row.label),
            column.key,
            str(column.label),
            cell.count,
            _share(cell.share),
            _share(cell.value),
            cell.suppressed,
        )
        for table in result.tables
        for row, column, cell in _positions(table)
    ]
    return csv_bytes(CSV_HEADER, rows, fmt)


# --- Excel --------------------------------------------------------------------------------------


def _column_names(table: StatTable) -> list[str]:
    names = table.column_titles
    return [*names, str(table.row_total_label)] if table.row_totals is not None else names


def _sheet_values(cell: Cell, table: StatTable) -> list[SheetCell]:
    """Two spreadsheet cells per table cell: the number and its share (or its count)."""
    if cell.suppressed:
        return [HIDDEN, HIDDEN]
    if table.value_label is not None:
        return [None if cell.value is None else round(cell.value, 2), cell.count]
    return [cell.count, _share(cell.share)]


def _sheet(table: StatTable) -> tuple[str, list[str], list[list[SheetCell]]]:
    second = _("n") if table.value_label is not None else _("share")
    first = str(table.value_label) if table.value_label is not None else _("count")
    header = [str(table.row_title)]
    for name in _column_names(table):
        header += [f"{name} ({first})", f"{name} ({second})"]
    rows: list[list[SheetCell]] = []
    for r, row in enumerate(table.rows):
        cells = list(table.cells[r]) + ([table.row_totals[r]] if table.row_totals else [])
        rows.append([str(row.label), *(v for c in cells for v in _sheet_values(c, table))])
    if table.column_totals is not None:
        cells = list(table.column_totals) + ([table.grand_total] if table.grand_total else [])
        rows.append([str(table.total_label), *(v for c in cells for v in _sheet_values(c, table))])
    notes = [str(HIDDEN_IN_SHEET)] if table.suppressed_cells else []
    notes += [str(EVERY_DISTRICT)] if table.every_district else []
    if notes:  # under the table, after an empty row: why cells are empty, what is counted
        rows.append([])
        rows += [[note] for note in notes]
    return table.key, header, rows


def to_xlsx(result: ViewResult) -> bytes:
    about: list[list[SheetCell]] = [
        [_("View"), str(result.spec.title)],
        [_("Source"), str(result.spec.source)],
        [_("Period"), f"{result.period.first.isoformat()} – {result.period.last.isoformat()}"],
        [_("Small numbers hidden"), _("yes") if result.suppressed else _("no")],
    ]
    about += [[_("Definition"), str(text)] for text in result.spec.definitions]
    if result.suppressed:
        about.append([_("Hidden numbers"), str(SUPPRESSION_RULE)])
    sheets: list[tuple[str, Sequence[str], Sequence[Sequence[SheetCell]]]] = [
        (_("About"), [_("Item"), _("Text")], about)
    ]
    sheets += [_sheet(table) for table in result.tables]
    return xlsx_bytes(sheets)


# --- JSON ---------------------------------------------------------------------------------------


def _cell_json(cell: Cell) -> dict[str, Any]:
    return {
        "count": cell.count,
        "share": _share(cell.share),
        "value": _share(cell.value),
        "suppressed": cell.suppressed,
    }


def _table_json(table: StatTable) -> dict[str, Any]:
    return {
        "key": table.key,
        "caption": str(table.caption),
        "share_of": table.share_of,
        "value": None if table.value_label is None else str(table.value_label),
        "row_total_label": None if table.row_totals is None else str(table.row_total_label),
        "every_district": table.every_district,
        "columns": [
            {"key": c.key, "label": str(c.label), **({"group": g} if g else {})}
            for g, c in zip(table.column_group_labels, table.columns, strict=True)
        ],
        "rows": [
            {
                "key": row.key,
                "label": str(row.label),
                "cells": [_cell_json(c) for c in table.cells[r]],
                **({"total": _cell_json(table.row_totals[r])} if table.row_totals else {}),
            }
            for r, row in enumerate(table.rows)
        ],
        "totals": None
        if table.column_totals is None
        else {
            "label": str(table.total_label),
            "cells": [_cell_json(c) for c in table.column_totals],
            "total": None if table.grand_total is None else _cell_json(table.grand_total),
        },
        "suppressed": [
            {"row": row.key, "column": column.key}
            for row, column, cell in _positions(table)
            if cell.suppressed
        ],
    }


def to_json(result: ViewResult) -> bytes:
    filters = result.filters
    document = {
        "view": result.name,
        "title": str(result.spec.title),
        "source": str(result.spec.source),
        "as_of": filters.as_of.isoformat(),
        "period": {"from": result.period.first.isoformat(), "to": result.period.last.isoformat()},
        "filters": {
            "districts": list(filters.districts),
            "basis": filters.basis.value if filters.basis else None,
            "education": filters.education,
        },
        "suppression": {"applied": result.suppressed, "rule": str(SUPPRESSION_RULE)},
        "definitions": [str(text) for text in result.spec.definitions],
        "tables": [_table_json(table) for table in result.tables],
    }
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
