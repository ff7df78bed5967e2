"""The audit workbench in a real browser: an auditor with a valid grant opens the audit, fills
one control form and sees the findings update; after the grant's end date the same auditor is
refused. Every audit page is scanned with axe in bokmål and English."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from django.db import connections
from playwright.sync_api import Browser, Page, expect, sync_playwright

from introsak.audits.models import Audit, FrameCase
from tests.audits.conftest import GRANT_END, TODAY, auditor, make_report_audit
from tests.audits.report_cases import AS_OF, report_cases
from tests.browser.conftest import (
    CHROMIUM,
    CHROMIUM_ARGS,
    axe_scan,
    describe_violations,
    log_in,
    screenshot,
)
from tests.factories import import_cases

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
PASSWORD = "correct horse battery staple"


@pytest.fixture
def browser() -> Iterator[Browser]:
    """A browser per test, not per session. With the shared session browser, a browser test
    that runs after any other database test finds the database empty: serialized rollback
    never restores the migrations' data (the districts), because the test-database
    connection seen during fixture setup lacks ``_test_serialized_contents`` once
    Playwright's event loop runs. Reproduce with
    ``pytest tests/cases/test_import.py tests/browser/test_login.py``. The connections
    opened while Playwright ran are closed before it stops, or PostgreSQL cannot drop the
    test database at the end."""
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()
        connections.close_all()  # the ones opened while Playwright ran, before it stops


@pytest.fixture
def audit(settings: Any) -> Audit:
    settings.INTROSAK_AS_OF = TODAY
    import_cases(report_cases(), as_of=AS_OF)
    return make_report_audit(created_by=auditor())


def _row(audit: Audit, case_number: str) -> FrameCase:
    return FrameCase.objects.get(sample__audit=audit, case_number=case_number)


def _findings_cell(page: Page, criterion: str, district: str) -> Any:
    row = page.locator(f"tr[data-criterion='{criterion}'][data-district='{district}']")
    return row.locator("td.audit-assessed")


def test_auditor_fills_a_control_form_and_the_findings_update(
    page: Page, audit: Audit, settings: Any
) -> None:
    log_in(page, "revisor", PASSWORD)
    page.goto("/audits/")
    page.get_by_role("link", name=audit.name).click()
    expect(page.locator("#audit-heading")).to_have_text(audit.name)
    expect(page.locator("#reproducible-stored")).to_contain_text("samme utvalg")
    screenshot(page, "audit-detail")

    page.locator("#findings-link").click()
    expect(_findings_cell(page, "MAP-01", "ostensjo")).to_contain_text(
        "Kompetansekartlegging var journalført for 12 av 15 deltakere"
    )

    row = _row(audit, "OS-04")
    page.goto(f"/audits/{audit.pk}/cases/{row.pk}/")
    expect(page.locator("#form-heading")).to_contain_text(row.pseudonym)
    criterion = page.locator("section.audit-criterion", has_text="MAP-01")
    expect(criterion).to_contain_text("Ikke oppfylt")
    expect(criterion).to_contain_text("Ikke registrert: kompetansekartlegging")
    criterion.get_by_label("Din vurdering").select_option("documented_elsewhere")
    criterion.get_by_label("Kommentar").fill("Kartleggingen står i vedtaket og planen")
    page.locator("#save-control-form").click()
    expect(page.locator(".app-messages")).to_contain_text("Kontrollskjemaet er lagret")
    expect(page.locator("#district-findings")).to_contain_text(
        "Kompetansekartlegging var journalført for 13 av 15 deltakere"
    )
    screenshot(page, "audit-control-form")

    page.locator("#findings-link").click()
    cell = _findings_cell(page, "MAP-01", "ostensjo")
    expect(cell).to_contain_text("Kompetansekartlegging var journalført for 13 av 15 deltakere")
    expect(cell).to_contain_text("1 sak vurdert annerledes")
    expect(
        page.locator("tr[data-criterion='MAP-01'][data-district='ostensjo'] td.audit-computed")
    ).to_have_text("Kompetansekartlegging var journalført for 12 av 15 deltakere")
    screenshot(page, "audit-findings")

    settings.INTROSAK_AS_OF = GRANT_END + timedelta(days=1)
    response = page.goto(f"/audits/{audit.pk}/findings/")
    assert response is not None and response.status == 404
    assert "av 15" not in page.content()
    response = page.goto(f"/audits/{audit.pk}/cases/{row.pk}/")
    assert response is not None and response.status == 404
    assert row.pseudonym not in page.content()
    page.goto("/audits/")
    expect(page.locator("#no-audits")).to_be_visible()


@pytest.mark.parametrize("language", ["nb", "en"])
def test_audit_pages_have_no_axe_violations(page: Page, audit: Audit, language: str) -> None:
    log_in(page, "revisor", PASSWORD)
    page.goto("/audits/")
    if language == "en":
        page.select_option("#language-select", "en")
        page.click(".app-language button[type=submit]")
        page.wait_for_load_state("networkidle")
    row = _row(audit, "SH-01")
    paths = [
        "/audits/",
        "/audits/new/",
        f"/audits/{audit.pk}/",
        f"/audits/{audit.pk}/findings/",
        f"/audits/{audit.pk}/cases/{row.pk}/",
    ]
    for path in paths:
        page.goto(path)
        assert page.locator("html").get_attribute("lang") == language
        violations = axe_scan(page)
        assert violations == [], f"{path}: {describe_violations(violations)}"
        if path.endswith("/new/") and language == "nb":
            screenshot(page, "audit-new")
