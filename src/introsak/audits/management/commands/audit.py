"""``introsak audit``: draw an audit's sample, fill its control forms, print its findings.

The same domain functions as the web application: ``audit_create``, ``sample_draw`` (which
pre-fills the control forms) and the findings report. Run against the application's
database, nothing is kept unless ``--save`` is given (the audit is rolled back after it is
printed). With ``introsak audit --input FILE …`` the console script loads the case-facts
file into a throw-away database before Django starts (``introsak.throwaway``) and then
runs this command over it, unchanged.
"""

from __future__ import annotations

import json
import sys
from argparse import ArgumentParser, ArgumentTypeError
from datetime import date
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from introsak.accounts.models import User
from introsak.audits.domain.audits import audit_create
from introsak.audits.domain.control_forms import drawn_rows
from introsak.audits.domain.criteria import CRITERIA, REPORT_CRITERIA
from introsak.audits.domain.sampling import sample_draw
from introsak.audits.interfaces.exports import control_forms_jsonl, findings_pdf, findings_xlsx
from introsak.audits.interfaces.report import ReportView, report_view
from introsak.cases.models import ProgrammeCase
from introsak.core.models import District

FORMATS = ("text", "json", "jsonl", "xlsx", "pdf")
BINARY = {"xlsx", "pdf"}


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _codes(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


class Command(BaseCommand):
    help = (
        "Draw an audit sample, fill the control forms and print the findings per "
        "criterion and district."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--districts",
            type=_codes,
            required=True,
            help="district codes, comma-separated (e.g. st_hanshaugen,ostensjo)",
        )
        parser.add_argument(
            "--started-from",
            type=_day,
            required=True,
            help="first programme start date in the frame",
        )
        parser.add_argument(
            "--started-to",
            type=_day,
            help="last programme start date in the frame (default: --as-of)",
        )
        parser.add_argument(
            "--as-of", type=_day, required=True, help="evaluate the rules as of this date"
        )
        parser.add_argument("--sample", type=int, default=15, help="cases per district (15)")
        parser.add_argument("--seed", type=int, help="random seed (default: a new one, printed)")
        parser.add_argument(
            "--stratify",
            action="store_true",
            help="guarantee both residence-basis groups per district",
        )
        parser.add_argument(
            "--criteria",
            type=_codes,
            default=list(REPORT_CRITERIA),
            help="criterion codes, comma-separated (default: the report's: "
            f"{','.join(REPORT_CRITERIA)}; known: {','.join(CRITERIA)})",
        )
        parser.add_argument("--name", default="", help="the audit's name")
        parser.add_argument(
            "--input",
            type=Path,
            help="a case-facts file (JSON Lines) loaded into a throw-away "
            "database instead of using the application's data (through "
            "the introsak console script)",
        )
        parser.add_argument("--format", choices=FORMATS, default="text")
        parser.add_argument("--language", choices=("nb", "en"), default="nb")
        parser.add_argument("-o", "--output", type=Path, help="write to this file")
        parser.add_argument(
            "--save", action="store_true", help="keep the audit in the database (not with --input)"
        )
        parser.add_argument(
            "--auditor",
            action="append",
            default=[],
            metavar="USERNAME",
            help="a user who may open the saved audit in the application "
            "(repeatable; they also need a valid audit grant)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        unknown = [c for c in options["criteria"] if c not in CRITERIA]
        if unknown:
            raise CommandError(
                f"unknown criteria: {', '.join(unknown)}; known: {', '.join(CRITERIA)}"
            )
        if options["input"] is not None:
            # The console script handles --input before Django starts and never passes it on.
            raise CommandError("--input needs the console script: introsak audit --input FILE …")
        self._run(options, keep=options["save"])

    def _run(self, options: dict[str, Any], *, keep: bool) -> None:
        with transaction.atomic():
            report, body = self._audit(options)
            if not keep:
                transaction.set_rollback(True)
        self._write(body, options)
        if options["format"] == "text" or options["output"] is not None:
            self.stderr.write(f"seed {report.seed}")

    def _audit(self, options: dict[str, Any]) -> tuple[ReportView, bytes]:
        districts = list(District.objects.filter(slug__in=options["districts"]))
        missing = set(options["districts"]) - {d.slug for d in districts}
        if missing:
            raise CommandError(f"unknown districts: {', '.join(sorted(missing))}")
        as_of = options["as_of"]
        auditors = list(User.objects.filter(username__in=options["auditor"]))
        unknown = set(options["auditor"]) - {u.username for u in auditors}
        if unknown:
            raise CommandError(f"unknown users: {', '.join(sorted(unknown))}")
        try:
            audit = audit_create(
                name=options["name"] or f"introsak audit {as_of.isoformat()}",
                districts=districts,
                started_from=options["started_from"],
                started_to=options["started_to"] or as_of,
                as_of=as_of,
                criteria=options["criteria"],
                sample_size=options["sample"],
                stratify=options["stratify"],
                auditors=auditors,
            )
            sample_draw(
                audit=audit, cases=ProgrammeCase.objects.all(), by=None, seed=options["seed"]
            )
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        language = options["language"]
        report = report_view(audit, user=None, language=language)
        return report, self._render(report, options["format"], language)

    def _render(self, report: ReportView, fmt: str, language: str) -> bytes:
        if fmt == "json":
            return (json.dumps(report.as_json(), ensure_ascii=False, indent=2) + "\n").encode()
        rows = list(drawn_rows(report.audit))
        revealed = {row.pk for row in rows}
        if fmt == "jsonl":
            return control_forms_jsonl(report.audit, rows, revealed)
        if fmt == "xlsx":
            return findings_xlsx(report, rows, revealed)
        if fmt == "pdf":
            return findings_pdf(report)
        return text_report(report).encode()

    def _write(self, body: bytes, options: dict[str, Any]) -> None:
        if options["output"] is not None:
            options["output"].write_bytes(body)
            return
        if options["format"] in BINARY and sys.stdout.isatty():
            raise CommandError(f"{options['format']} is binary: use -o FILE or a pipe")
        stream = getattr(self.stdout, "_out", sys.stdout)
        buffer = getattr(stream, "buffer", None)
        if buffer is not None:
            buffer.write(body)
            buffer.flush()
        else:
            stream.write(body.decode("utf-8", "replace"))


def text_report(report: ReportView) -> str:
    """The findings as plain text: one line per criterion and district, in the report's
    phrasing, with the cases behind each count."""
    with translation.override(report.language):
        audit = report.audit
        lines = [
            f"{audit.name}",
            _("As of %(as_of)s; programme started %(start)s–%(end)s; seed %(seed)s")
            % {
                "as_of": audit.as_of.isoformat(),
                "start": audit.started_from.isoformat(),
                "end": audit.started_to.isoformat(),
                "seed": report.seed,
            },
            "",
        ]
        for s in report.sample:
            lines.append(
                _("%(district)s: frame %(frame)s, excluded %(excluded)s, drawn %(drawn)s")
                % {
                    "district": s.district,
                    "frame": s.frame,
                    "excluded": len(s.excluded),
                    "drawn": len(s.drawn),
                }
            )
            lines += [f"  - {e.label}: {e.reason}" for e in s.excluded]
        for criterion in report.criteria:
            lines += [
                "",
                f"{criterion.code} – {criterion.title}" if criterion.code else criterion.title,
            ]
            for cell in criterion.cells:
                cases = ", ".join(c.label for c in cell.behind_computed) or "–"
                lines.append(f"  {cell.district}: {cell.computed} [{cases}]")
        return "\n".join(lines) + "\n"
