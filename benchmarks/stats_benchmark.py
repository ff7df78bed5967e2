"""Benchmark: every statistics view over 100,000 cases in PostgreSQL.

Loads N generated cases (default 100,000; the demo generator's ``generate_bulk``) through the
ordinary import into a PostgreSQL database, then requests every view's page through Django's
test client as the city analyst (small-cell suppression on), 20 times after two warm-up
requests, and prints p50 and p95 per view. Also timed, for information: each view's chart
(SVG) and CSV, the whole dashboard, and a team coordinator's own-district view (no
suppression, counted over the cases the coordinator may open). Usage::

    uv run python benchmarks/stats_benchmark.py [--cases 100000] [--repeat 20] [--reuse]
        [--database-url URL]

The database (default postgres://postgres@127.0.0.1:5432/introsak_bench_stats) is dropped and
re-created unless ``--reuse`` finds it already holding the cases. The numbers from this
machine are recorded in docs/benchmarks/stats.md.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/introsak_bench_stats"
AS_OF = "2024-08-07"
BUDGET_MS = 300.0


def _prepare_database(url: str, *, reuse: bool, cases: int) -> bool:
    """True if ``--reuse`` finds the database holding enough cases; otherwise drop and
    re-create it (empty) and return False."""
    import psycopg

    base, _, name = url.rpartition("/")
    with psycopg.connect(base + "/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
    if exists and reuse:
        with psycopg.connect(url) as conn:
            try:
                row = conn.execute("SELECT count(*) FROM cases_programmecase").fetchone()
            except psycopg.Error:
                row = None
        if row is not None and row[0] >= cases:
            return True
    with psycopg.connect(base + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return False


def _schema() -> None:
    """Migrate; if a migration cannot run here, create the tables from the models (as the
    test runner's --nomigrations does) and load the districts."""
    from django.apps import apps
    from django.core.management import call_command
    from django.db import connection

    try:
        call_command("migrate", verbosity=0, interactive=False)
        return
    except Exception as exc:
        print(
            f"migrate failed ({type(exc).__name__}: {str(exc).splitlines()[0]}); "
            "creating the tables from the models instead",
            file=sys.stderr,
        )
    with connection.cursor() as cursor:
        cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
    with connection.schema_editor() as editor:
        for model in apps.get_models():
            if model._meta.managed and not model._meta.proxy:
                editor.create_model(model)
    from introsak.casefacts.districts import DISTRICTS
    from introsak.core.models import District

    District.objects.bulk_create(
        District(slug=d.slug, name=d.name, nav_office=d.nav_office, number=d.number)
        for d in DISTRICTS
    )


def _load(count: int, seed: int) -> float:
    """Generate the cases into a file and import it (the path of ``introsak import``)."""
    from datetime import date

    from introsak.casefacts.serialize import dumps_case
    from introsak.cases.domain.importing import case_facts_import
    from introsak_demo.generator import generate_bulk

    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "cases.jsonl"
        with path.open("w", encoding="utf-8") as out:
            for case in generate_bulk(seed=seed, count=count):
                out.write(dumps_case(case) + "\n")
        with path.open("rb") as stream:
            case_facts_import(
                stream=stream, as_of=date.fromisoformat(AS_OF), missing_users="create"
            )
    return time.perf_counter() - start


def _percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    rank = q * (len(ordered) - 1)
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def _time(request: Callable[[], object], repeat: int) -> tuple[float, float, float]:
    for _ in range(2):
        request()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        request()
        samples.append((time.perf_counter() - start) * 1000)
    return (_percentile(samples, 0.5), _percentile(samples, 0.95), max(samples))


def _client(username: str, role: str, district: str | None = None):  # type: ignore[no-untyped-def]
    from django.test import Client

    from introsak.accounts.models import User
    from introsak.core.models import District

    user, _ = User.objects.update_or_create(
        username=username,
        defaults={
            "role": role,
            "is_active": True,
            "district": District.objects.get(slug=district) if district else None,
        },
    )
    client = Client()
    client.force_login(user)
    return client


def _get(client, path: str) -> Callable[[], object]:  # type: ignore[no-untyped-def]
    def request() -> object:
        response = client.get(path)
        if response.status_code != 200:
            raise SystemExit(f"{path}: HTTP {response.status_code}")
        return response

    return request


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--reuse", action="store_true")
    parser.add_argument("--database-url", default=DEFAULT_URL)
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT / "src"))
    ready = _prepare_database(args.database_url, reuse=args.reuse, cases=args.cases)
    os.environ.update(
        {
            "DATABASE_URL": args.database_url,
            "INTROSAK_AS_OF": AS_OF,
            "DJANGO_DEBUG": "false",
            "INTROSAK_REQUIRE_2FA": "false",
            "INTROSAK_LOGIN_THROTTLING": "false",
        }
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "introsak.settings")
    import django

    django.setup()
    from django.db import connection

    from introsak.cases.models import CaseFinding, ProgrammeCase
    from introsak.stats.domain.catalogue import VIEWS

    if not ready:
        _schema()
        loaded = _load(args.cases, args.seed)
        print(f"loaded {args.cases:,} cases in {loaded:.0f} s")
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    cases, findings = ProgrammeCase.objects.count(), CaseFinding.objects.count()
    print(
        f"database: {cases:,} cases, {findings:,} findings ({connection.vendor}, "
        f"{connection.pg_version if connection.vendor == 'postgresql' else ''})"
    )

    analyst = _client("bench.analyst", "city_analyst")
    coordinator = _client("bench.coordinator", "team_coordinator", "st_hanshaugen")
    rows: list[tuple[str, str, tuple[float, float, float]]] = []
    for name in VIEWS:
        rows.append((name, "page", _time(_get(analyst, f"/stats/{name}/"), args.repeat)))
    for name in VIEWS:
        rows.append(
            (name, "chart.svg", _time(_get(analyst, f"/stats/{name}/chart.svg"), args.repeat))
        )
        rows.append((name, "csv", _time(_get(analyst, f"/stats/{name}/download.csv"), args.repeat)))
    own = "?district=st_hanshaugen"
    for name in ("end-reasons-by-district", "compliance"):
        rows.append(
            (
                name,
                "page, coordinator's own district",
                _time(_get(coordinator, f"/stats/{name}/{own}"), args.repeat),
            )
        )
    rows.append(
        ("dashboard (all views)", "page", _time(_get(analyst, "/stats/"), max(5, args.repeat // 4)))
    )

    print("\n| view | request | p50 ms | p95 ms | max ms |\n|---|---|---:|---:|---:|")
    for name, what, (p50, p95, worst) in rows:
        print(f"| {name} | {what} | {p50:.0f} | {p95:.0f} | {worst:.0f} |")
    pages = [p95 for name, what, (_, p95, _) in rows if what == "page" and name in VIEWS]
    worst_page = max(pages)
    verdict = "within" if worst_page <= BUDGET_MS else "OVER"
    print(f"\nslowest view page p95: {worst_page:.0f} ms ({verdict} the {BUDGET_MS:.0f} ms budget)")
    print(f"load average during the run: {os.getloadavg()}")
    return 0 if worst_page <= BUDGET_MS else 1


if __name__ == "__main__":
    raise SystemExit(main())
