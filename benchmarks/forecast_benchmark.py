"""Benchmark: the Norwegian-training forecast for Oslo's schools (issue 16).

Runs the shipped Oslo scenario (24 months of the settlement plan, three schools with six
intakes a year; ``src/introsak/intake/scenarios/``) with 200 runs, on one process and on
two, the way ``introsak forecast --runs 200 [--workers 2]`` does, and the smallest-capacity
search the command adds. Usage::

    uv run python benchmarks/forecast_benchmark.py [--runs 200] [--repeat 3]

Prints the best and median wall-clock time of each; the numbers from this machine are
recorded in docs/benchmarks/intake.md (target: 24 months, 200 runs, at most 10 s on 2 cores).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from introsak.intake.domain.forecast import forecast, smallest_capacity  # noqa: E402
from introsak.intake.domain.scenario import read_scenario  # noqa: E402

SCENARIOS = ROOT / "src" / "introsak" / "intake" / "scenarios"


def _time(repeat: int, action: object) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    scenario = read_scenario(
        (SCENARIOS / "oslo-arrivals.csv").read_text(),
        (SCENARIOS / "oslo-capacity.json").read_text(),
    )
    months = len(scenario.arrivals)
    persons = sum(n for _, n in scenario.arrivals)
    intakes = sum(len(s.intakes) for s in scenario.schools)
    schools = len(scenario.schools)
    load = os.getloadavg()[0]
    print(f"scenario: {months} months, {persons} arrivals, {schools} schools, {intakes} intakes; "
          f"{args.runs} runs; load average {load:.2f}")  # fmt: skip
    for workers in (1, 2):
        times = _time(
            args.repeat, lambda w=workers: forecast(scenario, runs=args.runs, seed=1, workers=w)
        )
        print(f"forecast, {workers} process(es): best {min(times):.2f} s, "
              f"median {statistics.median(times):.2f} s")  # fmt: skip
    times = _time(1, lambda: smallest_capacity(scenario, target=0.95, runs=20, seed=1))
    print(f"smallest capacity for 95 % (bisection, 20 runs a step): {times[0]:.2f} s")
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
