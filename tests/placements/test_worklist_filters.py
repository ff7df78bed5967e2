"""The worklist's issue-15 filters: no work-oriented activity, a placement ending within 14
days, two or more declined offers. Counts come from the same one query as the others."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from introsak.cases.models import ProgrammeCase
from introsak.placements.domain import pipeline
from introsak.workspace.domain.worklist import FILTERS, filter_counts
from tests.factories import import_cases, user
from tests.placements.builders import AS_OF, offer, participant

pytestmark = pytest.mark.django_db
KEYS = ("no_work_activity", "placement_ending", "declined_twice")


def _counts(day: date) -> dict[str, int]:
    counts = filter_counts(ProgrammeCase.objects.all(), day)
    listed = {x.key: ProgrammeCase.objects.filter(x.cases(day)).count() for x in FILTERS}
    assert counts == {"all": ProgrammeCase.objects.count(), **listed}
    return {key: counts[key] for key in KEYS}


def test_the_three_filters_follow_the_pipeline(db: Any) -> None:
    adviser = user("kari", "programme_adviser", "st_hanshaugen")
    ending = {"kind": "work_practice", "start": "2024-07-01", "end": "2024-08-20",
              "hours_per_week": 20, "provider": "Rema 1000"}  # fmt: skip
    import_cases(
        [
            participant("F-1", "kari", "Ingen Aktivitet"),
            participant("F-2", "kari", "Slutter Snart", activities=[ending]),
            participant("F-3", "kari", "To Avslag"),
        ]
    )
    assert _counts(AS_OF) == {"no_work_activity": 2, "placement_ending": 1, "declined_twice": 0}
    # The placement ends on 2024-08-20: in the list from 14 days before, until it ends.
    assert _counts(date(2024, 8, 21))["placement_ending"] == 0
    declining = ProgrammeCase.objects.get(case_id="F-3")
    for title in ("Kassemedarbeider", "Renholder"):
        placement = pipeline.placement_propose(
            case=declining, offer_pk=offer(title=title).pk, by=adviser
        )
        pipeline.placement_decline(
            case=declining, placement_pk=placement.pk, by=adviser, reason="not_relevant"
        )
    assert _counts(AS_OF) == {"no_work_activity": 2, "placement_ending": 1, "declined_twice": 1}
