"""The ``introsak`` console script.

``introsak check`` is the pure-Python rules check over a case-facts file (no database, no
Django). Every other sub-command is a Django management command run with Introsak's
settings, under the names the documentation uses (``introsak import FILE``,
``introsak export``, ``introsak demo-data``, ``introsak stats``, ``introsak audit`` …).
"""

from __future__ import annotations

import os
import sys

# Sub-command name → management command name, where they differ.
ALIASES = {
    "import": "import_case_facts",
    "export": "export_case_facts",
    "demo-data": "demo_data",
    "recompute-deadlines": "recompute_deadlines",
    "apply-retention": "apply_retention",
    "subject-export": "subject_export",
    "access-report": "access_report",
    "create-administrator": "create_administrator",
    "intake-import": "intake_import",
}

# ``introsak stats VIEW`` for the placements app's views (issue 15); all three also run over
# a case-facts file (--input), whose ``placements`` extension carries the placements.
PLACEMENT_STATS = frozenset({"practice-sectors", "practice-share", "placement-outcomes"})

# Commands that can also run over a case-facts file: --input FILE (introsak.throwaway).
FILE_INPUT_COMMANDS = frozenset({"stats", "audit"})

USAGE = """usage: introsak <command> [options]

commands:
  check                rules check over a case-facts file (no database)
  rules parameters     every rule parameter: value today, source, confirmation (--stale DAYS)
  import FILE          import case facts (all or nothing)
  export               export case facts as JSON Lines
  demo-data            create the demo data set
  recompute-deadlines  re-evaluate every case's findings (after a parameter change)
  apply-retention      anonymise cases ended longer ago than the retention period
  subject-export CASE  all data about one person as JSON or PDF (--as USER)
  access-report        access-log reports as JSON Lines with CEF names (--as USER)
  create-administrator create the first administrator account
  stats VIEW           outcome statistics (over a case-facts file with --input FILE);
                       practice-sectors, practice-share, placement-outcomes: work first
  match CASE_ID        ranked placement offers for a participant (--limit N, --format)
  employers import FILE  register employers from CSV or JSON Lines (all or nothing)
  audit                audit sample, control forms and findings
  forecast             Norwegian-training queue forecast (--arrivals FILE --capacity FILE)
  intake-import FILE   schools' intake calendars and training facts (JSON Lines, all or none)
  <django command>     any manage.py command (migrate, runserver, …)

Run 'introsak <command> --help' for a command's options.
"""


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in {"-h", "--help", "help"}:
        sys.stdout.write(USAGE)
        return 0
    command, rest = args[0], args[1:]
    if command == "stats" and rest[:1] and rest[0] in PLACEMENT_STATS:
        return _placement_stats(rest)
    if command == "check":
        from introsak.rules.cli import main as check_main

        return check_main(rest)
    if command == "rules":
        return _rules(rest)
    if command in FILE_INPUT_COMMANDS:
        # Must be decided before Django starts: --input chooses a throw-away database.
        from introsak.throwaway import has_input, run_with_input

        if has_input(rest):
            return run_with_input(ALIASES.get(command, command), rest)
    return _run_django_command(ALIASES.get(command, command), rest)


def _placement_stats(rest: list[str]) -> int:
    from introsak.throwaway import has_input, run_with_input

    if not has_input(rest):
        return _run_django_command("placement_stats", rest)
    return run_with_input("placement_stats", rest)


def _rules(rest: list[str]) -> int:
    """``introsak rules parameters …``: pure Python, like ``check``."""
    if rest[:1] != ["parameters"]:
        sys.stderr.write("usage: introsak rules parameters [--stale DAYS] [--format table|json]\n")
        return 2
    from introsak.rules.parameters_cli import main as parameters_main

    return parameters_main(rest[1:])


def _run_django_command(name: str, rest: list[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "introsak.settings")
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(["introsak", name, *rest])
    except SystemExit as exc:
        return int(exc.code or 0) if not isinstance(exc.code, str) else 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
