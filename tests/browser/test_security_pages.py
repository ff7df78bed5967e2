"""The security pages in a real browser: accessible (axe) and within the strict CSP."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import axe_scan, describe_violations, log_in
from tests.factories import case_dict, import_cases, user

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "correct horse battery staple"


def _visit(page: Page, path: str) -> list[str]:
    errors: list[str] = []
    page.on(
        "console",
        lambda msg: errors.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    page.goto(path)
    page.wait_for_load_state("networkidle")
    return errors


@pytest.mark.parametrize(
    ("role", "district", "path"),
    [
        ("administrator", None, "/access/"),
        ("administrator", None, "/access/security/?start=2024-01-01&end=2030-01-01"),
        ("team_coordinator", "st_hanshaugen", "/access/subject-export/{case}/"),
        ("programme_adviser", "st_hanshaugen", "/account/two-factor/setup/"),
        ("programme_adviser", "st_hanshaugen", "/account/password/"),
    ],
)
def test_security_pages_have_no_axe_violations_and_keep_the_csp(
    page: Page, role: str, district: str | None, path: str, settings: Any
) -> None:
    import_cases([case_dict("A-1")])
    from introsak.cases.models import ProgrammeCase

    user("bruker", role, district, password=PASSWORD)
    log_in(page, "bruker", PASSWORD)
    errors = _visit(page, path.format(case=ProgrammeCase.objects.get().pk))
    violations = axe_scan(page)
    assert violations == [], describe_violations(violations)
    assert errors == []


def test_two_factor_enrolment_in_the_browser(page: Page, settings: Any) -> None:
    settings.INTROSAK_REQUIRE_2FA = True
    user("bruker", "programme_adviser", "st_hanshaugen", password=PASSWORD)
    log_in(page, "bruker", PASSWORD)
    assert "/account/two-factor/setup/" in page.url
    assert page.locator("#otp-qr svg").count() == 1
    violations = axe_scan(page)
    assert violations == [], describe_violations(violations)
