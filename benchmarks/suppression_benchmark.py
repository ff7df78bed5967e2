"""Benchmark small-cell suppression (``stats.domain.suppression.suppress``) alone.

    uv run python benchmarks/suppression_benchmark.py [--repeat 5]

Tables of the sizes the views publish, filled from a seeded ``random.Random`` with many small
counts (the expensive case: every small count needs partners): Figure 3 (15 districts × 6
end reasons), Figure 5 over ten years (15 × 11), Table 1 over the default two years
(45 rows × 6) and over the longest period allowed, ten years (165 rows × 6). Tables by
district are always suppressed over all 15 districts, whatever is chosen, so these are the
sizes every suppressed request pays. Prints the median and slowest time per table; the
numbers in docs/benchmarks/stats.md come from this script.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import time

from introsak.stats.domain.suppression import HIDDEN_STATES, suppress

TABLES = (
    ("Figure 3: 15 districts × 6 reasons", 15, 6, (True, True)),
    ("Figure 5: 15 districts × 11 years", 15, 11, (True, True)),
    ("Table 1, two years: 45 rows × 6 (row sums)", 45, 6, (True, False)),
    ("Table 1, ten years: 165 rows × 6 (row sums)", 165, 6, (True, False)),
    ("165 rows × 6, row and column totals", 165, 6, (True, True)),
)


def counts(rng: random.Random, rows: int, columns: int) -> list[list[int]]:
    """A fifth zeros, two fifths counts from 1 to 4 or 1 to 12, the rest 5 to 60."""
    return [
        [
            rng.choice([0, rng.randint(1, 4), rng.randint(1, 12), rng.randint(5, 60), 0])
            for _c in range(columns)
        ]
        for _r in range(rows)
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=5, help="tables per size (seeds 0..N-1)")
    args = parser.parse_args()
    print(f"python {platform.python_version()}, {os.cpu_count()} CPUs, load {os.getloadavg()}")
    print(f"{'table':48} {'p50 ms':>8} {'max ms':>8} {'hidden':>7}")
    for label, rows, columns, (row_totals, column_totals) in TABLES:
        times, hidden = [], []
        for seed in range(args.repeat):
            table = counts(random.Random(seed), rows, columns)
            start = time.perf_counter()
            result = suppress(table, row_totals=row_totals, column_totals=column_totals)
            times.append((time.perf_counter() - start) * 1000)
            hidden.append(sum(s in HIDDEN_STATES for row in result.states for s in row))
        print(
            f"{label:48} {statistics.median(times):8.1f} {max(times):8.1f} "
            f"{statistics.median(hidden):7.0f}"
        )


if __name__ == "__main__":
    main()
