"""The ``introsak`` console script in a process of its own, for the tests of ``--input``:
it starts Django over a throw-away database (``introsak.throwaway``), which a test process
that has already started Django cannot. The child gets this environment without the
database settings, so it chooses its own."""

from __future__ import annotations

import os
import subprocess
import sys

_DATABASE_SETTINGS = {"DATABASE_URL", "INTROSAK_SQLITE_PATH", "DJANGO_SETTINGS_MODULE"}


def introsak(*args: str, timeout: int = 600) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in _DATABASE_SETTINGS}
    return subprocess.run(
        [sys.executable, "-m", "introsak.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
        check=False,
    )
