from __future__ import annotations

from argparse import ArgumentParser
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand

from introsak.cases.domain.deadlines import cases_recompute


class Command(BaseCommand):
    help = (
        "Re-evaluate every case with the rules engine and replace the stored findings and "
        "deadlines. Run nightly, and after changing a parameter file."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--as-of", type=date.fromisoformat, default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        count = cases_recompute(as_of=options["as_of"])
        self.stdout.write(f"Recomputed {count} case(s).")
