"""A database that cannot be reached (issue 12, item 13): every request that needs it gets a
short 503 page, ``/health/`` reports the database down with 503, and each failed request
writes one log line, not a traceback.

The application runs in a subprocess whose settings point at a database that is not there:
a PostgreSQL port nobody listens on, or an SQLite file in a directory that does not exist.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

REQUESTS = """
import json
import django
django.setup()
from django.test import Client

client = Client(raise_request_exception=False)
out = {}
health = client.get("/health/")
out["health"] = [health.status_code, health.json(), health.get("Retry-After")]
client.cookies["sessionid"] = "x" * 32  # a logged-in browser: its session is in the database
page = client.get("/cases/")
out["page"] = [page.status_code, page.content.decode()]
login = Client(raise_request_exception=False).post(
    "/login/", {"username": "radgiver", "password": "correct horse battery staple"}
)
out["login"] = [login.status_code]
print(json.dumps(out))
"""


def closed_port() -> int:
    """A local TCP port that nothing listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def run_without_database(database: dict[str, str]) -> tuple[dict[str, Any], str]:
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_DEBUG")},
        "DJANGO_SETTINGS_MODULE": "introsak.settings",
        "INTROSAK_ENV": "test",
        "INTROSAK_LOG_LEVEL": "INFO",
        **database,
    }
    done = subprocess.run(
        [sys.executable, "-c", REQUESTS], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1]), done.stderr


@pytest.mark.parametrize("engine", ["postgresql", "sqlite"])
def test_unreachable_database_gives_503_and_one_log_line_per_request(
    engine: str, tmp_path: Path
) -> None:
    database = (
        {"DATABASE_URL": f"postgres://postgres@127.0.0.1:{closed_port()}/introsak_down"}
        if engine == "postgresql"
        else {"INTROSAK_SQLITE_PATH": str(tmp_path / "missing-directory" / "db.sqlite3")}
    )
    out, log = run_without_database(database)
    assert out["health"] == [503, {"status": "unavailable", "database": "down"}, "30"]
    status, page = out["page"]
    assert status == 503
    assert "Midlertidig utilgjengelig" in page
    assert len(page) < 2000
    assert out["login"] == [503]
    lines = [line for line in log.splitlines() if line.strip()]
    failures = [line for line in lines if "database unavailable" in line]
    assert [line.split("database unavailable: ")[1].split(" (")[0] for line in failures] == [
        "GET /health/",
        "GET /cases/",
        "POST /login/",
    ]
    assert lines == failures  # nothing else: no traceback, no second line per request
