"""The log-in page in a real browser: it works, it is accessible, and the CSP holds."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import axe_scan, describe_violations, log_in
from tests.factories import user

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("language", ["nb", "en"])
def test_login_page_has_no_axe_violations(page: Page, language: str) -> None:
    page.goto("/login/")
    if language == "en":
        page.select_option("#language-select", "en")
        page.click(".app-language button[type=submit]")
        page.wait_for_load_state("networkidle")
    assert page.locator("html").get_attribute("lang") == language
    violations = axe_scan(page)
    assert violations == [], describe_violations(violations)


def test_login_with_wrong_password_shows_accessible_error(page: Page) -> None:
    user("radgiver.test", "programme_adviser", "st_hanshaugen")
    log_in(page, "radgiver.test", "wrong password here")
    assert page.locator("#login-errors").is_visible()
    assert page.url.endswith("/login/")


def test_login_succeeds_and_page_keeps_csp(page: Page) -> None:
    user("radgiver.test", "programme_adviser", "st_hanshaugen")
    csp_errors: list[str] = []
    page.on(
        "console",
        lambda msg: csp_errors.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    response = page.goto("/login/")
    assert response is not None
    assert "script-src 'self'" in (response.headers.get("content-security-policy") or "")
    log_in(page, "radgiver.test", "correct horse battery staple")
    assert not page.url.endswith("/login/")
    assert csp_errors == []
