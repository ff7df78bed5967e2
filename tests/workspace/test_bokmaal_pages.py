"""Correct labels on the bokmål pages (issue 14, item 7): no English fragments in what the
user reads, every date written dd.mm.yyyy, and the gap between three-party meetings counted
from the meeting shown right above it.

The scan reads the text a user sees (tags, scripts and attributes removed; ``<time>``
elements keep their machine-readable ISO date in an attribute, which is not text) of the
worklist, the help page, a case page with most of the path recorded and every recording
form."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from introsak.cases.models import ProgrammeCase
from introsak.workspace.corrections import CORRECTIONS
from introsak.workspace.steps import STEPS
from tests.bokmaal import ISO_DATE, english_words, in_context, visible_text
from tests.workspace.builders import Staff, caseload, ended_without_meeting, load, rich

pytestmark = pytest.mark.django_db


def _pages(client: Client, case: ProgrammeCase) -> dict[str, str]:
    urls = {
        "worklist": reverse("workspace:worklist"),
        "district worklist": reverse("workspace:worklist") + "?scope=district&closed=1",
        "help": reverse("workspace:help"),
        "reassign several": reverse("workspace:reassign"),
        "workload": reverse("workspace:workload"),
        "saved filters": reverse("workspace:saved"),
        "case page": reverse("workspace:case", args=[case.pk]),
    }
    urls |= {f"form {step}": reverse("workspace:record", args=[case.pk, step]) for step in STEPS}
    for kind, spec in CORRECTIONS.items():  # completing and correcting a recorded event
        event = spec.model._default_manager.filter(case_id=case.pk).first()
        if event is not None:
            urls[f"correct {kind}"] = reverse("workspace:correct", args=[case.pk, kind, event.pk])
    pages = {}
    for name, url in urls.items():
        response = client.get(url)
        assert response.status_code == 200, name
        pages[name] = visible_text(response.content.decode())
    return pages


@pytest.fixture
def pages(client: Client, people: Staff) -> dict[str, str]:
    load(
        [
            rich("C-400", "radgiver.sth"),
            ended_without_meeting("C-100", "radgiver.sth"),
            *caseload("radgiver.sth", 4, prefix="W"),
        ]
    )
    client.force_login(people.coordinator)
    return _pages(client, ProgrammeCase.objects.get(case_id="C-400"))


def test_bokmaal_pages_have_no_english_words(pages: dict[str, str]) -> None:
    assert {"correct meeting", "correct activity", "correct leave"} <= set(pages)
    found = {name: in_context(text, english_words(text)) for name, text in pages.items()}
    assert {name: words for name, words in found.items() if words} == {}


def test_bokmaal_pages_write_dates_dd_mm_yyyy(pages: dict[str, str]) -> None:
    found = {name: ISO_DATE.findall(text) for name, text in pages.items()}
    assert {name: dates for name, dates in found.items() if dates} == {}
    assert re.search(r"\b\d{2}\.\d{2}\.\d{4}\b", pages["case page"])


def test_the_scan_finds_english_words_and_iso_dates() -> None:
    text = visible_text(
        "<p>IL § 37 c second para.</p><script>var the = 1;</script>"
        '<time datetime="2024-08-07">07.08.2024</time> 2024-08-07'
    )
    assert english_words(text) == ["para", "second"]
    assert ISO_DATE.findall(text) == ["2024-08-07"]


def _meeting(day: str, kind: str = "three_party", *, documented: bool = True) -> dict[str, object]:
    return {"date": day, "kind": kind, "documented": documented}


def test_days_between_meetings_count_from_the_meeting_above(client: Client, people: Staff) -> None:
    """07.08 under an undocumented meeting on 30.07 says 8 days since 30.07, not 52 days
    since the last documented one (16.06)."""
    load(
        [
            rich(
                "C-500",
                "radgiver.sth",
                meetings=[
                    _meeting("2024-03-01"),
                    _meeting("2024-04-10", "resource_team"),
                    _meeting("2024-06-16"),
                    _meeting("2024-07-30", documented=False),
                    _meeting("2024-08-07"),
                ],
            )
        ]
    )
    client.force_login(people.adviser)
    case = ProgrammeCase.objects.get(case_id="C-500")
    text = visible_text(client.get(reverse("workspace:case", args=[case.pk])).content.decode())
    assert "01.03.2024 Trekantsamtale · 389 dager etter programstart" in text
    assert "10.04.2024 Ressursteammøte ·" not in text  # not a three-party meeting: no gap
    assert "16.06.2024 Trekantsamtale · 107 dager siden trekantsamtalen 01.03.2024" in text
    assert (
        "30.07.2024 Trekantsamtale (ikke dokumentert) · 44 dager siden trekantsamtalen 16.06.2024"
    ) in text
    assert "07.08.2024 Trekantsamtale · 8 dager siden trekantsamtalen 30.07.2024" in text
