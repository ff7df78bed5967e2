"""The data-subject export for a person before settlement (no case yet): answers, links
(never the token), attendance and the access log, for the export permission in the
person's district, logged with its purpose."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.urls import reverse

from introsak.early.domain import operations as ops
from introsak.early.domain.subject_export import person_subject_export
from introsak.early.models import EarlyAccessAction, EarlyAccessEntry, QuestionnaireLink
from tests.early.test_answers import SECRET_ANSWER, _answer
from tests.early.world import client_for, make_world

pytestmark = pytest.mark.django_db

PURPOSE = "Innsynsbegjæring mottatt 2024-08-01"


def test_the_coordinator_exports_everything_held_about_a_person_before_settlement() -> None:
    world = make_world()
    _answer(world)
    group = ops.group_create(
        by=world.worker, name="Gruppe A", language="uk", first_session=date(2024, 8, 12), weeks=4
    )
    ops.group_add(by=world.worker, group=group, person=world.person)
    session = group.sessions.order_by("number").first()
    assert session is not None
    ops.attendance_record(by=world.worker, session=session, present={world.person.pk: True})
    client = client_for(world.coordinator)
    page = client.get(reverse("early:person", args=[world.person.pk])).content.decode()
    assert 'id="subject-export"' in page
    response = client.post(
        reverse("early:subject_export", args=[world.person.pk]), {"purpose": PURPOSE}
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    data = json.loads(response.content)
    assert data["case_id"] is None
    assert data["data"]["early.QuestionnaireAnswers"][0]["answers"]["occupation"] == SECRET_ANSWER
    assert data["data"]["early.Attendance"][0]["present"] is True
    assert data["data"]["early.Attendance"][0]["group"] == "Gruppe A"
    link = QuestionnaireLink.objects.get()
    assert link.token_hash not in response.content.decode()
    assert "token_hash" not in data["data"]["early.QuestionnaireLink"][0]
    actions = {row["action"] for row in data["data"]["early.EarlyAccessEntry"]}
    assert EarlyAccessAction.LINK_OPENED in actions
    assert "purpose" in data["purposes"]["early.EarlyAccessEntry"]
    entry = EarlyAccessEntry.objects.get(action=EarlyAccessAction.SUBJECT_EXPORT)
    assert (entry.user, entry.early_person_id, entry.purpose) == (
        world.coordinator,
        world.person.pk,
        PURPOSE,
    )


def test_only_the_export_permission_in_the_district_and_a_purpose() -> None:
    world = make_world()
    url = reverse("early:subject_export", args=[world.person.pk])
    assert client_for(world.worker).get(url).status_code == 403
    assert client_for(world.adviser).post(url, {"purpose": PURPOSE}).status_code == 403
    assert client_for(world.foreign_worker).get(url).status_code == 404
    missing = client_for(world.coordinator).post(url, {"purpose": " "})
    assert missing.status_code == 400 and "id_purpose-error" in missing.content.decode()
    with pytest.raises(PermissionError):
        person_subject_export(user=world.worker, person=world.person, purpose=PURPOSE)
    assert not EarlyAccessEntry.objects.filter(action=EarlyAccessAction.SUBJECT_EXPORT).exists()
