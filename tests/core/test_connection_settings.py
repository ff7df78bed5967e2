"""Connections are reused, and checked before reuse, so a database restart fails no request
(issue 12, item 12; the fault suite proves the effect on PostgreSQL)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

_PRINT_DATABASE = (
    "import json; from introsak import settings as s; "
    "d = s.DATABASES['default']; "
    "print(json.dumps([d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'], "
    "d['OPTIONS']['connect_timeout']]))"
)


def _database_settings(env: dict[str, str]) -> list[object]:
    done = subprocess.run(
        [sys.executable, "-c", _PRINT_DATABASE],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return list(json.loads(done.stdout))


def test_postgresql_connections_are_kept_checked_before_reuse_and_time_out() -> None:
    url = {"DATABASE_URL": "postgres://postgres@127.0.0.1:5432/introsak"}
    assert _database_settings(url) == [60, True, 5]
    assert _database_settings({**url, "INTROSAK_DB_CONNECT_TIMEOUT": "2"}) == [60, True, 2]
