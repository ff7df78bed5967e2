"""Issue 16: the demo's ways into Norwegian training give the report's school waiting times
(report lines 803–808): about 124 days at Helsfyr, 50 at Skullerud and 59 at Rosenhoff in the
first half of 2024, and 63 at Helsfyr in 2023 (43–56 at the two others)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from statistics import mean

import pytest

from introsak.casefacts.parse import parse_case
from introsak.casefacts.serialize import case_to_dict
from introsak_demo import DemoData


def _waits(demo: DemoData, first: date, last: date) -> dict[str, float]:
    waits: dict[str, list[int]] = defaultdict(list)
    for case in demo.cases:
        t = case.training
        if t is None or t.started_on is None or t.mapping_appointment_on is None or not t.school:
            continue
        if first <= t.started_on <= last:
            waits[t.school].append((t.started_on - t.mapping_appointment_on).days)
    return {school: mean(days) for school, days in waits.items()}


def test_first_half_of_2024_is_the_reports(demo: DemoData) -> None:
    waits = _waits(demo, date(2024, 1, 1), date(2024, 6, 30))
    assert waits["helsfyr"] == pytest.approx(124, abs=3)
    assert waits["skullerud"] == pytest.approx(50, abs=3)
    assert waits["rosenhoff"] == pytest.approx(59, abs=3)


def test_2023_helsfyr_is_the_reports_and_the_others_in_its_range(demo: DemoData) -> None:
    waits = _waits(demo, date(2023, 1, 1), date(2023, 12, 31))
    assert waits["helsfyr"] == pytest.approx(63, abs=3)
    assert 43 <= waits["skullerud"] <= 56
    assert 43 <= waits["rosenhoff"] <= 56


def test_every_started_participant_since_2022_has_a_training_record(demo: DemoData) -> None:
    started = [c for c in demo.cases if c.start_date and c.start_date >= date(2022, 1, 1)]
    assert started
    assert all(c.training is not None and c.training.started_on == c.start_date for c in started)


def test_people_still_waiting_show_in_the_queue(demo: DemoData) -> None:
    waiting = [c for c in demo.cases if c.start_date is None and c.training is not None]
    mapped = [c for c in waiting if c.training and c.training.mapping_appointment_on]
    declined = [c for c in mapped if c.training and c.training.preferred_school == "helsfyr"]
    assert len(waiting) > 100
    assert len(mapped) > 50
    assert declined


def test_training_records_are_valid_case_facts(demo: DemoData) -> None:
    with_training = [c for c in demo.cases if c.training is not None]
    for case in with_training[:: max(1, len(with_training) // 500)]:
        assert parse_case(case_to_dict(case)).case == case
