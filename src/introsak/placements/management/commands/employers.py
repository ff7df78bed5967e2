"""``introsak employers import FILE``: register employers from CSV or JSON Lines.

All or nothing: every problem is printed as ``line N: field: reason`` and nothing is written
if there is any; rows with the same organisation number are merged (``domain.employer_import``).
"""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand

from introsak.placements.domain.employer_import import ImportFailed, employers_import


class Command(BaseCommand):
    help = "The employers registry: import employers from a CSV or JSON Lines file."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("action", choices=["import"], help="what to do")
        parser.add_argument("file", type=Path, help="CSV (with a header) or JSON Lines")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            with path.open(encoding="utf-8-sig") as stream:
                result = employers_import(stream, name=path.name)
        except OSError as exc:
            self.stderr.write(f"{path}: {exc.strerror}")
            raise SystemExit(1) from exc
        except ImportFailed as failed:
            for problem in failed.problems:
                self.stderr.write(problem)
            self.stderr.write("nothing was imported")
            raise SystemExit(1) from failed
        self.stdout.write(
            f"{result.created} employers created, {result.updated} updated, "
            f"{result.merged} duplicate rows merged"
        )
