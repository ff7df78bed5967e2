"""Run a command over a case-facts file instead of the database.

``introsak stats VIEW --input FILE`` (and ``introsak audit … --input FILE``) load the file
into a throw-away SQLite database and then run the very same command code as over the real
database: one implementation of every statistic, whatever the data comes from.

This must happen *before* Django starts, because the database is chosen by the settings:
``run_with_input`` points ``INTROSAK_SQLITE_PATH`` at a file in a temporary directory, clears
``DATABASE_URL``, starts Django, migrates quietly, imports the file (creating inactive
placeholder users for unknown advisers, as an export from another system needs) and runs
the command. The directory and database are deleted afterwards, whatever happens.

Like ``cli``, this module sits above every app (it starts Django and imports case facts through
``cases``), so no app imports it.

``--as-of DATE``, if given, is also the application's "today" (``INTROSAK_AS_OF``) for the
import and the command, so that deadlines are judged as of the export's date.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Sequence
from datetime import date
from pathlib import Path

INPUT_OPTION = "--input"
AS_OF_OPTION = "--as-of"
EXIT_INVALID_INPUT = 2


class UsageError(ValueError):
    """The command line asks for something impossible (a missing file, a bad date)."""


def option_value(args: Sequence[str], option: str) -> str | None:
    """The value of ``--option VALUE`` or ``--option=VALUE`` (the last one given)."""
    value = None
    for i, arg in enumerate(args):
        if arg == option:
            if i + 1 >= len(args):
                raise UsageError(f"{option} needs a value")
            value = args[i + 1]
        elif arg.startswith(option + "="):
            value = arg.split("=", 1)[1]
    return value


def without_option(args: Sequence[str], option: str) -> list[str]:
    """``args`` with every ``--option VALUE`` / ``--option=VALUE`` removed."""
    out: list[str] = []
    skip = False
    for arg in args:
        if skip:
            skip = False
        elif arg == option:
            skip = True
        elif not arg.startswith(option + "="):
            out.append(arg)
    return out


def has_input(args: Sequence[str]) -> bool:
    return any(a == INPUT_OPTION or a.startswith(INPUT_OPTION + "=") for a in args)


def run_with_input(command: str, args: Sequence[str]) -> int:
    """Run the management command ``command`` with ``args`` over the case-facts file named
    by ``--input`` in ``args``. Returns the process exit code: the command's own, or 2 if
    the file is not valid case facts (every error is written to stderr)."""
    try:
        path = Path(option_value(args, INPUT_OPTION) or "")
        as_of_text = option_value(args, AS_OF_OPTION)
        as_of = date.fromisoformat(as_of_text) if as_of_text else None
    except ValueError as exc:
        sys.stderr.write(f"introsak {command}: {exc}\n")
        return EXIT_INVALID_INPUT
    if not path.is_file():
        sys.stderr.write(f"introsak {command}: {INPUT_OPTION}: no such file: {path}\n")
        return EXIT_INVALID_INPUT
    with tempfile.TemporaryDirectory(prefix="introsak-throwaway-") as directory:
        _use_throwaway_database(Path(directory) / "throwaway.sqlite3", as_of)
        if not _load(path, command):
            return EXIT_INVALID_INPUT
        return _run(command, without_option(args, INPUT_OPTION))


def _use_throwaway_database(database: Path, as_of: date | None) -> None:
    os.environ.pop("DATABASE_URL", None)
    os.environ["INTROSAK_SQLITE_PATH"] = str(database)
    if as_of is not None:
        os.environ["INTROSAK_AS_OF"] = as_of.isoformat()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "introsak.settings")
    import django

    django.setup()


def _load(path: Path, command: str) -> bool:
    from django.core.management import call_command

    from introsak.cases.domain.importing import ImportRejected, case_facts_import

    call_command("migrate", verbosity=0, interactive=False)
    try:
        with path.open("rb") as stream:
            report = case_facts_import(stream=stream, missing_users="create")
    except ImportRejected as rejected:
        for error in rejected.errors:
            sys.stderr.write(f"{error}\n")
        sys.stderr.write(f"introsak {command}: {path}: {rejected}\n")
        return False
    for warning in report.warnings:
        sys.stderr.write(f"warning: {warning}\n")
    return True


def _run(command: str, args: list[str]) -> int:
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(["introsak", command, *args])
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return 0
