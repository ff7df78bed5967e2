"""Benchmark: import N generated cases (default 100,000) into PostgreSQL.

Measures the real code path of ``introsak import``: parse and validate every record,
evaluate every rule for every case, and write persons, cases, plans, meetings, activities,
findings … in one transaction. Usage::

    uv run python benchmarks/import_benchmark.py [--cases 100000] [--database-url URL]

The target database is dropped and re-created (default
postgres://postgres@127.0.0.1:5432/introsak_bench_import). Prints the timings; the numbers
from this machine are recorded in docs/benchmarks/import.md.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/introsak_bench_import"


def _recreate_database(url: str) -> None:
    import psycopg

    base, _, name = url.rpartition("/")
    with psycopg.connect(base + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def _write_cases(path: Path, count: int, seed: int) -> float:
    from introsak.casefacts.serialize import dumps_case
    from introsak_demo.generator import generate_bulk

    start = time.perf_counter()
    with path.open("w", encoding="utf-8") as out:
        for case in generate_bulk(seed=seed, count=count):
            out.write(dumps_case(case))
            out.write("\n")
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--database-url", default=DEFAULT_URL)
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT / "src"))
    _recreate_database(args.database_url)
    env = {**os.environ, "DATABASE_URL": args.database_url}
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env=env, check=True
    )
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "introsak.settings")

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "cases.jsonl"
        generated = _write_cases(path, args.cases, args.seed)
        size_mb = path.stat().st_size / 1e6

        import django

        django.setup()
        from datetime import date

        from django.db import connection

        from introsak.cases.domain.importing import case_facts_import

        start = time.perf_counter()
        with path.open("rb") as stream:
            report = case_facts_import(
                stream=stream, as_of=date(2024, 8, 7), missing_users="create"
            )
        elapsed = time.perf_counter() - start
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT (SELECT count(*) FROM cases_programmecase),"
                " (SELECT count(*) FROM cases_casefinding),"
                " (SELECT count(*) FROM cases_activity) + (SELECT count(*) FROM cases_meeting)"
                " + (SELECT count(*) FROM cases_integrationplan)"
            )
            cases, findings, events = cursor.fetchone()

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"cases in file:        {args.cases:,} ({size_mb:.1f} MB, generated in {generated:.1f} s)"
    )
    print(f"imported:             {report.created:,} created, {report.updated:,} updated")
    print(
        f"rows written:         {cases:,} cases, {findings:,} findings, "
        f"{events:,} plans/meetings/activities"
    )
    print(f"import time:          {elapsed:.1f} s ({args.cases / elapsed:,.0f} cases/s)")
    print(f"peak memory (RSS):    {peak_mb:,.0f} MB")
    print(f"target:               <= 60 s  -> {'met' if elapsed <= 60 else 'NOT met'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
