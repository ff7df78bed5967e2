"""The queue and capacity forecast: a seeded discrete-event simulation (SimPy) of the way
from settlement to the start of Norwegian training, repeated with percentile bands.

One run: every expected arrival is drawn (day in the month, track, preferred school, whether
the person waits for that school) from a random generator seeded with ``(seed, run)``, so the
same seed gives the same numbers and two scenarios compared with the same seed meet the same
people (common random numbers: doubling capacity changes the schools, not the persons). In
the simulation the person gets a registered address ``address_days`` after arrival and then
queues at the service centre, which maps ``mapping_per_month`` persons a month, one after
the other (first come, first served). On each intake's start day the school fills each
track's class with the persons mapped at least ``lead_days`` before, in the order they were
mapped: those who want this school, and those who take any school. A person who waits for
a preferred school is never offered another.

Waiting is what the report measures: days from the mapping appointment (the intake
interview) to the start of training. A person not started when the horizon ends counts with
the days waited so far (a lower bound), so that a queue that never empties shows as long
waits rather than vanishing. "Within 3 months" is the city's aim: training started at most
91 days (three mean months) after settlement, over the persons settled at least that long
before the horizon ends. Pure Python (no Django): shared by the command line, the what-if
page and the benchmark.
"""

from __future__ import annotations

import random
from bisect import bisect
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import accumulate
from typing import Literal

import simpy

from introsak.intake.domain.scenario import TRACKS, Scenario

DAYS_PER_MONTH = 365.25 / 12
# Three mean months of 30.4375 days, rounded down: the statistics count the same way.
THREE_MONTHS_DAYS = 91
MAX_CAPACITY_FACTOR = 20.0
Quantile = Literal["p10", "p50", "p90"]


@dataclass(frozen=True, slots=True)
class Band:
    """A value over the runs: the 10th, 50th (median) and 90th percentile."""

    p10: float
    p50: float
    p90: float


@dataclass(slots=True)
class _Person:
    arrival: int  # day since the scenario's first day
    track: str
    preferred: str
    strict: bool
    interview: int | None = None
    start: int | None = None
    school: str | None = None


@dataclass(frozen=True, slots=True)
class RunResult:
    """One run's numbers."""

    wait_by_school_month: dict[tuple[str, date], float]
    wait_by_school: dict[str, float]
    mean_wait: float
    share_within_3_months: float
    started: int
    persons: int


@dataclass(frozen=True, slots=True)
class Forecast:
    runs: int
    seed: int
    months: tuple[date, ...]
    schools: tuple[str, ...]
    wait_by_school_month: dict[tuple[str, date], Band]
    wait_by_school: dict[str, Band]
    mean_wait: Band
    share_within_3_months: Band
    persons: int
    horizon_end: date
    per_run: tuple[RunResult, ...] = field(repr=False, default=())


# --- one run ---------------------------------------------------------------------------------


def _draw_persons(scenario: Scenario, rng: random.Random) -> list[_Person]:
    """The arrivals of one run, drawn in a fixed order whatever the capacity."""
    tracks = [t for t in TRACKS if scenario.track_mix.get(t, 0.0) > 0]
    track_cum = list(accumulate(scenario.track_mix[t] for t in tracks))
    schools = [s for s in scenario.preferences if scenario.preferences[s] > 0]
    school_cum = list(accumulate(scenario.preferences[s] for s in schools))
    strict_share = scenario.strict_preference_share
    origin = scenario.first_day
    draw = rng.random
    persons: list[_Person] = []
    for month, count in scenario.arrivals:
        offset = (month - origin).days
        days = _days_in_month(month)
        for _ in range(count):
            track = tracks[min(bisect(track_cum, draw() * track_cum[-1]), len(tracks) - 1)]
            school = schools[min(bisect(school_cum, draw() * school_cum[-1]), len(schools) - 1)]
            arrival = offset + int(draw() * days)
            persons.append(_Person(arrival, track, school, draw() < strict_share))
    persons.sort(key=lambda p: p.arrival)
    return persons


def _days_in_month(month: date) -> int:
    following = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return (following - month).days


class _Queues:
    """The persons waiting for a school place, first mapped first, one queue per track,
    preferred school and strictness, so an intake looks only at the queues it can take."""

    def __init__(self) -> None:
        self.queues: dict[tuple[str, str, bool], deque[_Person]] = {}

    def add(self, person: _Person) -> None:
        key = (person.track, person.preferred, person.strict)
        self.queues.setdefault(key, deque()).append(person)

    def admit(self, school: str, track: str, places: int, day: int, mapped_by: float) -> None:
        eligible = [
            queue
            for (t, preferred, strict), queue in self.queues.items()
            if t == track and (preferred == school or not strict)
        ]
        for _ in range(places):
            best: deque[_Person] | None = None
            best_interview = 0
            for queue in eligible:
                head = queue[0] if queue else None
                if head is None or head.interview is None or head.interview > mapped_by:
                    continue
                if best is None or head.interview < best_interview:
                    best, best_interview = queue, head.interview
            if best is None:
                return
            person = best.popleft()
            person.start, person.school = day, school


def simulate_run(scenario: Scenario, *, seed: int, run: int) -> RunResult:
    """One run of the simulation; the same (scenario, seed, run) gives the same result."""
    # A simulation, not cryptography: a seeded generator is the point.
    rng = random.Random(f"introsak-forecast:{seed}:{run}")  # noqa: S311
    persons = _draw_persons(scenario, rng)
    horizon = (_next_month(scenario.arrivals[-1][0]) - scenario.first_day).days
    env = simpy.Environment()
    queues = _Queues()
    env.process(_service_centre(env, scenario, persons, queues))
    for school in scenario.schools:
        for start, classes in school.intakes:
            day = (start - scenario.first_day).days
            if 0 <= day < horizon:
                env.process(_intake(env, scenario, queues, school.code, day, classes))
    env.run(until=horizon)
    return _measure(scenario, persons, horizon)


def _service_centre(
    env: simpy.Environment, scenario: Scenario, persons: list[_Person], queues: _Queues
) -> simpy.events.ProcessGenerator:
    """Mapping appointments day by day: each day the centre maps as many persons as its
    capacity allows (``mapping_per_month`` spread over the days, fractions carried to the
    next day but never saved up), in the order their addresses were registered."""
    per_day = scenario.mapping_per_month / DAYS_PER_MONTH
    address = scenario.address_days
    waiting = 0  # index of the first person not yet mapped
    credit = 0.0
    while waiting < len(persons):
        credit = min(credit, 1.0) + per_day
        day = int(env.now)
        while credit >= 1.0 and waiting < len(persons):
            person = persons[waiting]
            if person.arrival + address > day:
                break
            person.interview = day
            queues.add(person)
            waiting += 1
            credit -= 1.0
        yield env.timeout(1)


def _intake(
    env: simpy.Environment,
    scenario: Scenario,
    queues: _Queues,
    school: str,
    day: int,
    classes: dict[str, int],
) -> simpy.events.ProcessGenerator:
    yield env.timeout(day)
    for track in TRACKS:
        queues.admit(school, track, classes.get(track, 0), day, day - scenario.lead_days)


def _next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def _measure(scenario: Scenario, persons: list[_Person], horizon: int) -> RunResult:
    origin = scenario.first_day
    month_of = [(origin + timedelta(days=d)).replace(day=1) for d in range(horizon + 1)]
    waits: dict[tuple[str, date], list[float]] = {}
    by_school: dict[str, list[float]] = {}
    all_waits: list[float] = []
    counted = within = started = 0
    for p in persons:
        start = p.start
        if start is not None:
            started += 1
        if p.interview is not None:
            wait = float((start if start is not None else horizon) - p.interview)
            school = p.school or p.preferred
            waits.setdefault((school, month_of[p.interview]), []).append(wait)
            by_school.setdefault(school, []).append(wait)
            all_waits.append(wait)
        deadline = p.arrival + THREE_MONTHS_DAYS
        if deadline <= horizon:
            counted += 1
            if start is not None and start <= deadline:
                within += 1
    return RunResult(
        wait_by_school_month={key: _mean(v) for key, v in waits.items()},
        wait_by_school={key: _mean(v) for key, v in by_school.items()},
        mean_wait=_mean(all_waits),
        share_within_3_months=within / counted if counted else 1.0,
        started=started,
        persons=len(persons),
    )


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


# --- many runs -------------------------------------------------------------------------------


def percentile(values: list[float], q: float) -> float:
    """The ``q``-th percentile (0–100) by linear interpolation between closest ranks."""
    ordered = sorted(values)
    if not ordered:
        return 0.0
    position = (len(ordered) - 1) * q / 100
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def band(values: list[float]) -> Band:
    return Band(percentile(values, 10), percentile(values, 50), percentile(values, 90))


def _runs(scenario: Scenario, seed: int, numbers: range) -> list[RunResult]:
    return [simulate_run(scenario, seed=seed, run=run) for run in numbers]


def forecast(scenario: Scenario, *, runs: int = 200, seed: int = 1, workers: int = 1) -> Forecast:
    """``runs`` runs of the scenario and the percentile bands of their numbers.

    With ``workers`` > 1 the runs are shared out over that many processes; each run is seeded
    by its number, so the result is the same whatever the number of workers.
    """
    if runs < 1:
        raise ValueError("runs: at least 1")
    if workers > 1 and runs >= 2 * workers:
        step = -(-runs // workers)
        chunks = [range(i, min(i + step, runs)) for i in range(0, runs, step)]
        with ProcessPoolExecutor(max_workers=workers) as pool:
            parts = pool.map(_runs, [scenario] * len(chunks), [seed] * len(chunks), chunks)
            results = tuple(r for part in parts for r in part)
    else:
        results = tuple(_runs(scenario, seed, range(runs)))
    schools = tuple(s.code for s in scenario.schools)
    months = tuple(m for m, _ in scenario.arrivals)
    return Forecast(
        runs=runs,
        seed=seed,
        months=months,
        schools=schools,
        wait_by_school_month={
            (s, m): band([r.wait_by_school_month.get((s, m), 0.0) for r in results])
            for s in schools
            for m in months
            if any((s, m) in r.wait_by_school_month for r in results)
        },
        wait_by_school={s: band([r.wait_by_school.get(s, 0.0) for r in results]) for s in schools},
        mean_wait=band([r.mean_wait for r in results]),
        share_within_3_months=band([r.share_within_3_months for r in results]),
        persons=round(_mean([float(r.persons) for r in results])),
        horizon_end=_next_month(scenario.arrivals[-1][0]) - timedelta(days=1),
        per_run=results,
    )


@dataclass(frozen=True, slots=True)
class CapacityNeed:
    """The smallest capacity reaching the target share, as a factor of today's classes and
    the places per intake it gives each school; ``factor`` None: not reachable (the mapping
    capacity or the calendar limits), ``reached`` the share at the largest factor tried."""

    target: float
    factor: float | None
    places_per_intake: dict[str, int]
    reached: float


def smallest_capacity(
    scenario: Scenario, *, target: float = 1.0, runs: int = 50, seed: int = 1
) -> CapacityNeed:
    """The smallest factor (in steps of 5 %) on every class's capacity at which the share
    within 3 months reaches ``target`` in at least 9 of 10 runs (its 10th percentile).

    A bisection over the factor, which assumes (and the tests check) that more capacity never
    lowers the share.
    """

    def reaches(factor: float) -> tuple[bool, float]:
        share = forecast(scenario.with_capacity_factor(factor), runs=runs, seed=seed)
        value = share.share_within_3_months.p10
        return value >= target - 1e-9, value

    low, high = 0, int(MAX_CAPACITY_FACTOR * 20)  # in steps of 5 %
    ok, reached = reaches(high / 20)
    if not ok:
        return CapacityNeed(target=target, factor=None, places_per_intake={}, reached=reached)
    while high - low > 1:
        middle = (low + high) // 2
        ok, _ = reaches(middle / 20)
        if ok:
            high = middle
        else:
            low = middle
    factor = high / 20
    scaled = scenario.with_capacity_factor(factor)
    return CapacityNeed(
        target=target,
        factor=factor,
        places_per_intake={s.code: s.places() for s in scaled.schools},
        reached=reaches(factor)[1],
    )
