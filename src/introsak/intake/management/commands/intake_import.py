from __future__ import annotations

import sys
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from introsak.intake.domain.importing import IntakeImportRejected, intake_import


class Command(BaseCommand):
    help = (
        "Import what the schools' systems send (JSON Lines: schools, intakes with their "
        "classes, training facts per case). All lines or none: every error is printed as "
        "'line N: field: reason' and nothing is written."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", help="JSON Lines file, or - for standard input")

    def handle(self, *args: Any, **options: Any) -> None:
        name: str = options["file"]
        try:
            if name == "-":
                report = intake_import(stream=sys.stdin.buffer)
            else:
                with Path(name).open("rb") as stream:
                    report = intake_import(stream=stream)
        except FileNotFoundError as exc:
            raise CommandError(f"{name}: no such file") from exc
        except IntakeImportRejected as exc:
            for error in exc.errors:
                self.stderr.write(str(error))
            self.stderr.write(f"{len(exc.errors)} error(s): nothing was imported.")
            raise SystemExit(2) from exc
        self.stdout.write(
            f"Imported {report.schools} school(s), {report.intakes} intake(s) and "
            f"{report.trainings} training record(s)."
        )
