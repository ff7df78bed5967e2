"""The work profile and placements are part of the data-subject export (every model with a
subject in the classification registry)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from introsak.access.domain.subject_export import subject_export
from introsak.casefacts import model as facts
from introsak.cases.domain.operations import work_profile_record
from introsak.cases.models import ProgrammeCase
from introsak.placements.domain import pipeline
from tests.factories import import_cases, user
from tests.placements.builders import offer, participant

pytestmark = pytest.mark.django_db


def test_the_subject_export_holds_the_profile_and_the_placements(db: Any) -> None:
    coordinator = user("lise", "team_coordinator", "st_hanshaugen")
    import_cases([participant("X-1", None, "Olena Innsyn")])
    case = ProgrammeCase.objects.select_related("person", "district").get(case_id="X-1")
    work_profile_record(
        case=case,
        by=coordinator,
        expected_version=case.version,
        profile=facts.WorkProfile(job_goal="Helsefagarbeider"),
    )
    placement = pipeline.placement_propose(case=case, offer_pk=offer().pk, by=coordinator)
    pipeline.placement_decline(
        case=case, placement_pk=placement.pk, by=coordinator, reason="other", note="Flytter"
    )
    export = subject_export(user=coordinator, case_pk=case.pk, fmt="json", purpose="innsyn")
    found = json.loads(export.content)
    text = json.dumps(found, ensure_ascii=False)
    assert "Helsefagarbeider" in text
    assert "Flytter" in text
