from __future__ import annotations

import sys
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand

from introsak.cases.domain.exporting import case_facts_export, exportable_cases


class Command(BaseCommand):
    help = "Export every case as case facts (JSON Lines) to standard output or a file."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--output", "-o", default="-", help="file to write (default: stdout)")
        parser.add_argument(
            "--pseudonymise",
            action="store_true",
            help="replace case numbers and user names by keyed pseudonyms; drop names, "
            "identity numbers, addresses and free text",
        )
        parser.add_argument(
            "--include-strictly-confidential",
            action="store_true",
            help="include persons with a strictly confidential address (full backups only)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        cases = exportable_cases(
            include_strictly_confidential=options["include_strictly_confidential"]
        )
        target = options["output"]
        if target == "-":
            count = case_facts_export(
                out=sys.stdout, cases=cases, pseudonymised=options["pseudonymise"]
            )
        else:
            path = Path(target)
            tmp = path.with_name(path.name + ".partial")
            with tmp.open("w", encoding="utf-8") as out:
                count = case_facts_export(
                    out=out, cases=cases, pseudonymised=options["pseudonymise"]
                )
            tmp.replace(path)  # a reader never sees a half-written file
        self.stderr.write(f"Exported {count} case(s).")
