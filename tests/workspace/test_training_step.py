"""Issue 16: the way into Norwegian training recorded on the case page, validated for the
order of events, and shown in its section."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from introsak.cases import models
from introsak.cases.models import CaseChange
from tests.workspace.builders import Staff, load, running

pytestmark = pytest.mark.django_db

FORM = {
    "address_registered_on": "2024-03-10",
    "mapping_appointment_on": "2024-03-20",
    "placement_tested_on": "2024-03-20",
    "placement_oral": "A1",
    "placement_reading": "A1",
    "track": "medium",
    "offered_on": "2024-04-01",
    "offered_school": "skullerud",
    "offered_start_on": "2024-05-06",
    "offer_response": "accepted",
    "started_on": "2024-05-06",
    "school": "skullerud",
    "attendance_percent": "92",
    "attendance_as_of": "2024-08-01",
    "social_studies_test_on": "2024-07-01",
    "social_studies_passed": "yes",
}


def _case() -> models.ProgrammeCase:
    return models.ProgrammeCase.objects.get(case_id="C-1")


def _record() -> str:
    return reverse("workspace:record", args=[_case().pk, "training"])


def test_training_is_recorded_and_shown(client: Client, people: Staff) -> None:
    load([running("C-1", "radgiver.sth")])
    client.force_login(people.adviser)
    version = _case().version
    response = client.post(_record(), {"version": version, **FORM})
    assert response.status_code == 302, response.content.decode()[-2000:]
    row = models.TrainingPath.objects.get(case=_case())
    assert (row.school, row.started_on, row.track) == ("skullerud", date(2024, 5, 6), "medium")
    assert (row.placement_oral, row.placement_writing) == ("A1", "")
    assert row.social_studies_passed is True
    assert row.attendance_percent == 92
    assert CaseChange.objects.filter(case=_case(), step="training").count() == 1
    client.cookies["django_language"] = "en"
    page = client.get(reverse("workspace:case", args=[_case().pk])).content.decode()
    assert 'id="training-heading"' in page
    assert "Medium progression (B1)" in page
    assert "skullerud" in page


def test_the_form_shows_what_is_recorded(client: Client, people: Staff) -> None:
    load([running("C-1", "radgiver.sth", training={"mapping_appointment_on": "2024-03-20"})])
    client.force_login(people.adviser)
    form = client.get(_record()).content.decode()
    assert 'name="mapping_appointment_on" value="2024-03-20"' in form


def test_a_start_before_the_offer_is_refused_on_its_field(client: Client, people: Staff) -> None:
    load([running("C-1", "radgiver.sth")])
    client.force_login(people.adviser)
    version = _case().version
    data = {**FORM, "started_on": "2024-03-25"}
    response = client.post(_record(), {"version": version, **data})
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert list(errors) == ["started_on"]
    assert "training.started_on: before offered_on (2024-04-01)" in errors["started_on"][0]
    assert _case().version == version
    assert not models.TrainingPath.objects.exists()
