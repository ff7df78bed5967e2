from __future__ import annotations

from argparse import ArgumentParser
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand

from introsak.access.domain.retention import due_cases, retention_apply, retention_years
from introsak.core import clock


class Command(BaseCommand):
    help = (
        "Anonymise every case whose programme ended longer ago than the retention period "
        "(access/parameters/case_retention_years.yaml unless --years is given): erase identity "
        "numbers, names, address, case number and free text, keep the birth year and the facts "
        "statistics need. Idempotent; run nightly."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--years",
            type=int,
            default=None,
            help="retention period in years (default: the parameter file)",
        )
        parser.add_argument(
            "--as-of",
            type=date.fromisoformat,
            default=None,
            help="the day to count from (default: today)",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="only count the cases that are due"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        day = options["as_of"] or clock.today()
        years = options["years"] if options["years"] is not None else retention_years(day)
        if options["dry_run"]:
            count = due_cases(years=years, today=day).count()
            self.stdout.write(
                f"{count} case(s) due for anonymisation (period {years} years, as of {day})."
            )
            return
        report = retention_apply(years=years, today=day)
        self.stdout.write(
            f"Anonymised {report.anonymised} case(s) that ended before "
            f"{report.cutoff} (period {report.years} years)."
        )
