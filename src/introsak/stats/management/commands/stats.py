"""``introsak stats VIEW``: the dashboard's statistics on the command line.

The same views, filters and exports as the web pages (``stats.domain.catalogue``,
``stats.interfaces``), for scheduled reports and for analysts. Over the database by default;
over a case-facts file with ``--input FILE`` (``introsak.throwaway`` loads it into a
throw-away database first, then runs this very command).
"""

from __future__ import annotations

from argparse import ArgumentParser, RawDescriptionHelpFormatter
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from introsak.core import clock
from introsak.stats.domain.catalogue import VIEWS, ViewResult, compute_view
from introsak.stats.domain.queries import Scope
from introsak.stats.interfaces import exports
from introsak.stats.interfaces.forms import FilterForm

FORMATS: dict[str, Callable[[ViewResult], bytes]] = {
    "csv": lambda result: exports.to_csv(result, exports.COMMAND_LINE_CSV),
    "json": exports.to_json,
    "xlsx": exports.to_xlsx,
}


def _view_list() -> str:
    with translation.override("en"):
        return "\n".join(
            f"  {spec.name:<26} {spec.title} ({spec.source})" for spec in VIEWS.values()
        )


class Command(BaseCommand):
    help = "Outcome statistics: one view of the statistics dashboard as CSV, JSON or Excel."

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.formatter_class = RawDescriptionHelpFormatter
        parser.epilog = (
            "views:\n" + _view_list() + "\n\n"
            "Numbers are shown whole by default (the command line is for operators with\n"
            "database access); --suppress applies the dashboard's small-cell rule, for\n"
            "files to pass on. Definitions of every view: docs/statistics.md."
        )
        return parser

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "view",
            choices=sorted(VIEWS),
            metavar="VIEW",
            help="which statistic (see the list below)",
        )
        parser.add_argument(
            "--from",
            dest="start",
            metavar="DATE",
            help="first day of the period, YYYY-MM-DD (default: each view's own)",
        )
        parser.add_argument(
            "--to", dest="end", metavar="DATE", help="last day of the period (default: today)"
        )
        parser.add_argument(
            "--districts",
            default="",
            metavar="A,B",
            help="district codes, comma-separated (default: every district)",
        )
        parser.add_argument(
            "--basis",
            default="",
            choices=["", "collective", "other"],
            help="residence basis: collective protection or other",
        )
        parser.add_argument(
            "--education",
            default="",
            metavar="LEVEL",
            help="education at arrival: none, primary, upper_secondary, "
            "vocational_college or higher",
        )
        parser.add_argument("--format", default="csv", choices=sorted(FORMATS))
        parser.add_argument(
            "--output",
            "-o",
            type=Path,
            metavar="FILE",
            help="write to this file (default: standard output; required for xlsx)",
        )
        parser.add_argument(
            "--suppress",
            action="store_true",
            help="hide small numbers as the dashboard does for analysts",
        )
        parser.add_argument(
            "--as-of",
            type=date.fromisoformat,
            metavar="DATE",
            help="the day counted as today (default: today)",
        )
        parser.add_argument(
            "--language",
            default="nb",
            choices=["nb", "en"],
            help="language of labels and definitions (default: nb)",
        )
        parser.add_argument(
            "--input",
            metavar="FILE",
            help="count over this case-facts file instead of the database "
            "(loaded into a throw-away database)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["input"]:
            # The console script takes --input away before this command runs; here it
            # would silently count the database instead of the file.
            raise CommandError(
                "--input works only through the console script "
                "(introsak stats VIEW --input FILE), which loads the file "
                "into a throw-away database before Django starts"
            )
        if options["format"] == "xlsx" and options["output"] is None:
            raise CommandError("--format xlsx needs --output FILE")
        today = options["as_of"] or clock.today()
        with translation.override(options["language"]):
            form = FilterForm(
                data={
                    "from": options["start"] or "",
                    "to": options["end"] or "",
                    "district": [d for d in options["districts"].split(",") if d],
                    "basis": options["basis"],
                    "education": options["education"],
                },
                today=today,
            )
            if not form.is_valid():
                raise CommandError(_errors(form))
            filters = form.filters(today)
            # Files made with --suppress are passed on: the web's whole months apply too.
            scope = Scope(suppress=options["suppress"], whole_months=options["suppress"])
            result = compute_view(options["view"], scope, filters)
            data = FORMATS[options["format"]](result)
        self._write(data, options["output"])

    def _write(self, data: bytes, output: Path | None) -> None:
        if output is not None:
            output.write_bytes(data)
            return
        text = data.decode("utf-8").removeprefix("\ufeff")  # no byte-order mark in a pipe
        self.stdout.write(text, ending="")


def _errors(form: FilterForm) -> str:
    names = {
        "from": "--from",
        "to": "--to",
        "district": "--districts",
        "basis": "--basis",
        "education": "--education",
    }
    return "; ".join(
        f"{names.get(field, field)}: {' '.join(str(e) for e in errors)}"
        for field, errors in form.errors.items()
    )
