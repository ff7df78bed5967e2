from __future__ import annotations

import sys
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.http import Http404

from introsak.access.domain.subject_export import FORMATS, subject_export
from introsak.accounts.models import User
from introsak.cases.models import ProgrammeCase


class Command(BaseCommand):
    help = (
        "All data about the person of one case (GDPR art. 15), as JSON or PDF. Runs as the "
        "staff user given with --as: the same rules as on the web apply (export permission, "
        "district, protected address) and the export is written to the access log. The person "
        "is named by case number, never by identity number (command lines are logged)."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("case_number", help="the case number (case_id)")
        parser.add_argument(
            "--as",
            dest="username",
            required=True,
            help="your user name (needs the export permission for the case)",
        )
        parser.add_argument("--purpose", required=True, help="why, for the access log")
        parser.add_argument("--format", choices=FORMATS, default="json")
        parser.add_argument("--output", "-o", default="-", help="file (default: stdout)")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"], is_active=True).first()
        if user is None:
            raise CommandError("no active user with that user name")
        case_pk = (
            ProgrammeCase.objects.filter(case_id=options["case_number"])
            .values_list("pk", flat=True)
            .first()
        )
        try:
            export = subject_export(
                user=user,
                case_pk=case_pk or 0,
                fmt=options["format"],
                purpose=options["purpose"],
                path="command:subject_export",
            )
        except Http404 as exc:
            raise CommandError("no such case, or you may not export it") from exc
        if options["output"] == "-":
            sys.stdout.buffer.write(export.content)
        else:
            Path(options["output"]).write_bytes(export.content)
            self.stderr.write(f"Wrote {export.filename} to {options['output']}.")
