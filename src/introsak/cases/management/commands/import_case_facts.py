from __future__ import annotations

import sys
from argparse import ArgumentParser
from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from introsak.cases.domain.importing import ImportRejected, MissingUsers, case_facts_import


class Command(BaseCommand):
    help = (
        "Import case facts (JSON Lines). All records or none: if any record is invalid, "
        "every error is printed as 'line N: field: reason' and nothing is written. "
        "Re-importing updates the same cases (keyed on case_id)."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", help="case-facts file, or - for standard input")
        parser.add_argument(
            "--create-missing-users",
            action="store_true",
            help="create inactive placeholder users for unknown adviser/author names",
        )
        parser.add_argument(
            "--allow-lower-protection",
            metavar="REASON",
            default=None,
            help="let the file lower persons' protected-address gradings (e.g. strictly "
            "confidential to none); the reason is written to the security log",
        )
        parser.add_argument(
            "--as-of",
            type=date.fromisoformat,
            default=None,
            help="evaluate deadlines as of this date (default: today)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        name: str = options["file"]
        missing: MissingUsers = "create" if options["create_missing_users"] else "error"
        reason: str | None = options["allow_lower_protection"]
        if reason is not None and not reason.strip():
            raise CommandError("--allow-lower-protection: give the reason (it is logged)")
        kwargs: dict[str, Any] = {
            "missing_users": missing,
            "as_of": options["as_of"],
            "allow_lower_protection": reason or "",
        }
        try:
            if name == "-":
                report = case_facts_import(stream=sys.stdin.buffer, **kwargs)
            else:
                with Path(name).open("rb") as stream:
                    report = case_facts_import(stream=stream, **kwargs)
        except FileNotFoundError as exc:
            raise CommandError(f"{name}: no such file") from exc
        except ImportRejected as exc:
            for error in exc.errors:
                self.stderr.write(str(error))
            self.stderr.write(f"{len(exc.errors)} error(s): nothing was imported.")
            raise SystemExit(2) from exc
        for warning in report.warnings:
            self.stderr.write(f"warning: {warning}")
        self.stdout.write(
            f"Imported {report.created + report.updated} case(s): "
            f"{report.created} created, {report.updated} updated."
        )
