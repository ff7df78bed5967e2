"""Delete persons known before settlement who were never settled (run nightly with the
retention job)."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from introsak.early.domain.operations import UNSETTLED_KEPT_MONTHS, unsettled_purge


class Command(BaseCommand):
    help = (
        "Deletes every person registered before settlement who was not settled within "
        f"{UNSETTLED_KEPT_MONTHS} months of the expected settlement date, with their answers."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--months", type=int, default=UNSETTLED_KEPT_MONTHS)

    def handle(self, *args: Any, **options: Any) -> None:
        count = unsettled_purge(months=options["months"])
        self.stdout.write(f"{count} person(s) never settled deleted")
