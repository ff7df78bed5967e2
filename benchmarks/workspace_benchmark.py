"""Benchmark: the caseworker workspace under 16 concurrent clients, on PostgreSQL.

1. Loads N generated cases (default 100,000; ``introsak_demo.generator.generate_bulk``)
   into the database through the real import path, unless it already holds them. Advisers
   named in the cases are created by the import; the benchmark activates some of them and
   gives them a password.
2. Starts the application with gunicorn on 127.0.0.1 (DEBUG off, the demo's clock).
3. Logs in C clients (default 16), each as its own programme adviser with its own session
   in its own process,
   and runs them for S seconds per run: by default one run back to back (no think time:
   the server is saturated and latency is mostly waiting in line) and one run with a mean
   pause of 1 s between a client's requests (latency is mostly the request's own work).
   Each client loops over a mix of requests, chosen at random: its worklist ("Mine
   deltakere", with and without a ready filter, sorting and paging), the district view,
   one of its own cases' case page, and a bare logged-in page (``/cases/help/``: the
   layout and the session, no case data).
4. Prints the number of requests and p50/p95/p99 per kind, and the ratios to the bare page.

Usage::

    uv run python benchmarks/workspace_benchmark.py [--cases 100000] [--clients 16]
        [--seconds 60] [--think 0 1] [--database-url URL] [--workers N] [--threads N]
        [--reload] [--json FILE]

The numbers from this machine are recorded in docs/benchmarks/workspace.md.
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import os
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/introsak_bench"
AS_OF = "2024-08-07"
PASSWORD = "benchmark-password-2024"  # noqa: S105 - a throw-away benchmark database
WORKLIST_VARIANTS = (
    "/cases/",
    "/cases/?filter=overdue",
    "/cases/?filter=no_three_party",
    "/cases/?sort=name&page=2",
    "/cases/?filter=due_soon&sort=-stage",
)
MIX = (("worklist", 4), ("district", 1), ("case", 4), ("bare", 2))


# --- the data --------------------------------------------------------------------------------


def _ensure_database(url: str) -> None:
    import psycopg

    base, _, name = url.rpartition("/")
    with psycopg.connect(base + "/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def _drop_database(url: str) -> None:
    import psycopg

    base, _, name = url.rpartition("/")
    with psycopg.connect(base + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')


def _django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ["INTROSAK_AS_OF"] = AS_OF
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "introsak.settings")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()


def _load(count: int, seed: int) -> None:
    """Import ``count`` generated cases unless the database already holds as many."""
    from datetime import date

    from introsak.casefacts.serialize import dumps_case
    from introsak.cases.domain.importing import case_facts_import
    from introsak.cases.models import ProgrammeCase
    from introsak_demo.generator import generate_bulk

    have = ProgrammeCase.objects.count()
    if have >= count:
        print(f"database holds {have} cases: reusing them")
        return
    if have:
        raise SystemExit(f"database holds {have} cases, fewer than {count}: use --reload")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "cases.jsonl"
        start = time.perf_counter()
        with path.open("w", encoding="utf-8") as out:
            for case in generate_bulk(seed=seed, count=count):
                out.write(dumps_case(_own_advisers(case)) + "\n")
        print(f"generated {count} cases in {time.perf_counter() - start:.0f} s")
        start = time.perf_counter()
        with path.open("rb") as stream:
            report = case_facts_import(
                stream=stream, missing_users="create", as_of=date.fromisoformat(AS_OF)
            )
        print(f"imported {report.created} cases in {time.perf_counter() - start:.0f} s")
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _own_advisers(case: Any) -> Any:
    """Each generated Oslo (block ``B0007-…``) gets its own staff, so that an adviser's
    caseload is the demo's (20–40 participants, some 130 cases with the history) and not
    the same few advisers' cases repeated for every block."""
    block = case.case_id.split("-", 1)[0].lower()
    notes = tuple(
        replace(n, author=f"{n.author}.{block}" if n.author else None) for n in case.journal_notes
    )
    adviser = f"{case.adviser}.{block}" if case.adviser else None
    return replace(case, adviser=adviser, journal_notes=notes)


@dataclass
class Client:
    username: str
    case_pks: list[int]
    cookies: dict[str, str] = field(default_factory=dict)


def _clients(n: int) -> list[Client]:
    """``n`` programme advisers with a typical caseload, made able to log in."""
    from django.contrib.auth.hashers import make_password
    from django.db.models import Count

    from introsak.accounts.models import User
    from introsak.cases.models import ProgrammeCase

    advisers = list(
        User.objects.filter(role="programme_adviser")
        .annotate(n=Count("advised_cases"))
        .filter(n__gt=0)
        .order_by("n", "username")
    )
    if len(advisers) < n:
        raise SystemExit(f"only {len(advisers)} advisers with cases; need {n}")
    middle = len(advisers) // 2
    chosen = advisers[max(0, middle - n // 2) :][:n]
    User.objects.filter(pk__in=[a.pk for a in chosen]).update(
        is_active=True, password=make_password(PASSWORD)
    )
    clients = []
    for adviser in chosen:
        pks = list(
            ProgrammeCase.objects.filter(adviser=adviser)
            .exclude(person__protected_address="strictly_confidential")
            .values_list("pk", flat=True)
        )
        clients.append(Client(adviser.username, pks))
    sizes = sorted(len(c.case_pks) for c in clients)
    total = ProgrammeCase.objects.count()
    print(
        f"{total} cases; {len(advisers)} advisers; the {n} clients' caseloads: "
        f"{sizes[0]}–{sizes[-1]} (median {statistics.median(sizes):.0f})"
    )
    return clients


# --- the server ------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _start_server(
    url: str, port: int, workers: int | None, threads: int | None
) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "INTROSAK_AS_OF": AS_OF,
        "DJANGO_DEBUG": "false",
        "INTROSAK_REQUIRE_2FA": "false",
        "INTROSAK_LOGIN_THROTTLING": "false",
        "INTROSAK_LOG_LEVEL": "WARNING",
        "INTROSAK_ACCESS_LOG": "",  # no access log: the benchmark measures the pages
        "PYTHONPATH": str(ROOT / "src"),
    }
    # The production settings (gunicorn.conf.py), on a free port; --workers and --threads
    # override them.
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "introsak.wsgi:application",
        "--config",
        str(ROOT / "gunicorn.conf.py"),
        "--bind",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
    ]
    if workers:
        command += ["--workers", str(workers)]
    if threads:
        command += ["--threads", str(threads)]
    server = subprocess.Popen(command, cwd=ROOT, env=env)
    deadline = time.time() + 60
    while time.time() < deadline:
        if server.poll() is not None:
            raise SystemExit("gunicorn exited")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/health/")
            if conn.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.3)
    server.terminate()
    raise SystemExit("gunicorn did not come up")


# --- the clients -----------------------------------------------------------------------------

_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Session:
    """One client's keep-alive connection with its cookies."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

    def request(self, method: str, path: str, body: str | None = None) -> tuple[int, str]:
        headers = {"Host": f"127.0.0.1:{self.port}", "Accept-Language": "nb"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1:{self.port}{path}"
        self.conn.request(method, path, body=body, headers=headers)
        response = self.conn.getresponse()
        text = response.read().decode("utf-8", "replace")
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        return response.status, text

    def log_in(self, username: str) -> None:
        _, page = self.request("GET", "/login/")
        token = _CSRF.search(page)
        assert token, "no CSRF token on the log-in page"
        status, _ = self.request(
            "POST",
            "/login/",
            urlencode(
                {
                    "csrfmiddlewaretoken": token.group(1),
                    "username": username,
                    "password": PASSWORD,
                    "next": "/cases/",
                }
            ),
        )
        if status != 302 or "sessionid" not in self.cookies:
            raise SystemExit(f"log-in failed for {username} ({status})")


def _pick(rng: random.Random) -> str:
    kinds = [k for k, weight in MIX for _ in range(weight)]
    return rng.choice(kinds)


def _path(kind: str, client: Client, rng: random.Random) -> str:
    if kind == "worklist":
        return rng.choice(WORKLIST_VARIANTS)
    if kind == "district":
        return "/cases/?scope=district&filter=" + rng.choice(("all", "overdue", "due_soon"))
    if kind == "case":
        return f"/cases/{rng.choice(client.case_pks)}/"
    return "/cases/help/"


def _run_client(
    port: int, client: Client, seed: int, warm_until: float, stop_at: float, think: float
) -> tuple[dict[str, list[float]], list[str]]:
    """One client's loop, in its own process (see ``_measure``): its samples and errors."""
    rng = random.Random(seed)
    session = Session(port)
    try:
        session.log_in(client.username)
    except (OSError, SystemExit, AssertionError) as exc:
        return {}, [f"log-in {client.username}: {exc}"]
    mine: dict[str, list[float]] = defaultdict(list)
    errors: list[str] = []
    while time.monotonic() < stop_at:
        kind = _pick(rng)
        path = _path(kind, client, rng)
        at = time.monotonic()
        start = time.perf_counter()
        status, _ = session.request("GET", path)
        elapsed = time.perf_counter() - start
        if status != 200:
            errors.append(f"{status} {path}")
        elif at >= warm_until:
            mine[kind].append(elapsed * 1000)
        if think:
            time.sleep(rng.expovariate(1 / think))
    return dict(mine), errors


def _percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def _measure(
    port: int, clients: list[Client], seconds: float, warm_up: float, think: float
) -> tuple[dict[str, list[float]], list[str], float]:
    """Run every client in its own process until the time is up. Not threads: sixteen
    threads of one Python process share one interpreter lock, and a response waiting for
    it would be timed as the server's (more so for long pages)."""
    samples: dict[str, list[float]] = defaultdict(list)
    errors: list[str] = []
    begin = time.monotonic() + 5  # time for every client to start and log in
    warm_until, stop_at = begin + warm_up, begin + warm_up + seconds
    context = multiprocessing.get_context("spawn")
    with context.Pool(len(clients)) as pool:
        results = pool.starmap(
            _run_client,
            [(port, c, i, warm_until, stop_at, think) for i, c in enumerate(clients)],
        )
    for mine, failed in results:
        for kind, values in mine.items():
            samples[kind].extend(values)
        errors.extend(failed)
    return samples, errors, seconds


def _report(
    samples: dict[str, list[float]], errors: list[str], seconds: float, clients: int, think: float
) -> dict[str, dict[str, float]]:
    labels = {
        "worklist": "worklist (Mine deltakere)",
        "district": "worklist (district view)",
        "case": "case page",
        "bare": "bare logged-in page",
    }
    table: dict[str, dict[str, float]] = {}
    for kind in ("worklist", "district", "case", "bare"):
        values = samples.get(kind, [])
        if values:
            table[kind] = {
                "n": len(values),
                "p50": _percentile(values, 50),
                "p95": _percentile(values, 95),
                "p99": _percentile(values, 99),
            }
    total = sum(int(row["n"]) for row in table.values())
    pause = f"{think:g} s mean think time" if think else "no think time"
    print(
        f"\n{clients} clients, {pause}, {seconds:.0f} s measured, {total} requests "
        f"({total / seconds:.0f}/s), {len(errors)} errors; load average "
        f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
    )
    print(f"{'':28} {'requests':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'p95/bare':>9}")
    bare = table.get("bare", {}).get("p95")
    for kind, row in table.items():
        ratio = f"{row['p95'] / bare:.2f}" if bare else "–"
        print(
            f"{labels[kind]:28} {int(row['n']):>8} {row['p50']:>8.1f} {row['p95']:>8.1f} "
            f"{row['p99']:>8.1f} {ratio:>9}"
        )
    if errors:
        print("first errors:", errors[:5])
    return table


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--warm-up", type=float, default=5)
    parser.add_argument(
        "--think",
        type=float,
        nargs="*",
        default=[0.0, 1.0],
        help="one run per value: the mean pause between a client's requests (0: none)",
    )
    parser.add_argument("--workers", type=int, help="default: gunicorn.conf.py (2 × CPUs + 1)")
    parser.add_argument("--threads", type=int, help="default: gunicorn.conf.py (2)")
    parser.add_argument("--port", type=int, default=0, help="default: a free port")
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument(
        "--reload",
        action="store_true",
        help="drop and re-create the database and load the cases again",
    )
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    args = parser.parse_args()

    if args.reload:
        _drop_database(args.database_url)
    _ensure_database(args.database_url)
    env = {**os.environ, "DATABASE_URL": args.database_url}
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env=env, check=True
    )
    _django(args.database_url)
    _load(args.cases, args.seed)
    clients = _clients(args.clients)
    from django.db import connections

    connections.close_all()
    port = args.port or _free_port()
    server = _start_server(args.database_url, port, args.workers, args.threads)
    workers = args.workers or 2 * (os.cpu_count() or 1) + 1
    threads = args.threads or 2
    print(f"server: gunicorn.conf.py, {workers} workers × {threads} threads")
    runs = []
    try:
        for think in args.think:
            samples, errors, seconds = _measure(port, clients, args.seconds, args.warm_up, think)
            table = _report(samples, errors, seconds, len(clients), think)
            runs.append({"think": think, "results": table, "errors": len(errors)})
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    if args.json:
        summary = {
            "clients": len(clients),
            "seconds": args.seconds,
            "workers": workers,
            "threads": threads,
            "runs": runs,
        }
        args.json.write_text(json.dumps(summary, indent=2), encoding="utf-8")
    return 1 if any(run["errors"] for run in runs) else 0


if __name__ == "__main__":
    sys.exit(main())
