"""Size limits of the forms (issue 12, item 10): a free text holds at most 20,000 characters
(the error is on the field), a plan item at most what its column holds, and a request body
larger than ``DATA_UPLOAD_MAX_MEMORY_SIZE`` is refused before it is read, while the largest
legitimate form still fits."""

from __future__ import annotations

import re
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from introsak.casefacts.parse import MAX_TEXT_CHARS
from introsak.cases import models
from introsak.cases.models import Meeting
from tests.workspace.builders import Staff, load, running

pytestmark = pytest.mark.django_db


def _journal(client: Client, text: str) -> tuple[int, str]:
    case = models.ProgrammeCase.objects.get(case_id="C-1")
    url = reverse("workspace:record", args=[case.pk, "journal"])
    data = {"version": case.version, "written_on": "2024-08-01", "text": text}
    response = client.post(url, data)
    return response.status_code, response.content.decode()


def test_a_journal_note_over_20000_characters_is_refused_on_its_field(
    client: Client, people: Staff
) -> None:
    load([running("C-1", "radgiver.sth")])
    client.force_login(people.adviser)
    status, html = _journal(client, "å" * (MAX_TEXT_CHARS + 1))
    assert status == 400
    error = re.search(r'id="id_text-error"[^>]*>(.*?)</', html, re.S)
    assert error is not None
    assert "20000" in error.group(1).replace("\xa0", "").replace(" ", "")
    assert models.JournalNote.objects.count() == 0
    assert _journal(client, "å" * MAX_TEXT_CHARS)[0] == 302
    assert models.JournalNote.objects.get().text == "å" * MAX_TEXT_CHARS


def test_a_plan_line_longer_than_its_column_is_refused(client: Client, people: Staff) -> None:
    load([running("C-1", "radgiver.sth")])
    client.force_login(people.adviser)
    case = models.ProgrammeCase.objects.get(case_id="C-1")
    data = {
        "version": case.version,
        "decided_on": "2024-08-01",
        "justification": "Ny plan etter trepartsmøtet.",
        "duration_months": 12,
        "sub_goals": "Førerkort\n" + "x" * 501,
    }
    response = client.post(reverse("workspace:record", args=[case.pk, "plan"]), data)
    assert response.status_code == 400
    assert "500" in response.content.decode()
    assert models.IntegrationPlan.objects.filter(case=case).count() == 1


def test_the_request_body_limit_is_explicit_and_the_largest_form_fits(
    client: Client, people: Staff
) -> None:
    load([running("C-1", "radgiver.sth")])
    client.force_login(people.adviser)
    case = models.ProgrammeCase.objects.get(case_id="C-1")
    widest = "𝄞" * MAX_TEXT_CHARS  # four UTF-8 bytes, twelve when percent-encoded
    meeting = {name: widest for name in Meeting.MINUTES_FIELDS}
    meeting |= {"version": str(case.version), "kind": "three_party", "date": "2024-08-01"}
    assert len(urlencode(meeting)) < settings.DATA_UPLOAD_MAX_MEMORY_SIZE == 2 * 1024 * 1024
    before = models.Meeting.objects.filter(case=case).count()
    saved = client.post(reverse("workspace:record", args=[case.pk, "meeting"]), meeting)
    assert saved.status_code == 302
    too_big = {**meeting, "version": case.version + 1, "notes": "x" * (3 * 1024 * 1024)}
    refused = Client(raise_request_exception=False)
    refused.force_login(people.adviser)
    response = refused.post(reverse("workspace:record", args=[case.pk, "meeting"]), too_big)
    assert response.status_code == 400
    assert models.Meeting.objects.filter(case=case).count() == before + 1
