"""Time from settlement to programme start (Figure 5), and so the settlement dates.

Every participant already has a start date. Here each gets a delay, and the settlement date
is the start minus the delay. Per district and start year the delays come from a *pool*
built to have exactly the target mean (Figure 5: Oslo 3.3 months in 2022, 4.3 in the first
half of 2024; the audited districts 3.7-4.9 and rising) with exactly the target share of
starts within three months of settlement (the case review: St. Hanshaugen 5 of 15, Østensjø
9 of 15). Participants of the case review's population get their own pool, so the share
holds for them exactly.

Pools are matched to people, not drawn at random, because some settlement dates are bounded:
collective protection can only be settled after its permits began (March 2022), and a person
settled in 2021 must stay in 2021 (Figure 11 counts them). Within three months: delay at
most 88 days; beyond: at least 93 days, so calendar-month lengths never blur the line.
"""

from __future__ import annotations

import bisect
import random
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from introsak_demo.definitions import DAYS_PER_MONTH
from introsak_demo.design import (
    COLLECTIVE_SETTLED_FROM,
    LEGACY_SETTLED_FROM,
    OSLO_MONTHS_TO_START,
    SETTLED_2021,
    SETTLED_WINDOW,
    Choice,
    DistrictDesign,
)
from introsak_demo.quotas import largest_remainder
from introsak_demo.skeleton import Cohort, Skeleton

IN_WINDOW = (21, 88)  # days: within three calendar months of settlement
TAIL_FROM = 93  # days: beyond three calendar months
FIRST_YEAR = 2022


@dataclass(slots=True)
class DelayReport:
    unmatched: int = 0  # delays clamped to fit a settlement window (each moves a mean a bit)


def district_means(
    designs: Sequence[DistrictDesign], starts: Mapping[tuple[str, int], int]
) -> dict[tuple[str, int], float]:
    """Target mean delay in months per (district, start year): the report's where it gives
    them, our choices shifted together so that Oslo's mean is the report's."""
    out: dict[tuple[str, int], float] = {}
    for index, oslo in enumerate(OSLO_MONTHS_TO_START):
        year = FIRST_YEAR + index
        values = {d.slug: d.months_to_start[index] for d in designs}
        means = {slug: v.value for slug, v in values.items()}
        free = [slug for slug, v in values.items() if isinstance(v, Choice)]
        total = sum(starts.get((slug, year), 0) for slug in means)
        weight = sum(starts.get((slug, year), 0) for slug in free)
        gap = oslo * total - sum(starts.get((s, year), 0) * m for s, m in means.items())
        for slug in free:
            means[slug] = max(3.1, means[slug] + (gap / weight if weight else 0.0))
        out.update({(slug, year): m for slug, m in means.items()})
    return out


def assign_delays(
    people: Sequence[Skeleton],
    designs: Sequence[DistrictDesign],
    rng: random.Random,
    as_of: date,
) -> DelayReport:
    """Set ``delay_days`` and ``settlement`` of every participant started since 2022."""
    groups: dict[tuple[str, int, bool], list[Skeleton]] = defaultdict(list)
    for p in people:
        if p.start is not None and p.start.year >= FIRST_YEAR:
            groups[(p.district, p.start.year, p.review)].append(p)
    starts: dict[tuple[str, int], int] = defaultdict(int)
    for (slug, year, _), members in groups.items():
        starts[(slug, year)] += len(members)
    means = district_means(designs, starts)
    counts = _within_counts(groups, {d.slug: d.review.start_within_3_months.value for d in designs})
    report = DelayReport()
    for key in sorted(groups):
        slug, year, _ = key
        members = sorted(groups[key], key=lambda p: p.uid)
        _assign_group(members, means[(slug, year)], counts[key], rng, as_of, report)
    return report


# The share started within three months falls from 2022 to 2024 as the waits grew (lines
# 760-772); the case review's rate holds over its whole population, all years together.
WITHIN_BY_YEAR = {2022: 0.6, 2023: 1.1, 2024: 1.15}


def _within_counts(
    groups: Mapping[tuple[str, int, bool], list[Skeleton]], rates: Mapping[str, float]
) -> dict[tuple[str, int, bool], int]:
    out: dict[tuple[str, int, bool], int] = {}
    for key, members in groups.items():
        slug, year, review = key
        if not review:
            share = min(0.95, rates[slug] * WITHIN_BY_YEAR[year])
            out[key] = largest_remainder(len(members), [share, 1 - share])[0]
    for slug in sorted({key[0] for key in groups}):
        keys = sorted(key for key in groups if key[0] == slug and key[2])
        sizes = [len(groups[key]) for key in keys]
        total = largest_remainder(sum(sizes), [rates[slug], 1 - rates[slug]])[0]
        parts = largest_remainder(
            total, [n * WITHIN_BY_YEAR[k[1]] for n, k in zip(sizes, keys, strict=True)]
        )
        for _ in range(len(keys)):  # move any excess over a year's size to the other years
            excess = sum(max(0, part - n) for part, n in zip(parts, sizes, strict=True))
            parts = [min(part, n) for part, n in zip(parts, sizes, strict=True)]
            room = [n - part for part, n in zip(parts, sizes, strict=True)]
            for i, extra in enumerate(largest_remainder(excess, room) if excess else []):
                parts[i] += extra
        out.update(zip(keys, parts, strict=True))
    return out


def _assign_group(
    members: list[Skeleton],
    mean_months: float,
    within_count: int,
    rng: random.Random,
    as_of: date,
    report: DelayReport,
) -> None:
    bounds = {p.uid: _bounds(p, as_of) for p in members}
    flagged = _choose_within(members, bounds, within_count, rng)
    inside = [p for p in members if p.uid in flagged]
    outside = [p for p in members if p.uid not in flagged]
    in_pool = _spread(IN_WINDOW[0], IN_WINDOW[1], len(inside))
    target_total = mean_months * DAYS_PER_MONTH * len(members)
    tail_mean = (target_total - sum(in_pool)) / len(outside) if outside else 0.0
    tail_pool = _tail(tail_mean, len(outside))
    _match(inside, in_pool, bounds, rng, report)
    _match(outside, tail_pool, bounds, rng, report)
    _restore_mean(inside, outside, round(target_total), bounds, rng)
    for p in members:
        p.flags["within_3_months"] = p.uid in flagged


def _restore_mean(
    inside: list[Skeleton],
    outside: list[Skeleton],
    total: int,
    bounds: Mapping[int, tuple[int, int]],
    rng: random.Random,
) -> None:
    """Where bounds forced a delay shorter or longer than its pool value, spread the
    difference over the others (each within its bounds and on its side of three months)."""
    gap = total - sum(p.delay_days or 0 for p in inside + outside)
    limits = {
        p.uid: (max(bounds[p.uid][0], IN_WINDOW[0]), min(bounds[p.uid][1], IN_WINDOW[1]))
        for p in inside
    }
    limits.update({p.uid: (max(bounds[p.uid][0], TAIL_FROM), bounds[p.uid][1]) for p in outside})
    people = inside + outside
    for _ in range(4):
        if gap == 0:
            return
        rng.shuffle(people)
        share = max(1, abs(gap) // max(1, len(people)))
        for p in people:
            if gap == 0:
                return
            assert p.delay_days is not None
            low, high = limits[p.uid]
            room = (high - p.delay_days) if gap > 0 else (p.delay_days - low)
            step = min(max(0, room), share * 3, abs(gap))
            if step:
                _set(p, p.delay_days + (step if gap > 0 else -step))
                gap += -step if gap > 0 else step


def _bounds(p: Skeleton, as_of: date) -> tuple[int, int]:
    """The delays (days) that keep the settlement date where it must be."""
    assert p.start is not None
    if p.collective:
        return 1, (p.start - COLLECTIVE_SETTLED_FROM).days
    first, last = {
        Cohort.LEGACY: (LEGACY_SETTLED_FROM, SETTLED_2021[0] - timedelta(days=1)),
        Cohort.Y2021: SETTLED_2021,
        Cohort.MAIN: SETTLED_WINDOW,
        Cohort.LATE: (SETTLED_WINDOW[1] + timedelta(days=1), as_of),
    }[p.cohort]
    return max(1, (p.start - last).days), (p.start - first).days


def _choose_within(
    members: list[Skeleton], bounds: Mapping[int, tuple[int, int]], count: int, rng: random.Random
) -> set[int]:
    must = [p.uid for p in members if bounds[p.uid][1] < TAIL_FROM]
    can = [p.uid for p in members if bounds[p.uid][0] <= IN_WINDOW[1] and p.uid not in must]
    rng.shuffle(can)
    return set(must + can[: max(0, count - len(must))])


def _spread(low: float, high: float, n: int) -> list[int]:
    """``n`` evenly spaced whole days from ``low`` to ``high`` (quantiles of a uniform)."""
    return [round(low + (high - low) * (i + 0.5) / n) for i in range(n)]


def _tail(mean: float, n: int) -> list[int]:
    """``n`` delays beyond three months with (as nearly as whole days allow) this mean."""
    if n == 0:
        return []
    mean = max(float(TAIL_FROM), mean)
    values = _spread(TAIL_FROM, 2 * mean - TAIL_FROM, n)
    short = round(mean * n) - sum(values)
    for i in range(abs(short)):
        values[-1 - i % n if short > 0 else i % n] += 1 if short > 0 else -1
    return values


def _match(
    members: list[Skeleton],
    pool: list[int],
    bounds: Mapping[int, tuple[int, int]],
    rng: random.Random,
    report: DelayReport,
) -> None:
    """Give each member one pool value inside its bounds; the tightly bounded go first."""
    values = sorted(pool)
    if not values:
        return
    tight = [p for p in members if bounds[p.uid][0] > values[0] or bounds[p.uid][1] < values[-1]]
    tight.sort(key=lambda p: (bounds[p.uid][1], bounds[p.uid][0]))
    loose = [p for p in members if p not in tight]
    for p in tight:
        low, high = bounds[p.uid]
        i = bisect.bisect_left(values, low)
        if i < len(values) and values[i] <= high:
            _set(p, values.pop(i))
            continue
        j = min(max(i - 1, 0), len(values) - 1)
        report.unmatched += 1
        _set(p, min(high, max(low, values.pop(j))))
    rng.shuffle(values)
    for p, value in zip(loose, values, strict=True):
        _set(p, value)


def _set(p: Skeleton, days: int) -> None:
    assert p.start is not None
    p.delay_days = days
    p.settlement = p.start - timedelta(days=days)
