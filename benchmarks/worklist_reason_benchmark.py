"""Benchmark: the worklist under each ready filter, with the filter's own finding per row.

Under a flag filter (issue 14 item 5) the page's rows are read with a join on the stored
finding of the filter's rule. This times, in a database holding the demo data (``introsak
demo-data``), the worklist of a team coordinator's district view and of an adviser's "Mine
deltakere" under every ready filter: the domain call (``workspace.domain.worklist.worklist``:
counts and one page of rows), its number of queries, and the rows query alone with and
without the join (the same filter, order and page). Usage::

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/introsak_demo \\
        uv run python benchmarks/worklist_reason_benchmark.py [--repeat 30]

Prints one line per filter and view: cases listed, queries, p50 and p95 of the domain call
in ms, and p50 of the rows query with and without the join. The numbers from this machine
are in docs/benchmarks/worklist-reasons.md.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
AS_OF = date(2024, 8, 7)


def _ms(run: Callable[[], object], repeat: int) -> list[float]:
    run()  # warm
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    return sorted(times)


def _page(rows: Any) -> list[Any]:
    return list(rows[:25])


def _cell(ms: float) -> str:
    """A time, or "-" where there is no join (all cases, and the deadline filters)."""
    return "-" if ms != ms else f"{ms:.1f}"


def _p95(times: list[float]) -> float:
    return times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--coordinator", default="koordinator.st_hanshaugen")
    parser.add_argument("--adviser", default="radgiver.st_hanshaugen.1")
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL"):
        print("Set DATABASE_URL to a database holding the demo data.", file=sys.stderr)
        return 2
    sys.path.insert(0, str(ROOT / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "introsak.settings")
    import django

    django.setup()
    from django.db import connection
    from django.db.models import F, FilteredRelation, Q
    from django.test.utils import CaptureQueriesContext

    from introsak.accounts.models import User
    from introsak.workspace.domain import worklist as w

    print(f"database: {connection.vendor}; as of {AS_OF}; {args.repeat} repetitions")
    print(
        f"{'view':<9} {'filter':<17} {'cases':>6} {'queries':>7} {'p50 ms':>7} {'p95 ms':>7}"
        f" {'rows+join':>9} {'rows':>7}"
    )
    for view, username, scope in (
        ("district", args.coordinator, w.Scope.DISTRICT),
        ("mine", args.adviser, w.Scope.MINE),
    ):
        user = User.objects.get(username=username)
        for key in (w.ALL, *(x.key for x in w.FILTERS)):
            query = w.Query(scope=scope, filter=key)
            with CaptureQueriesContext(connection) as queries:
                result = w.worklist(user, query, AS_OF)
            times = _ms(partial(w.worklist, user, query, AS_OF), args.repeat)
            joined = plain = float("nan")
            rule = w.reason_rule(query)
            if rule:
                cases = w.scoped_cases(user, query).filter(w.FILTERS_BY_KEY[key].cases(AS_OF))
                order = w._sort_expressions(query.sort, query.descending)
                base = cases.select_related("person", "adviser").only(*w.ROW_FIELDS)
                with_join = base.annotate(
                    reason=FilteredRelation("findings", condition=Q(findings__rule=rule)),
                    reason_status=F("reason__status"),
                    reason_deadline=F("reason__deadline"),
                ).order_by(*w._sort_expressions(query.sort, query.descending, "reason_deadline"))
                joined = statistics.median(_ms(partial(_page, with_join), args.repeat))
                ordered = base.order_by(*order)
                plain = statistics.median(_ms(partial(_page, ordered), args.repeat))
            print(
                f"{view:<9} {key:<17} {result.total:>6} {len(queries):>7}"
                f" {statistics.median(times):>7.1f} {_p95(times):>7.1f}"
                f" {_cell(joined):>9} {_cell(plain):>7}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
