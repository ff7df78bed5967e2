"""The audit pages in bokmål (issue 14, item 7): dates written dd.mm.yyyy (the audit's
period and date, deadlines, evidence, who assessed when) and no English words."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from introsak.accounts.models import User
from introsak.audits.domain.control_forms import assessment_record
from introsak.audits.models import ControlFormEntry, FrameCase
from tests.audits.conftest import auditor, make_report_audit
from tests.bokmaal import ISO_DATE, english_words, in_context, visible_text

pytestmark = pytest.mark.usefixtures("report_data", "today")


def _pages(user: User) -> dict[str, str]:
    audit = make_report_audit(created_by=user)
    row = FrameCase.objects.get(sample__audit=audit, case_number="OS-04")
    entry = ControlFormEntry.objects.get(form__frame_case=row, criterion__code="MAP-01")
    assessment_record(
        entry=entry, assessment="documented_elsewhere", comment="Står i vedtaket", by=user
    )
    client = Client()
    client.force_login(user)
    urls = {
        "list": reverse("audits:list"),
        "detail": reverse("audits:detail", args=[audit.pk]),
        "findings": reverse("audits:findings", args=[audit.pk]),
        "control form": reverse("audits:control_form", args=[audit.pk, row.pk]),
    }
    pages = {}
    for name, url in urls.items():
        response = client.get(url)
        assert response.status_code == 200, name
        pages[name] = visible_text(response.content.decode())
    return pages


def test_audit_pages_write_dates_dd_mm_yyyy_and_no_english() -> None:
    pages = _pages(auditor())
    assert {
        name: ISO_DATE.findall(text) for name, text in pages.items() if ISO_DATE.search(text)
    } == {}
    english = {name: in_context(text, english_words(text)) for name, text in pages.items()}
    assert {name: found for name, found in english.items() if found} == {}
    form = pages["control form"]
    assert "Vurdert per 30.09.2024" in form
    assert re.search(r"Vurdert av revisor, 15\.10\.2024 \d\d:\d\d", form)
