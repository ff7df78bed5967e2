"""The forecast's starting point on the what-if page: the settlement plan and the intake
calendar, with forecasts cached per scenario.

The baseline is the shipped Oslo scenario (``intake/scenarios/oslo-*.{csv,json}``, the same
files ``docs/intake.md`` documents for ``introsak forecast``). When the schools have sent
their intake calendars (``introsak intake-import``), the stored schools, intakes and classes
replace the file's calendar; the settlement plan, the mapping capacity, the track mix and
the preferences stay the file's (preferences for a school not in the file are shared evenly).
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from dataclasses import asdict, replace
from datetime import date
from pathlib import Path

from introsak.intake.domain.forecast import Forecast, forecast
from introsak.intake.domain.scenario import TRACKS, Scenario, SchoolPlan, read_scenario
from introsak.intake.models import Intake, School

SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"
ARRIVALS_FILE = SCENARIOS / "oslo-arrivals.csv"
CAPACITY_FILE = SCENARIOS / "oslo-capacity.json"
_CACHE_SIZE = 32
_cache: OrderedDict[tuple[str, int, int], Forecast] = OrderedDict()
_lock = threading.Lock()


def file_scenario() -> Scenario:
    return read_scenario(
        ARRIVALS_FILE.read_text(encoding="utf-8"), CAPACITY_FILE.read_text(encoding="utf-8")
    )


def stored_schools() -> tuple[SchoolPlan, ...]:
    """The stored intake calendar as the forecast's schools (schools without intakes left out)."""
    plans: dict[str, tuple[str, list[tuple[date, dict[str, int]]]]] = {}
    for school in School.objects.order_by("name"):
        plans[school.code] = (school.name, [])
    for intake in (
        Intake.objects.select_related("school").prefetch_related("classes").order_by("starts_on")
    ):
        classes = {t: 0 for t in TRACKS}
        classes.update({c.track: c.capacity for c in intake.classes.all()})
        plans[intake.school.code][1].append((intake.starts_on, classes))
    return tuple(
        SchoolPlan(code=code, name=name, intakes=tuple(intakes))
        for code, (name, intakes) in plans.items()
        if intakes
    )


def baseline_scenario() -> Scenario:
    scenario = file_scenario()
    schools = stored_schools()
    if not schools:
        return scenario
    codes = [s.code for s in schools]
    known = {c: scenario.preferences[c] for c in codes if c in scenario.preferences}
    rest = 1.0 - sum(known.values())
    missing = [c for c in codes if c not in known]
    preferences = {**known, **{c: rest / len(missing) for c in missing}} if missing else known
    total = sum(preferences.values()) or 1.0
    return replace(
        scenario, schools=schools, preferences={c: v / total for c, v in preferences.items()}
    )


def scenario_key(scenario: Scenario) -> str:
    return json.dumps(asdict(scenario), default=str, sort_keys=True)


def forecast_cached(scenario: Scenario, *, runs: int, seed: int) -> Forecast:
    """The forecast, computed once per process for the same scenario, runs and seed (the
    simulation is deterministic, so a cached answer is the answer)."""
    key = (scenario_key(scenario), runs, seed)
    with _lock:
        found = _cache.get(key)
        if found is not None:
            _cache.move_to_end(key)
            return found
    result = forecast(scenario, runs=runs, seed=seed)
    with _lock:
        _cache[key] = result
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return result
