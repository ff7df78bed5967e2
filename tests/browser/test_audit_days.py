"""Audit work is never lost, in a real browser (issue 14, item 2): "Next case" saves the
control form, refuses a differing assessment without a comment, and leaving a changed form
any other way asks first."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Dialog, Page, expect

from introsak.audits.models import Audit, ControlFormEntry, FrameCase
from tests.browser.conftest import axe_scan, describe_violations, log_in
from tests.browser.test_audit_workbench import PASSWORD, _row, audit, browser

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
__all__ = ["audit", "browser"]  # the audit workbench's fixtures, used here too


def _following(audit: Audit, row: FrameCase) -> FrameCase:
    rows = list(
        FrameCase.objects.filter(sample__audit=audit, drawn=True).order_by(
            "district__number", "rank"
        )
    )
    return rows[rows.index(row) + 1]


def test_next_case_saves_and_a_differing_assessment_needs_a_comment(
    page: Page, audit: Audit, settings: Any
) -> None:
    log_in(page, "revisor", PASSWORD)
    row = _row(audit, "OS-04")
    page.goto(f"/audits/{audit.pk}/cases/{row.pk}/")
    criterion = page.locator("section.audit-criterion", has_text="MAP-01")
    criterion.get_by_label("Din vurdering").select_option("documented_elsewhere")
    page.locator("#next-case").click()
    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Ingenting er lagret")
    expect(summary).to_contain_text("Skriv i en kommentar hvorfor.")
    comment = criterion.get_by_label("Kommentar")
    expect(comment).to_have_attribute("aria-invalid", "true")
    violations = axe_scan(page)
    assert violations == [], describe_violations(violations)
    assert ControlFormEntry.objects.exclude(assessment="").count() == 0

    comment.fill("Kartleggingen står i vedtaket og planen")
    page.locator("#next-case").click()
    following = _following(audit, row)
    expect(page).to_have_url(
        f"{page.url.split('/audits/')[0]}/audits/{audit.pk}/cases/{following.pk}/"
    )
    expect(page.locator(".app-messages")).to_contain_text(
        f"Kontrollskjema {row.pseudonym} er lagret."
    )
    saved = ControlFormEntry.objects.get(form__frame_case=row, criterion__code="MAP-01")
    assert (saved.assessment, saved.comment) == (
        "documented_elsewhere",
        "Kartleggingen står i vedtaket og planen",
    )


def test_leaving_a_changed_control_form_by_a_link_asks_first(page: Page, audit: Audit) -> None:
    log_in(page, "revisor", PASSWORD)
    row = _row(audit, "OS-04")
    url = f"/audits/{audit.pk}/cases/{row.pk}/"
    page.goto(url)
    asked: list[str] = []

    def dismiss(dialog: Dialog) -> None:
        asked.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", dismiss)
    page.locator("section.audit-criterion", has_text="MAP-01").get_by_label("Kommentar").fill(
        "Ikke ferdig"
    )
    page.get_by_role("link", name=f"Tilbake til {audit.name}").click(no_wait_after=True)
    page.wait_for_timeout(500)
    assert asked == ["beforeunload"]
    assert page.url.endswith(url)


def test_the_refused_control_form_in_english_has_no_axe_violations(
    page: Page, audit: Audit
) -> None:
    log_in(page, "revisor", PASSWORD)
    page.goto("/audits/")
    page.select_option("#language-select", "en")
    page.click(".app-language button[type=submit]")
    page.wait_for_load_state("networkidle")
    row = _row(audit, "OS-04")
    page.goto(f"/audits/{audit.pk}/cases/{row.pk}/")
    criterion = page.locator("section.audit-criterion", has_text="MAP-01")
    criterion.get_by_label("Your assessment").select_option("documented_elsewhere")
    page.locator("#next-case").click()
    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Say in a comment why.")
    violations = axe_scan(page)
    assert violations == [], describe_violations(violations)
