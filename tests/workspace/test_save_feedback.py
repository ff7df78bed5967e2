"""Visible save feedback (issue 14, item 8): after a save the case page opens at a success
message at the top of the section that changed, which takes focus, once; the meeting form's
"minutes are written" box is wired to tick itself; the leave form starts with "approved"
ticked."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from introsak.cases.models import ProgrammeCase
from tests.workspace.builders import Staff, load, running

pytestmark = pytest.mark.django_db


def _case_pk() -> int:
    return ProgrammeCase.objects.get(case_id="C-1").pk


def _saved_message_section(html: str) -> str:
    """The id of the section that holds the saved message."""
    at = html.index('id="saved-message"')
    sections = re.findall(r'<section id="([\w-]+)"', html[:at])
    return str(sections[-1])


@pytest.mark.parametrize(
    ("step", "data", "section", "text"),
    [
        ("leave", {"start": "2024-06-10", "end": "2024-06-11", "approved": "on"}, "activities",
         "Permisjonen er registrert."),
        ("meeting", {"kind": "three_party", "date": "2024-06-12", "attendance": "Alle"},
         "meetings", "Møtet er registrert."),
    ],
)  # fmt: skip
def test_a_save_opens_the_case_page_at_the_message_in_the_changed_section(
    client: Client, people: Staff, step: str, data: dict[str, str], section: str, text: str
) -> None:
    load([running("C-1", "radgiver.sth")])
    client.force_login(people.adviser)
    pk = _case_pk()
    response = client.post(
        reverse("workspace:record", args=[pk, step]),
        {"version": ProgrammeCase.objects.get(pk=pk).version, **data},
    )
    assert response["Location"] == reverse("workspace:case", args=[pk]) + "#saved-message"
    html = client.get(response["Location"]).content.decode()
    assert _saved_message_section(html) == section
    message = re.search(r'<div [^>]*id="saved-message"[^>]*>(.*?)</div>', html, re.S)
    assert message is not None
    assert "data-focus-on-load" in message.group(0)
    assert 'tabindex="-1"' in message.group(0)
    assert text in message.group(1)
    assert 'class="app-messages"' not in html  # not at the top of the page as well
    again = client.get(reverse("workspace:case", args=[pk])).content.decode()
    assert 'id="saved-message"' not in again  # shown once


def test_minutes_fields_are_wired_to_tick_the_documented_box(client: Client, people: Staff) -> None:
    load([running("C-1", "radgiver.sth")])
    client.force_login(people.adviser)
    html = client.get(reverse("workspace:record", args=[_case_pk(), "meeting"])).content.decode()
    assert re.search(r'<input type="checkbox" name="documented"[^>]* data-minutes-written', html)
    assert len(re.findall(r"<textarea [^>]*data-minutes", html)) == 7
    assert '<script src="/static/workspace/minutes.js" defer></script>' in html
    assert "Krysses av når du skriver referat nedenfor" in html


def test_leave_form_starts_with_approved_ticked(client: Client, people: Staff) -> None:
    load([running("C-1", "radgiver.sth")])
    client.force_login(people.adviser)
    html = client.get(reverse("workspace:record", args=[_case_pk(), "leave"])).content.decode()
    checkbox = re.search(r'<input type="checkbox" name="approved"[^>]*>', html)
    assert checkbox is not None
    assert checkbox.group(0).endswith(" checked>")
