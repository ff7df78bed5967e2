"""``introsak check``: evaluate a case-facts file from the command line (case-facts.md).

    introsak check [--as-of YYYY-MM-DD] [--rules ID,ID,...] [--format jsonl|table|csv]
                   [--skip-invalid] FILE|-

The file is read twice: first every record is validated (errors and warnings go to stderr),
then, only if that allows it, the valid records are parsed again and evaluated. Nothing is
written to stdout for a file with an invalid record unless ``--skip-invalid`` is given, and
memory stays bounded for files of any size (standard input is spooled to a temporary file).

Exit status: 0 valid; 1 invalid records skipped (``--skip-invalid``); 2 invalid input,
unknown rule ids or bad options.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO, TextIO

from introsak.casefacts.model import CaseFacts
from introsak.casefacts.parse import iter_records
from introsak.env import EnvError, env_date
from introsak.identity import allow_synthetic_ids_from_env
from introsak.rules.engine import evaluate_many
from introsak.rules.findings import Finding, Status
from introsak.rules.registry import RULE_IDS
from introsak.safe_csv import CsvFormat, write_csv

PROG = "introsak check"
AS_OF_ENV = "INTROSAK_AS_OF"  # the application's frozen "today", honoured here too
CSV_COLUMNS = (
    "case_id",
    "rule",
    "status",
    "deadline",
    "satisfied_on",
    "category",
    "severity",
    "source",
    "explanation_nb",
    "explanation_en",
    "parameters",
)
STATUS_COLUMNS = tuple(status.value for status in Status)
# For programs (case-facts.md): commas, LF line ends, no byte-order mark; formula-safe cells.
CHECK_CSV = CsvFormat(delimiter=",", line_end="\n", byte_order_mark=False)


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors end up as exit status 2 without leaving ``main``."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        sys.stderr.write(f"{self.prog}: error: {message}\n")
        raise _UsageError


class _UsageError(Exception):
    pass


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date YYYY-MM-DD: {text!r}") from None


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=PROG, description="Evaluate the rules over a case-facts file.")
    parser.add_argument("--as-of", type=_iso_date, help="evaluation date (default: today)")
    parser.add_argument("--rules", help="comma-separated rule ids (default: all)")
    parser.add_argument("--format", choices=("jsonl", "table", "csv"), default="jsonl")
    parser.add_argument(
        "--skip-invalid",
        action="store_true",
        help="evaluate the valid records anyway (exit status 1 if any were invalid)",
    )
    parser.add_argument("file", metavar="FILE|-", help="case facts (JSON Lines), - for stdin")
    return parser


@dataclass(frozen=True, slots=True)
class _Options:
    as_of: date
    rules: tuple[str, ...] | None
    format: str
    skip_invalid: bool
    file: str


def _options(argv: Sequence[str]) -> _Options:
    args = _parser().parse_args(list(argv))
    rules = None
    if args.rules is not None:
        rules = tuple(part.strip() for part in args.rules.split(",") if part.strip())
        unknown = [rule for rule in rules if rule not in RULE_IDS]
        if unknown or not rules:
            sys.stderr.write(
                f"{PROG}: error: unknown rule id(s): {', '.join(unknown) or '(none given)'}; "
                f"known: {', '.join(RULE_IDS)}\n"
            )
            raise _UsageError
    as_of = args.as_of or env_date(AS_OF_ENV) or date.today()
    return _Options(as_of, rules, args.format, args.skip_invalid, args.file)


def main(argv: list[str]) -> int:
    """Run ``introsak check`` with ``argv`` (without the word "check"); return the exit status."""
    try:
        options = _options(argv)
    except _UsageError:
        return 2
    except SystemExit as exc:  # --help
        return int(exc.code or 0) if not isinstance(exc.code, str) else 2
    except EnvError as exc:
        sys.stderr.write(f"{PROG}: error: {exc}\n")
        return 2
    try:
        with _open_input(options.file) as source:
            return _check(source, options)
    except OSError as exc:
        sys.stderr.write(f"{PROG}: error: {exc}\n")
        return 2


def _open_input(name: str) -> IO[bytes]:
    """The file, or standard input copied to a seekable temporary file (read twice)."""
    if name != "-":
        return Path(name).open("rb")
    spool = tempfile.TemporaryFile()  # noqa: SIM115 - closed by the caller's with-block
    shutil.copyfileobj(sys.stdin.buffer, spool)
    spool.seek(0)
    return spool


def _check(source: IO[bytes], options: _Options) -> int:
    allow_synthetic = allow_synthetic_ids_from_env()
    invalid = _validate(source, options.as_of, allow_synthetic)
    if invalid and not options.skip_invalid:
        return 2
    source.seek(0)
    cases = _valid_cases(source, options.as_of, allow_synthetic)
    results = evaluate_many(cases, options.as_of, rules=options.rules)
    findings = (finding for _, case_findings in results for finding in case_findings)
    WRITERS[options.format](findings, sys.stdout)
    return 1 if invalid else 0


def _validate(source: IO[bytes], as_of: date, allow_synthetic: bool) -> int:
    """Print every error and warning to stderr; return the number of invalid records."""
    invalid = 0
    for record in iter_records(source, allow_synthetic_ids=allow_synthetic, as_of=as_of):
        for warning in record.warnings:
            sys.stderr.write(f"warning: {warning}\n")
        if record.errors:
            invalid += 1
            for error in record.errors:
                sys.stderr.write(f"{error}\n")
    return invalid


def _valid_cases(source: IO[bytes], as_of: date, allow_synthetic: bool) -> Iterator[CaseFacts]:
    for record in iter_records(source, allow_synthetic_ids=allow_synthetic, as_of=as_of):
        if record.case is not None:
            yield record.case


# --- output formats ---------------------------------------------------------------------------


def write_jsonl(findings: Iterator[Finding], out: TextIO) -> None:
    for finding in findings:
        out.write(json.dumps(finding.to_dict(), ensure_ascii=False))
        out.write("\n")


def write_findings_csv(findings: Iterator[Finding], out: TextIO) -> None:
    """One row per finding, through the shared formula-safe writer (a case id such as
    ``=HYPERLINK(...)`` is written as text)."""
    write_csv(out, CSV_COLUMNS, (_csv_row(finding) for finding in findings), CHECK_CSV)


def _csv_row(finding: Finding) -> list[str | None]:
    row = finding.to_dict()
    explanation = row.pop("explanation")
    row["explanation_nb"], row["explanation_en"] = explanation["nb"], explanation["en"]
    row["parameters"] = json.dumps(row["parameters"], ensure_ascii=False, sort_keys=True)
    return [row[column] for column in CSV_COLUMNS]


def write_table(findings: Iterator[Finding], out: TextIO) -> None:
    """Per rule, how many findings had each status; a total column and a total row."""
    counts: dict[str, Counter[str]] = {}
    for finding in findings:
        counts.setdefault(finding.rule, Counter())[finding.status.value] += 1
    rule_width = max([len("rule"), len("total"), *map(len, counts)])
    widths = [max(len(status), 7) for status in STATUS_COLUMNS]
    header = ["rule".ljust(rule_width)]
    header += [s.rjust(w) for s, w in zip(STATUS_COLUMNS, widths, strict=True)]
    out.write("  ".join([*header, "total".rjust(7)]) + "\n")
    totals: Counter[str] = Counter()
    for rule in (rule for rule in RULE_IDS if rule in counts):
        out.write(_table_row(rule, counts[rule], rule_width, widths) + "\n")
        totals.update(counts[rule])
    out.write(_table_row("total", totals, rule_width, widths) + "\n")


def _table_row(label: str, counts: Counter[str], rule_width: int, widths: list[int]) -> str:
    cells = [label.ljust(rule_width)]
    cells += [str(counts[s]).rjust(w) for s, w in zip(STATUS_COLUMNS, widths, strict=True)]
    cells.append(str(sum(counts.values())).rjust(7))
    return "  ".join(cells)


WRITERS = {"jsonl": write_jsonl, "csv": write_findings_csv, "table": write_table}
