"""The fault suite: what happens to Introsak when things break under it, on PostgreSQL.

Every test here runs the application or the import the way production does (gunicorn, the
``introsak`` command) in a subprocess against the test database, then breaks something: a
``kill -9`` in the middle of an import, PostgreSQL terminating the application's connections,
twenty people saving the same case at once, a database that does not answer. The tests share
one xdist group, so they run one after another on one worker (they start servers and watch
PostgreSQL's sessions).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

ON_POSTGRESQL = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
# Every fault test module: one xdist worker for all, PostgreSQL only.
FAULT_SUITE = [
    pytest.mark.faults,
    pytest.mark.xdist_group("faults"),
    pytest.mark.skipif(
        not ON_POSTGRESQL,
        reason="the fault suite runs on PostgreSQL (set DATABASE_URL); SQLite is the "
        "single-file demo database, with no server connections to break",
    ),
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def database_url(application_name: str, *, port: int | None = None) -> str:
    """The test database's URL for a subprocess, its connections named so that a test can
    find (and terminate) exactly them in ``pg_stat_activity``."""
    db = connection.settings_dict
    user = quote(db.get("USER") or "", safe="")
    password = f":{quote(db['PASSWORD'], safe='')}" if db.get("PASSWORD") else ""
    host = db.get("HOST") or "127.0.0.1"
    name = db["NAME"]
    return (
        f"postgres://{user}{password}@{host}:{port or db.get('PORT') or 5432}/{name}"
        f"?application_name={application_name}"
    )


def subprocess_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "INTROSAK_"))}
    env.pop("DATABASE_URL", None)
    return {
        **env,
        "DJANGO_SETTINGS_MODULE": "introsak.settings",
        "INTROSAK_ENV": "test",
        "INTROSAK_LOG_LEVEL": "INFO",
        **extra,
    }


@dataclass
class Server:
    """gunicorn serving Introsak on a local port, as in production (gunicorn.conf.py)."""

    url: str
    process: subprocess.Popen[str]
    application_name: str
    log: Path

    def get(self, path: str, *, cookie: str = "") -> tuple[int, str]:
        url = self.url + path  # always http://127.0.0.1:port/...
        request = urllib.request.Request(url, headers={"Cookie": cookie})  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                return int(response.status), response.read().decode()
        except urllib.error.HTTPError as error:
            return int(error.code), error.read().decode()

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


def start_server(tmp_path: Path, *, database: str, threads: int = 1) -> Iterator[Server]:
    """Start gunicorn (one worker) and wait until it answers; stop it afterwards."""
    port = free_port()
    name = f"introsak-fault-{uuid.uuid4().hex[:8]}"
    log = tmp_path / f"gunicorn-{port}.log"
    env = subprocess_env(
        DATABASE_URL=database.replace("{name}", name),
        INTROSAK_BIND=f"127.0.0.1:{port}",
        INTROSAK_WORKERS="1",
        INTROSAK_THREADS=str(threads),
        INTROSAK_ACCESS_LOG="",
    )
    with log.open("w") as out:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "-c",
                "gunicorn.conf.py",
                "--no-control-socket",  # the default path in $HOME is shared by every server
                "introsak.wsgi:application",
            ],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            text=True,
        )
    server = Server(f"http://127.0.0.1:{port}", process, name, log)
    try:
        _wait_until_listening(server)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_until_listening(server: Server, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise AssertionError(f"gunicorn stopped:\n{server.log_text()[-3000:]}")
        try:
            with socket.create_connection(("127.0.0.1", int(server.url.rsplit(":", 1)[1])), 0.2):
                return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"gunicorn did not start:\n{server.log_text()[-3000:]}")
