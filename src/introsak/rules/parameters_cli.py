"""``introsak rules parameters``: every parameter with its value today, source and doubt.

    introsak rules parameters [--stale DAYS] [--as-of YYYY-MM-DD] [--format table|json]

``--stale DAYS`` lists only the stale ones: not confirmed for more than DAYS days, or with a
passed confirmation horizon. Exit status 0; 2 for bad options or an unreadable parameter set.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from typing import TextIO

from introsak.env import EnvError, env_date
from introsak.rules.parameter_list import DEFAULT_STALE_DAYS, ParameterRow, parameter_rows
from introsak.rules.parameter_set import ParameterError, default_parameters

PROG = "introsak rules parameters"
AS_OF_ENV = "INTROSAK_AS_OF"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        raise _BadOptions(f"{self.prog}: error: {message}")


class _BadOptions(Exception):
    pass


def _parser() -> _Parser:
    parser = _Parser(prog=PROG, description="List the rules engine's dated parameters.")
    parser.add_argument("--stale", type=int, metavar="DAYS", help="only the stale parameters")
    parser.add_argument("--as-of", type=date.fromisoformat, metavar="YYYY-MM-DD")
    parser.add_argument("--format", choices=("table", "json"), default="table")
    return parser


def _value(value: object) -> str:
    return "—" if value is None else json.dumps(value, ensure_ascii=False)


def write_table(rows: tuple[ParameterRow, ...], out: TextIO) -> None:
    """A fixed-width table: one line per parameter, then its sources and doubt indented."""
    header = ("parameter", "value", "since", "confirmed", "until", "stale")
    cells = [
        (
            row.name if row.revision is None else f"{row.revision}/{row.name}",
            _value(row.value),
            row.since.isoformat() if row.since else "—",
            row.last_confirmed.isoformat(),
            row.confirmed_until.isoformat() if row.confirmed_until else "—",
            "yes" if row.stale else "no",
        )
        for row in rows
    ]
    widths = [max(len(h), *(len(c[i]) for c in cells)) for i, h in enumerate(header)]
    out.write("  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip() + "\n")
    for row, line in zip(rows, cells, strict=True):
        out.write("  ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)).rstrip() + "\n")
        for source in row.sources:
            out.write(f"    source: {source}\n")
        if row.uncertain_en is not None:
            out.write(f"    uncertain: {row.uncertain_en}\n")


def main(argv: list[str] | None = None, out: TextIO | None = None) -> int:
    out = sys.stdout if out is None else out
    try:
        options = _parser().parse_args(argv)
    except _BadOptions as exc:
        sys.stderr.write(f"{exc}\n")
        return 2
    if options.stale is not None and options.stale < 0:
        sys.stderr.write(f"{PROG}: error: --stale must be 0 or more days\n")
        return 2
    try:
        today = options.as_of or env_date(AS_OF_ENV) or date.today()
        parameters = default_parameters()
    except (EnvError, ParameterError) as exc:
        sys.stderr.write(f"{PROG}: error: {exc}\n")
        return 2
    days = options.stale if options.stale is not None else DEFAULT_STALE_DAYS
    rows = parameter_rows(parameters, today, stale_days=days)
    if options.stale is not None:
        rows = tuple(row for row in rows if row.stale)
    if options.format == "json":
        json.dump([row.to_dict() for row in rows], out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        write_table(rows, out)
    return 0
