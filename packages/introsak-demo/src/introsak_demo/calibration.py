"""The audit report's figures, computed from case facts: one definition for demo and statistics.

Every figure the demo is calibrated to is a *target* in ``targets.yaml`` (with the report's
source lines). This module says exactly which cases each figure counts and how, so that the
demo's tests, the statistics module and a reader of the report mean the same thing:

Populations (``as_of`` is the snapshot date; no fact in the data is later):

* **settled in a period**: every case (person, of any age) whose ``settlement_date`` lies in
  the period. Statistikkbanken counts persons, children included.
* **collective** / **other**: ``residence_basis`` is ``collective_protection`` / anything else.
* **ended in a period**: cases whose ``end_date`` lies in the period (the end reason is the
  one registered, ``not_registered`` included). Velferdsetaten's "2024" is 1 January to
  7 August 2024.
* **started in a period**: cases whose ``start_date`` lies in the period.
* **running**: started on or before ``as_of`` and not ended on or before it.
* **review population** of a district: started after 1 July 2022 (and by ``as_of``) with end
  goal work or education in the latest plan that states one. The report's 15 cases per
  district were drawn from this population (lines 2472-2481); the demo applies the review's
  findings to all of it as rates.

Measures:

* ``months_between(a, b)`` = days from ``a`` to ``b`` / 30.4375 (the mean Gregorian month).
  Figure 5's "months from settlement to start" is its mean over the cases started in a year.
* A programme lasted **more than six months** when ``end_date`` is after ``start_date``
  plus six calendar months (``rules.dates.add_months``).
* Shares are percentages of the population (0 when it is empty).

Run ``uv run python -m introsak_demo.calibration [--seed N]`` for target against achieved.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import pairwise
from typing import Any

from introsak.casefacts.model import CaseFacts
from introsak_demo.definitions import (
    DAYS_PER_MONTH,
    DISTRICT_SLUGS,
    REVIEW_CRITERIA,
    in_review_population,
    is_collective,
    is_running,
    months_between,
    over_six_months,
)
from introsak_demo.model import DemoData, StaffMember, StaffRole
from introsak_demo.targets import Period, Target, Targets, load_targets

__all__ = [
    "DAYS_PER_MONTH",
    "METRICS",
    "Result",
    "evaluate",
    "format_table",
    "in_review_population",
    "is_running",
    "load_targets",
    "months_between",
]

PERCENT_SLACK = 0.5  # the report rounds percentages to whole numbers
MONTHS_SLACK = 0.05  # and months to one decimal


# --- metrics ---------------------------------------------------------------------------------


class Facts:
    """The generated data with the indexes the metrics need, built once."""

    def __init__(self, cases: Sequence[CaseFacts], staff: Sequence[StaffMember], as_of: date):
        self.cases = cases
        self.staff = staff
        self.as_of = as_of
        self.targets = load_targets()
        self.by_district: dict[str, list[CaseFacts]] = defaultdict(list)
        for case in cases:
            self.by_district[case.district].append(case)

    def select(self, where: Mapping[str, str], district: str | None) -> Iterable[CaseFacts]:
        pool: Iterable[CaseFacts] = self.by_district[district] if district else self.cases
        basis = where.get("basis")
        if basis == "collective":
            return [c for c in pool if is_collective(c)]
        if basis == "other":
            return [c for c in pool if not is_collective(c)]
        return pool

    def period(self, key: str) -> Period:
        return self.targets.period(key, self.as_of)


Metric = Callable[[Facts, Mapping[str, str], Mapping[str, Any], str | None], float]


def _percent(part: int, whole: int) -> float:
    return 100.0 * part / whole if whole else 0.0


def settled(f: Facts, where: Mapping[str, str], params: Mapping[str, Any], d: str | None) -> float:
    period = f.period(where["period"])
    return float(sum(1 for c in f.select(where, d) if c.person.settlement_date in period))


def collective_share(
    f: Facts, where: Mapping[str, str], params: Mapping[str, Any], d: str | None
) -> float:
    period = f.period(where["period"])
    persons = [c for c in f.select(where, d) if c.person.settlement_date in period]
    return _percent(sum(1 for c in persons if is_collective(c)), len(persons))


def _ended(f: Facts, where: Mapping[str, str], d: str | None) -> list[CaseFacts]:
    period = f.period(where["period"])
    return [c for c in f.select(where, d) if c.end_date in period]


def end_reason_share(
    f: Facts, where: Mapping[str, str], params: Mapping[str, Any], d: str | None
) -> float:
    ended = _ended(f, where, d)
    reasons = set(params["reasons"])
    hits = sum(1 for c in ended if c.end_reason is not None and c.end_reason.value in reasons)
    return _percent(hits, len(ended))


def end_reason_count(
    f: Facts, where: Mapping[str, str], params: Mapping[str, Any], d: str | None
) -> float:
    reasons = set(params["reasons"])
    ended = _ended(f, where, d)
    return float(
        sum(1 for c in ended if c.end_reason is not None and c.end_reason.value in reasons)
    )


def _months_to_start(f: Facts, where: Mapping[str, str], d: str | None, key: str) -> float:
    period = f.period(key)
    months = [
        months_between(c.person.settlement_date, c.start_date)
        for c in f.select(where, d)
        if c.start_date is not None and c.start_date in period
    ]
    return sum(months) / len(months) if months else 0.0


def months_to_start(
    f: Facts, where: Mapping[str, str], params: Mapping[str, Any], d: str | None
) -> float:
    return _months_to_start(f, where, d, where["period"])


def education_share(
    f: Facts, where: Mapping[str, str], params: Mapping[str, Any], d: str | None
) -> float:
    ended = _ended(f, where, d)
    levels = set(params["levels"])
    return _percent(sum(1 for c in ended if c.person.education_level.value in levels), len(ended))


def over_six_months_share(
    f: Facts, where: Mapping[str, str], params: Mapping[str, Any], d: str | None
) -> float:
    ended = _ended(f, where, d)
    return _percent(sum(1 for c in ended if over_six_months(c)), len(ended))


def review_rate(
    f: Facts, where: Mapping[str, str], params: Mapping[str, Any], d: str | None
) -> float:
    if d is None:
        raise ValueError("review_rate needs a district")
    criterion = REVIEW_CRITERIA[params["criterion"]]
    counts = Counter(criterion(c, d) for c in f.by_district[d] if in_review_population(c, f.as_of))
    whole = sum(n for (denominator, _), n in counts.items() if denominator)
    return _percent(counts[(True, True)], whole)


def running(f: Facts, where: Mapping[str, str], params: Mapping[str, Any], d: str | None) -> float:
    return float(sum(1 for c in f.select(where, d) if is_running(c, f.as_of)))


def advisers(staff: Iterable[StaffMember], district: str) -> int:
    return sum(1 for s in staff if s.role is StaffRole.PROGRAMME_ADVISER and s.district == district)


def adviser_load(
    f: Facts, where: Mapping[str, str], params: Mapping[str, Any], d: str | None
) -> float:
    """Participants in the programme per programme adviser of the district."""
    if d is None:
        raise ValueError("adviser_load needs a district")
    count = advisers(f.staff, d)
    return running(f, {}, params, d) / count if count else float("inf")


def load_category(load: float) -> str:
    """The survey's categories (Figure 7): under 20, 20-30, 30-40, over 40."""
    if load < 20:
        return "under 20"
    if load < 30:
        return "20-30"
    return "30-40" if load <= 40 else "over 40"


def adviser_load_categories(
    f: Facts, where: Mapping[str, str], params: Mapping[str, Any], d: str | None
) -> float:
    loads = (adviser_load(f, {}, {}, slug) for slug in DISTRICT_SLUGS)
    return float(sum(1 for load in loads if load_category(load) == params["category"]))


def districts_running_at_least(
    f: Facts, where: Mapping[str, str], params: Mapping[str, Any], d: str | None
) -> float:
    counts = (running(f, {}, {}, slug) for slug in DISTRICT_SLUGS)
    return float(sum(1 for n in counts if n >= params["threshold"]))


METRICS: Mapping[str, Metric] = {
    "settled": settled,
    "collective_share": collective_share,
    "end_reason_share": end_reason_share,
    "end_reason_count": end_reason_count,
    "months_to_start": months_to_start,
    "education_share": education_share,
    "over_six_months_share": over_six_months_share,
    "review_rate": review_rate,
    "running": running,
    "adviser_load": adviser_load,
    "adviser_load_categories": adviser_load_categories,
    "districts_running_at_least": districts_running_at_least,
}
PERCENT_METRICS = frozenset(
    {
        "collective_share",
        "end_reason_share",
        "education_share",
        "over_six_months_share",
        "review_rate",
    }
)


# --- evaluation ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Result:
    target: Target
    achieved: float | dict[str, float]
    ok: bool | None  # None: reported, not checked
    expected: str
    shown: str


def measure(f: Facts, target: Target) -> float | dict[str, float]:
    """The achieved value: a number, or one number per district (district "*") or per period
    (a ``rising`` target)."""
    metric = METRICS[target.metric]
    district = target.where.get("district")
    if "periods" in target.params:
        return {
            key: _months_to_start(f, target.where, district, key)
            for key in target.params["periods"]
        }
    if district == "*":
        return {slug: metric(f, target.where, target.params, slug) for slug in DISTRICT_SLUGS}
    return metric(f, target.where, target.params, district)


def evaluate(data: DemoData, targets: Targets | None = None) -> list[Result]:
    """Every target with its achieved value and whether the expectation holds."""
    f = Facts(data.cases, data.staff, data.as_of)
    chosen = targets or f.targets
    achieved = {t.id: measure(f, t) for t in chosen.targets}
    return [_judge(t, achieved[t.id], achieved) for t in chosen.targets]


def _judge(
    target: Target,
    value: float | dict[str, float],
    achieved: Mapping[str, float | dict[str, float]],
) -> Result:
    slack = {"months_to_start": MONTHS_SLACK, "adviser_load": PERCENT_SLACK}.get(
        target.metric, PERCENT_SLACK if target.metric in PERCENT_METRICS else 0.0
    )
    ok, expected = _check(target.expect, value, achieved, slack)
    return Result(
        target=target,
        achieved=value,
        ok=ok if target.check else None,
        expected=expected,
        shown=_show(value, target.expect),
    )


def _check(
    expect: Mapping[str, Any],
    value: float | dict[str, float],
    achieved: Mapping[str, float | dict[str, float]],
    slack: float,
) -> tuple[bool, str]:
    if not expect:
        return True, "(reference)"
    if isinstance(value, dict):
        return _check_many(expect, value, slack)
    if "exact" in expect:
        return value == expect["exact"], f"= {expect['exact']}"
    if "value" in expect:
        tol = expect["tolerance"]
        return abs(value - expect["value"]) <= tol + 1e-9, f"{expect['value']} ± {tol}"
    if "range" in expect:
        lo, hi = expect["range"]
        return lo - slack <= value <= hi + slack, f"{lo}–{hi}"
    if "above" in expect:
        return value > expect["above"], f"> {expect['above']}"
    if "less_than" in expect:
        other = achieved[expect["less_than"]]
        assert isinstance(other, float)
        return value < other, f"< {expect['less_than']} ({other:.1f})"
    if "between" in expect:
        lo_v, hi_v = (achieved[key] for key in expect["between"])
        assert isinstance(lo_v, float) and isinstance(hi_v, float)
        return min(lo_v, hi_v) < value < max(lo_v, hi_v), f"between {lo_v:.2f} and {hi_v:.2f}"
    raise ValueError(f"unknown expectation {dict(expect)}")


def _check_many(
    expect: Mapping[str, Any], values: dict[str, float], slack: float
) -> tuple[bool, str]:
    if "top" in expect or "bottom" in expect:
        top = "top" in expect
        wanted = set(expect["top" if top else "bottom"])
        ranked = sorted(values, key=lambda k: values[k], reverse=top)
        k = len(wanted)
        # Ties at the boundary make the claim ambiguous: they count as a failure.
        clear = len(ranked) == k or values[ranked[k - 1]] != values[ranked[k]]
        label = "highest" if top else "lowest"
        return set(ranked[:k]) == wanted and clear, f"{label}: {', '.join(sorted(wanted))}"
    if "rising" in expect:
        seq = list(values.values())
        return all(a < b for a, b in pairwise(seq)), "rising"
    if "above" in expect:
        bound = expect["above"]
        return all(v > bound for v in values.values()), f"every district > {bound}"
    raise ValueError(f"unknown expectation {dict(expect)}")


def _show(value: float | dict[str, float], expect: Mapping[str, Any]) -> str:
    if isinstance(value, dict):
        if "top" in expect or "bottom" in expect:
            top = "top" in expect
            k = len(expect["top" if top else "bottom"])
            ranked = sorted(value, key=lambda key: value[key], reverse=top)
            return ", ".join(f"{key} {value[key]:.1f}" for key in ranked[: k + 1])
        if "above" in expect:
            low = min(value, key=lambda key: value[key])
            return f"lowest {low} {value[low]:.2f}"
        return " → ".join(f"{v:.2f}" for v in value.values())
    if "exact" in expect or float(value).is_integer():
        return f"{value:.0f}"
    return f"{value:.2f}"


# --- the command -----------------------------------------------------------------------------


def format_table(results: Sequence[Result]) -> str:
    """A Markdown table: target, report lines, expected, achieved, status."""
    rows = ["| target | report lines | expected | achieved | ok |", "|---|---|---|---|---|"]
    for r in results:
        status = "info" if r.ok is None else ("yes" if r.ok else "**NO**")
        lines = ", ".join(str(n) for n in r.target.lines)
        rows.append(f"| {r.target.id} | {lines} | {r.expected} | {r.shown} | {status} |")
    return "\n".join(rows)


def main(argv: Sequence[str] | None = None) -> int:
    from introsak_demo.generator import DEFAULT_SEED, generate

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--failures", action="store_true", help="show only failed targets")
    args = parser.parse_args(argv)
    results = evaluate(generate(seed=args.seed))
    shown = [r for r in results if r.ok is False] if args.failures else results
    sys.stdout.write(format_table(shown) + "\n")
    failed = sum(1 for r in results if r.ok is False)
    checked = sum(1 for r in results if r.ok is not None)
    sys.stdout.write(f"\n{checked - failed} of {checked} checked targets met (seed {args.seed}).\n")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
