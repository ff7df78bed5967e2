"""Issue 16: the worklist's filters on the way into Norwegian training: waiting for a school
place over 90 days, no placement test (14 days after the mapping appointment), no
registered address 30 days after settlement."""

from __future__ import annotations

from datetime import date

import pytest

from introsak.cases import models
from introsak.workspace.domain.worklist import FILTERS, FILTERS_BY_KEY, filter_counts
from tests.workspace.builders import AS_OF, load, running, staff, undecided

pytestmark = pytest.mark.django_db
KEYS = ("school_wait", "no_placement", "no_address")


@pytest.fixture
def cases() -> None:
    staff()
    load(
        [
            undecided("A", "radgiver.sth", training={"mapping_appointment_on": "2024-04-10"}),
            undecided("B", "radgiver.sth", training={"mapping_appointment_on": "2024-07-20"}),
            undecided("C", "radgiver.sth"),
            undecided(
                "D",
                "radgiver.sth",
                training={
                    "address_registered_on": "2024-03-10",
                    "mapping_appointment_on": "2024-04-10",
                    "placement_tested_on": "2024-04-10",
                    "track": "medium",
                },
            ),
            undecided(
                "E",
                "radgiver.sth",
                training={
                    "address_registered_on": "2024-03-10",
                    "mapping_appointment_on": "2024-04-10",
                    "placement_tested_on": "2024-04-10",
                    "offered_on": "2024-04-20",
                    "started_on": "2024-05-06",
                    "school": "skullerud",
                },
            ),
            running("F", "radgiver.sth"),
        ]
    )


def _listed(key: str, day: date) -> list[str]:
    cases = models.ProgrammeCase.objects.filter(FILTERS_BY_KEY[key].cases(day))
    return sorted(cases.values_list("case_id", flat=True))


def test_each_filter_selects_its_cases(cases: None) -> None:
    assert {key: _listed(key, AS_OF) for key in KEYS} == {
        "school_wait": ["A", "D"],
        "no_placement": ["A", "B"],
        "no_address": ["A", "B", "C"],
    }


def test_a_wait_counts_from_day_90_after_the_mapping_appointment(cases: None) -> None:
    # B was mapped on 2024-07-20: 90 days later is 2024-10-18.
    assert _listed("school_wait", date(2024, 10, 17)) == ["A", "D"]
    assert _listed("school_wait", date(2024, 10, 18)) == ["A", "B", "D"]


def test_counts_match_the_lists(cases: None) -> None:
    everything = models.ProgrammeCase.objects.all()
    counts = filter_counts(everything, AS_OF)
    assert {key: counts[key] for key in KEYS} == {
        "school_wait": 2,
        "no_placement": 2,
        "no_address": 3,
    }
    assert counts == {
        "all": 6,
        **{x.key: everything.filter(x.cases(AS_OF)).count() for x in FILTERS},
    }
