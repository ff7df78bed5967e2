"""Benchmark the rules engine: one case (evaluate + render) and a stream of a million cases.

    uv run python benchmarks/rules_benchmark.py [--cases N] [--workers W] [--single N]

Cases come from a fast, deterministic generator (seeded ``random.Random``) that builds a
fresh ``CaseFacts`` per case with the shapes the engine meets: both residence-basis groups,
cases at every stage (settled, decided, started, ended), one to three plans, meetings,
activities, leaves, extensions and recognition records. The stream is generated lazily, so
memory measures the engine, not the data set. Results are written to stdout; the numbers
in docs/benchmarks/rules.md come from this script.
"""

from __future__ import annotations

import argparse
import contextlib
import multiprocessing
import os
import platform
import random
import resource
import statistics
import sys
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import TypeVar

from introsak.casefacts.enums import (
    ActivityKind,
    CefrLevel,
    EducationLevel,
    EndGoal,
    EndReason,
    LanguageSkill,
    MeetingKind,
    ResidenceBasis,
    SentBy,
)
from introsak.casefacts.model import (
    Activity,
    CaseFacts,
    EducationRecognition,
    Extension,
    Leave,
    Meeting,
    Person,
    Plan,
)
from introsak.rules import Evaluator, evaluate, evaluate_many

AS_OF = date(2025, 6, 30)
DISTRICTS = ("alna", "bjerke", "gamle_oslo", "grunerlokka", "ostensjo", "st_hanshaugen")
BASES = (
    *[ResidenceBasis.COLLECTIVE_PROTECTION] * 6,
    *[ResidenceBasis.REFUGEE] * 2,
    ResidenceBasis.FAMILY_REUNIFICATION,
    ResidenceBasis.HUMANITARIAN,
)
GOALS = (EndGoal.WORK, EndGoal.WORK, EndGoal.EDUCATION, EndGoal.UPPER_SECONDARY_COMPLETION, None)
KINDS = tuple(ActivityKind)
EDUCATION = tuple(EducationLevel)
END_REASONS = tuple(EndReason)
SENDERS = tuple(SentBy)
DURATIONS = (6, 6, 12, 24, 36)
PLAN_COUNTS = (1, 1, 2, 3)
EXTENSION_MONTHS = (3, 6, 12)
T = TypeVar("T")
B1 = tuple((skill, CefrLevel.B1) for skill in LanguageSkill)
DAY = timedelta(days=1)


class _Draw:
    """Fast seeded draws: ``random()`` scaled, as ``randint``/``choice`` dominate otherwise."""

    __slots__ = ("random",)

    def __init__(self, seed: int) -> None:
        self.random = random.Random(seed).random

    def integer(self, low: int, high: int) -> int:
        return low + int(self.random() * (high - low + 1))

    def pick(self, items: tuple[T, ...]) -> T:
        return items[int(self.random() * len(items))]

    def chance(self, probability: float) -> bool:
        return self.random() < probability

    def maybe(self, day: date, probability: float, spread: int) -> date | None:
        return day + DAY * self.integer(0, spread) if self.random() < probability else None


def generate(n: int, seed: int = 2024) -> Iterator[CaseFacts]:
    """``n`` varied valid cases, deterministically, one fresh object graph per case."""
    draw = _Draw(seed)
    first = date(2022, 3, 15).toordinal()
    for i in range(n):
        yield _case(draw, i, date.fromordinal(first + draw.integer(0, 1150)))


def _case(draw: _Draw, i: int, settlement: date) -> CaseFacts:
    permit = settlement - DAY * draw.integer(10, 200)
    person = Person(
        birth_date=permit - DAY * draw.integer(17 * 365, 60 * 365),
        residence_basis=draw.pick(BASES),
        permit_date=permit,
        settlement_date=settlement,
        settled_by_agreement=draw.chance(0.93),
        education_level=draw.pick(EDUCATION),
        has_children_under_18=draw.chance(0.4),
        expecting_child=draw.chance(0.05),
    )
    decision = draw.maybe(settlement, 0.85, 150)
    start = decision + DAY * draw.integer(0, 20) if decision else None
    end = start + DAY * draw.integer(120, 900) if start and draw.chance(0.4) else None
    return CaseFacts(
        case_id=f"B-{i:07d}",
        district=DISTRICTS[i % len(DISTRICTS)],
        person=person,
        claim_date=draw.maybe(settlement, 0.3, 60),
        mapping_date=draw.maybe(settlement, 0.8, 120),
        career_guidance_date=draw.maybe(settlement, 0.5, 150),
        decision_date=decision,
        start_date=start,
        part_time_percent=60 if draw.chance(0.1) else 100,
        plans=_plans(draw, decision) if decision else (),
        contract_date=draw.maybe(decision, 0.7, 30) if decision else None,
        meetings=_meetings(draw, start) if start else (),
        activities=_activities(draw, start) if start else (),
        leaves=_leaves(draw, start) if start else (),
        extensions=_extensions(draw, start) if start else (),
        education_recognition=_recognition(draw, start) if start else None,
        jobseeker_registered_date=draw.maybe(start, 0.6, 90) if start else None,
        end_date=end,
        end_reason=draw.pick(END_REASONS) if end else None,
        certificate_issued_date=draw.maybe(end, 0.7, 60) if end else None,
    )


def _plans(draw: _Draw, decision: date) -> tuple[Plan, ...]:
    return tuple(
        Plan(
            decided_on=decision + DAY * (k * draw.integer(60, 200)),
            duration_months=draw.pick(DURATIONS),
            end_goal=draw.pick(GOALS),
            norwegian_goal=B1 if draw.chance(0.9) else None,
        )
        for k in range(draw.pick(PLAN_COUNTS))
    )


def _meetings(draw: _Draw, start: date) -> tuple[Meeting, ...]:
    return tuple(
        Meeting(
            kind=MeetingKind.THREE_PARTY if draw.chance(0.8) else MeetingKind.TRANSFER,
            date=start + DAY * draw.integer(10, 600),
            documented=draw.chance(0.7),
        )
        for _ in range(draw.integer(0, 3))
    )


def _activities(draw: _Draw, start: date) -> tuple[Activity, ...]:
    activities = []
    for _ in range(draw.integer(0, 4)):
        begin = start + DAY * draw.integer(0, 300)
        end = begin + DAY * draw.integer(20, 200) if draw.chance(0.6) else None
        hours = float(draw.integer(2, 25))
        activities.append(
            Activity(kind=draw.pick(KINDS), start=begin, end=end, hours_per_week=hours)
        )
    return tuple(activities)


def _leaves(draw: _Draw, start: date) -> tuple[Leave, ...]:
    if draw.chance(0.8):
        return ()
    begin = start + DAY * draw.integer(10, 300)
    return (Leave(start=begin, end=begin + DAY * draw.integer(1, 40), approved=draw.chance(0.8)),)


def _extensions(draw: _Draw, start: date) -> tuple[Extension, ...]:
    if draw.chance(0.7):
        return ()
    decided = start + DAY * draw.integer(150, 300)
    return (Extension(decided_on=decided, months=draw.pick(EXTENSION_MONTHS)),)


def _recognition(draw: _Draw, start: date) -> EducationRecognition | None:
    if draw.chance(0.5):
        return None
    sent = draw.maybe(start, 0.6, 150)
    sent_by = draw.pick(SENDERS) if sent else None
    return EducationRecognition(relevant=draw.chance(0.7), sent_date=sent, sent_by=sent_by)


# --- measurements -----------------------------------------------------------------------------


def single_case(n: int) -> dict[str, float]:
    """Per-case time of the public ``evaluate`` plus rendering every explanation (µs)."""
    cases = list(generate(n, seed=7))
    for case in cases[:200]:  # warm the caches (evaluator, parameter bundles)
        [f.explanation for f in evaluate(case, AS_OF)]
    times, cpu_times, render_times = [], [], []
    for case in cases:
        cpu = time.process_time_ns()
        started = time.perf_counter_ns()
        findings = evaluate(case, AS_OF)
        evaluated = time.perf_counter_ns()
        for finding in findings:
            finding.explanation  # noqa: B018 - the render is what is measured
        rendered = time.perf_counter_ns()
        cpu_times.append((time.process_time_ns() - cpu) / 1000)
        times.append((rendered - started) / 1000)
        render_times.append((rendered - evaluated) / 1000 / len(findings))
    return {
        "median_us": statistics.median(times),
        "p95_us": statistics.quantiles(times, n=20)[18],
        "cpu_median_us": statistics.median(cpu_times),
        "render_one_finding_median_us": statistics.median(render_times),
    }


def generator_only(n: int) -> float:
    """Seconds of CPU the generator alone takes for ``n`` cases."""
    started = time.process_time()
    for _ in generate(n, seed=11):
        pass
    return time.process_time() - started


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def stream(n: int, workers: int, chunk_size: int, seed: int = 2024) -> dict[str, float]:
    """``evaluate_many`` over ``n`` generated cases; every finding is consumed, none kept."""
    consumed = 0
    wall, cpu, children = time.perf_counter(), time.process_time(), _children_cpu()
    for _case_facts, findings in evaluate_many(
        generate(n, seed), AS_OF, workers=workers, chunk_size=chunk_size
    ):
        for finding in findings:
            consumed += finding.status is not None
    return {
        "seconds": time.perf_counter() - wall,
        "cpu_main": time.process_time() - cpu,
        "cpu_workers": _children_cpu() - children,
        "findings": consumed,
    }


def _shard(args: tuple[int, int, int]) -> dict[str, float]:
    n, seed, chunk_size = args
    return stream(n, 1, chunk_size, seed)


def sharded(n: int, shards: int, chunk_size: int) -> dict[str, float]:
    """``shards`` processes, each generating and evaluating its share with ``evaluate_many``
    (the way a large export is split and checked in parallel)."""
    wall = time.perf_counter()
    share = [(n // shards + (i < n % shards), 2024 + i, chunk_size) for i in range(shards)]
    with multiprocessing.get_context().Pool(shards) as pool:
        parts = pool.map(_shard, share)
    return {
        "seconds": time.perf_counter() - wall,
        "cpu": sum(p["cpu_main"] for p in parts),
        "findings": sum(p["findings"] for p in parts),
    }


def _report(label: str, n: int, result: dict[str, float]) -> None:
    cpu = result.get("cpu", result.get("cpu_main", 0.0) + result.get("cpu_workers", 0.0))
    print(
        f"{label}: {n:,} cases in {result['seconds']:.1f} s = {n / result['seconds']:,.0f} "
        f"cases/s; CPU {cpu:.1f} s ({cpu / n * 1e6:.0f} µs/case); "
        f"{int(result['findings']):,} findings"
    )


def machine() -> str:
    model = "unknown CPU"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return (
        f"python {platform.python_version()}, {model}, {os.cpu_count()} CPUs, load average {load}"
    )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--single", type=int, default=5000, help="cases for the per-case time")
    parser.add_argument("--chunk-size", type=int, default=1000)
    parser.add_argument(
        "--modes", default="serial,workers,sharded", help="any of serial, workers, sharded"
    )
    args = parser.parse_args(argv)
    modes = set(args.modes.split(","))
    print(machine())
    print(f"rules per case: {len(Evaluator(AS_OF).rules)}, as of {AS_OF}")
    one = single_case(args.single)
    print(
        f"one case, evaluate + render all explanations: median {one['median_us']:.0f} µs, "
        f"p95 {one['p95_us']:.0f} µs (CPU median {one['cpu_median_us']:.0f} µs); "
        "one explanation (nb + en): "
        f"{one['render_one_finding_median_us']:.1f} µs"
    )
    sample = min(args.cases, 100_000)
    print(f"generator alone: {generator_only(sample) / sample * 1e6:.0f} µs CPU per case")
    if "serial" in modes:
        _report("evaluate_many, workers=1", args.cases, stream(args.cases, 1, args.chunk_size))
    if "workers" in modes:
        result = stream(args.cases, 2, args.chunk_size)
        _report("evaluate_many, workers=2", args.cases, result)
    if "sharded" in modes:
        _report("2 shards × evaluate_many", args.cases, sharded(args.cases, 2, args.chunk_size))
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak RSS: main process {own:.0f} MB, largest child process {children:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
