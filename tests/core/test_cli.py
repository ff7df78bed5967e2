"""The ``introsak`` console script dispatches to the pure check or to Django commands."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _introsak(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "introsak.cli", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_help_lists_the_commands() -> None:
    result = _introsak("--help")
    assert result.returncode == 0
    for command in ("check", "import FILE", "export", "demo-data", "recompute-deadlines"):
        assert command in result.stdout


def test_import_help_is_the_django_command() -> None:
    result = _introsak("import", "--help")
    assert result.returncode == 0
    assert "--create-missing-users" in result.stdout


def test_import_of_missing_file_fails_cleanly() -> None:
    result = _introsak("import", "/nonexistent/file.jsonl")
    assert result.returncode == 1
    assert "no such file" in result.stderr
    assert "Traceback" not in result.stderr
