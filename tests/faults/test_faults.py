"""The fault suite (issue 12, "A fault suite in CI" and item 12): on PostgreSQL,

* ``kill -9`` of an ``introsak import`` at a random moment (five seeded trials, in start-up,
  validation and writing) leaves no row behind, and the same file then imports whole;
* PostgreSQL terminating the application's connections between two requests costs no failed
  request (connection health checks);
* twenty people saving the same case at the same moment: one save, nineteen 409s, no row
  lost or written twice;
* a database that does not answer: 503 on pages and on ``/health/``, one log line each.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from introsak.access.models import SecurityEvent
from introsak.cases import models
from introsak.cases.models import CaseChange
from tests.factories import case, case_dict, import_cases, user
from tests.faults.conftest import (
    FAULT_SUITE,
    Server,
    database_url,
    free_port,
    start_server,
    subprocess_env,
)

pytestmark = [*FAULT_SUITE, pytest.mark.django_db(transaction=True)]

SEED = 2024
TRIALS = 5
CASES_IN_FILE = 1000
PHASES = ("starting", "validating", "writing")


# --- kill -9 during an import ---------------------------------------------------------------


def _case_file(path: Path) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for n in range(CASES_IN_FILE):
            data = case_dict(
                f"K-{n}",
                meetings=[{"kind": "three_party", "date": "2024-02-10", "documented": True}],
                journal_notes=[{"written_on": "2024-02-01", "text": f"Notat {n}"}],
            )
            out.write(json.dumps(data, ensure_ascii=False) + "\n")
    return path


def _start_import(path: Path, name: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "introsak.cli", "import", str(path), "--as-of", "2024-08-07"],
        cwd=settings.BASE_DIR,
        env=subprocess_env(DATABASE_URL=database_url(name)),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _backend(name: str) -> tuple[int, bool] | None:
    """The import's PostgreSQL session: (pid, whether its transaction has written)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid, backend_xid IS NOT NULL FROM pg_stat_activity WHERE application_name = %s",
            [name],
        )
        row = cursor.fetchone()
    return (int(row[0]), bool(row[1])) if row else None


def _phase(name: str) -> str:
    backend = _backend(name)
    return "starting" if backend is None else "writing" if backend[1] else "validating"


def _kill_in(process: subprocess.Popen[bytes], name: str, phase: str, pause: float) -> str:
    """Wait until the import reaches the phase (or a later one), pause, ``kill -9``; return
    the phase it was killed in."""
    order = PHASES.index(phase)
    deadline = time.monotonic() + 120
    while PHASES.index(_phase(name)) < order:
        assert process.poll() is None, "the import ended before it could be killed"
        assert time.monotonic() < deadline, "the import never reached its phase"
        time.sleep(0.005)
    time.sleep(pause)
    killed_in = _phase(name)
    assert process.poll() is None, "the import ended before it could be killed"
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    return killed_in


def _wait_until_gone(name: str) -> None:
    deadline = time.monotonic() + 30
    while _backend(name) is not None:
        assert time.monotonic() < deadline, "PostgreSQL kept the killed import's session"
        time.sleep(0.05)


def _rows() -> dict[str, int]:
    tables = (
        models.Person,
        models.ProgrammeCase,
        models.IntegrationPlan,
        models.PlanItem,
        models.Meeting,
        models.JournalNote,
        models.CaseFinding,
    )
    return {model.__name__: model.objects.count() for model in tables}


def test_kill_9_of_an_import_at_a_random_moment_leaves_no_row(tmp_path: Path) -> None:
    path = _case_file(tmp_path / "cases.jsonl")
    rng = random.Random(SEED)
    killed_in = []
    for trial in range(TRIALS):
        name = f"introsak-fault-import-{trial}"
        process = _start_import(path, name)
        phase = PHASES[trial % len(PHASES)] if trial < len(PHASES) else rng.choice(PHASES)
        pause = rng.uniform(0.0, 0.2)
        killed_in.append(_kill_in(process, name, phase, pause))
        assert process.returncode == -signal.SIGKILL
        _wait_until_gone(name)
        assert set(_rows().values()) == {0}, f"trial {trial}, killed while {killed_in[-1]}"
    assert {"starting", "writing"} <= set(killed_in)  # before any row, and amid the writes
    assert SecurityEvent.objects.count() == 0
    whole = _start_import(path, "introsak-fault-import-whole")
    _stdout, stderr = whole.communicate(timeout=600)
    assert whole.returncode == 0, stderr.decode()[-2000:]
    rows = _rows()
    assert (rows["ProgrammeCase"], rows["JournalNote"], rows["Meeting"]) == (CASES_IN_FILE,) * 3


# --- connections terminated between two requests -------------------------------------------


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    yield from start_server(tmp_path, database=database_url("{name}"), threads=2)


def _terminate(name: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE application_name = %s",
            [name],
        )
        return int(cursor.fetchone()[0])


def test_connections_terminated_between_requests_cost_no_failed_request(server: Server) -> None:
    """PostgreSQL restarting, or an administrator ending sessions: the next request finds its
    kept connection dead, and the health check replaces it before the request uses it."""
    assert [server.get("/health/")[0] for _ in range(4)] == [200] * 4
    failures = 0
    for _round in range(3):
        assert _terminate(server.application_name) >= 1
        statuses = [server.get("/health/")[0] for _ in range(10)]
        failures += sum(status != 200 for status in statuses)
    assert failures == 0
    log = server.log_text()
    assert "Traceback" not in log
    assert "database unavailable" not in log


# --- twenty saves of one case at once -------------------------------------------------------


def test_twenty_concurrent_conflicting_saves_give_one_save_and_nineteen_409s() -> None:
    import_cases([case_dict("C-1")])
    adviser = user("radgiver", "programme_adviser", "st_hanshaugen")
    target = case("C-1")
    version = target.version
    url = reverse("workspace:record", kwargs={"pk": target.pk, "step": "journal"})
    clients = []
    for _ in range(20):
        client = Client()
        client.force_login(adviser)
        clients.append(client)
    start = threading.Barrier(len(clients))
    results: dict[int, int] = {}
    lock = threading.Lock()

    def save(n: int, client: Client) -> None:
        try:
            start.wait(timeout=60)
            data = {"version": version, "written_on": "2024-08-07", "text": f"Notat {n}"}
            status = client.post(url, data).status_code
            with lock:
                results[n] = status
        finally:
            connections.close_all()

    threads = [threading.Thread(target=save, args=(n, c)) for n, c in enumerate(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert sorted(results.values()) == [302] + [409] * 19
    (winner,) = [n for n, status in results.items() if status == 302]
    saved = case("C-1")
    assert saved.version == version + 1
    assert list(saved.journal_notes.values_list("text", flat=True)) == [f"Notat {winner}"]
    assert CaseChange.objects.filter(case=saved).count() == 1


# --- a database that does not answer --------------------------------------------------------


def test_unreachable_database_gives_503_and_health_503(tmp_path: Path) -> None:
    database = database_url("{name}", port=free_port())
    for down in start_server(tmp_path, database=database):
        health = down.get("/health/")
        assert (health[0], json.loads(health[1])) == (
            503,
            {"status": "unavailable", "database": "down"},
        )
        page = down.get("/cases/", cookie="sessionid=" + "x" * 32)
        assert page[0] == 503
        assert "Midlertidig utilgjengelig" in page[1]
        log = down.log_text()
        failed = [line for line in log.splitlines() if "database unavailable" in line]
        assert [line.split("database unavailable: ")[1].split(" (")[0] for line in failed] == [
            "GET /health/",
            "GET /cases/",
        ]
        assert "Traceback" not in log
