"""The what-if page's plan: the shipped scenario, with the stored intake calendar once the
schools have sent theirs."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest

from introsak.intake.domain.baseline import baseline_scenario, file_scenario, forecast_cached
from introsak.intake.domain.importing import intake_import

pytestmark = pytest.mark.django_db


def test_without_a_stored_calendar_the_plan_is_the_file() -> None:
    assert baseline_scenario() == file_scenario()


def test_a_stored_calendar_replaces_the_files() -> None:
    lines = [
        {"type": "school", "code": "helsfyr", "name": "Helsfyr"},
        {"type": "school", "code": "grorud", "name": "Grorud"},
        {"type": "intake", "school": "helsfyr", "starts_on": "2024-03-04", "ends_on": "2024-04-21",
         "classes": {"slow": 10, "medium": 10}},
        {"type": "intake", "school": "grorud", "starts_on": "2024-04-22", "ends_on": "2024-06-09",
         "classes": {"fast": 30}},
    ]  # fmt: skip
    data = "".join(json.dumps(line) + "\n" for line in lines).encode()
    intake_import(stream=io.BytesIO(data))
    scenario = baseline_scenario()
    assert [(s.code, s.name) for s in scenario.schools] == [
        ("grorud", "Grorud"),
        ("helsfyr", "Helsfyr"),
    ]
    helsfyr = scenario.schools[1]
    assert helsfyr.intakes == ((date(2024, 3, 4), {"slow": 10, "medium": 10, "fast": 0}),)
    # Helsfyr keeps its share of the preferences (0.5), Grorud gets the rest.
    assert scenario.preferences == {"helsfyr": 0.5, "grorud": 0.5}
    assert scenario.arrivals == file_scenario().arrivals


def test_forecasts_are_cached_per_scenario() -> None:
    scenario = file_scenario()
    first = forecast_cached(scenario, runs=2, seed=1)
    assert forecast_cached(scenario, runs=2, seed=1) is first
    assert forecast_cached(scenario.with_arrivals_percent(110), runs=2, seed=1) is not first
