"""``introsak stats practice-sectors|practice-share|placement-outcomes``: the work-first
statistics on the command line (``introsak.cli`` routes these three views here).

Numbers are whole by default, like ``introsak stats`` (the command line is for operators
with database access); ``--suppress`` applies the small-cell rule, for files to pass on.
All three also run over a case-facts file (``--input FILE``, ``introsak.throwaway``): the
file is imported into a throw-away database, placements included (the format's
``placements`` extension), and this same command runs over it, so an export gives the
database's tables. ``practice-share`` reads practice from the activities.
"""

from __future__ import annotations

import io
import json
from argparse import ArgumentParser
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from introsak.core import clock
from introsak.placements.domain.statistics import VIEWS, Period, Table, compute
from introsak.safe_csv import CsvFormat, write_csv

FORMATS = ("table", "csv", "json")
COMMAND_LINE_CSV = CsvFormat(delimiter=",", line_end="\n", byte_order_mark=False)


def _shown(value: int | None) -> str:
    return "–" if value is None else str(value)


def table_rows(table: Table) -> list[list[str]]:
    """The table as text rows: header, one row per row key, the totals."""
    header = [table.title, *(label for _key, label in table.columns), "Total"]
    if table.extra_title:
        header.append(table.extra_title)
    out = [header]
    for r, (_key, label) in enumerate(table.rows):
        row = [label, *(_shown(table.cell(r, c)) for c in range(len(table.columns)))]
        row.append(_shown(table.row_total(r)))
        if table.extra_title:
            row.append(table.extra[r])
        out.append(row)
    totals = ["Total", *(_shown(table.column_total(c)) for c in range(len(table.columns)))]
    out.append([*totals, _shown(table.grand_total()), *([""] if table.extra_title else [])])
    return out


def as_json(table: Table) -> dict[str, Any]:
    return {
        "view": table.name,
        "title": table.title,
        "columns": [key for key, _label in table.columns],
        "rows": [
            {
                "key": key,
                "label": label,
                "counts": [table.cell(r, c) for c in range(len(table.columns))],
                "total": table.row_total(r),
                **({"extra": table.extra[r]} if table.extra_title else {}),
            }
            for r, (key, label) in enumerate(table.rows)
        ],
        "column_totals": [table.column_total(c) for c in range(len(table.columns))],
        "total": table.grand_total(),
        "suppressed": table.suppression is not None,
    }


class Command(BaseCommand):
    help = "Work-first statistics: practice places by sector (Figure 9), practice share, outcomes."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("view", choices=VIEWS, metavar="VIEW", help=", ".join(VIEWS))
        parser.add_argument("--from", dest="start", type=date.fromisoformat, default=None)
        parser.add_argument("--to", dest="end", type=date.fromisoformat, default=None)
        parser.add_argument("--format", choices=FORMATS, default="table")
        parser.add_argument("--suppress", action="store_true", help="hide small counts")
        parser.add_argument("--language", choices=("nb", "en"), default="en")

    def handle(self, *args: Any, **options: Any) -> None:
        end = options["end"] or clock.today()
        start = options["start"] or date(end.year, 1, 1)
        if start > end:
            raise CommandError("--from must not be after --to")
        with translation.override(options["language"]):
            tables = compute(options["view"], Period(start, end), suppressed=options["suppress"])
            self._write(tables, options["format"])

    def _write(self, tables: tuple[Table, ...], fmt: str) -> None:
        if fmt == "json":
            payload = [as_json(t) for t in tables]
            self.stdout.write(
                json.dumps(
                    payload if len(payload) > 1 else payload[0], ensure_ascii=False, indent=1
                )
            )
            return
        if fmt == "csv":
            buffer = io.StringIO()
            for table in tables:
                header, *rows = table_rows(table)
                write_csv(buffer, header, rows, COMMAND_LINE_CSV)
            self.stdout.write(buffer.getvalue(), ending="")
            return
        for table in tables:
            rows = table_rows(table)
            widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
            for row in rows:
                self.stdout.write(
                    "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
                )
            self.stdout.write("")
