"""The pages issue 12 added, in a real browser in bokmål and English: the 404 page, the 503
page shown when the database is down, and an auditor's pseudonymised case page."""

from __future__ import annotations

from typing import Any

import pytest
from django.template.loader import render_to_string
from django.utils import translation
from playwright.sync_api import Page, Route

from tests.access.personas import make_world
from tests.browser.conftest import axe_scan, describe_violations

pytestmark = pytest.mark.django_db(transaction=True)


def _use_language(page: Page, live_server: Any, language: str) -> None:
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )


def _scan(page: Page, language: str) -> None:
    page.wait_for_load_state("networkidle")
    assert page.locator("html").get_attribute("lang") == language
    violations = axe_scan(page)
    assert violations == [], describe_violations(violations)


@pytest.mark.parametrize("language", ["nb", "en"])
def test_the_404_page_has_no_violations(page: Page, live_server: Any, language: str) -> None:
    _use_language(page, live_server, language)
    response = page.goto("/no-such-page/")
    assert response is not None and response.status == 404
    _scan(page, language)


@pytest.mark.parametrize("language", ["nb", "en"])
def test_the_503_page_has_no_violations(page: Page, live_server: Any, language: str) -> None:
    """The page ``core.views.database_unavailable`` sends, served at an address of the live
    server so that its styles load as they would."""
    with translation.override(language):
        html = render_to_string("503.html")

    def unavailable(route: Route) -> None:
        route.fulfill(status=503, body=html, content_type="text/html; charset=utf-8")

    page.route(f"{live_server.url}/unavailable/", unavailable)
    response = page.goto("/unavailable/")
    assert response is not None and response.status == 503
    _scan(page, language)


@pytest.mark.parametrize("language", ["nb", "en"])
def test_the_pseudonymised_case_page_has_no_violations(
    page: Page, live_server: Any, language: str
) -> None:
    world = make_world()
    auditor = world.users["auditor_valid"]
    assert auditor is not None
    auditor.set_password("correct horse battery staple")
    auditor.save()
    page.goto("/login/")
    page.fill("#id_username", "auditor_valid")
    page.fill("#id_password", "correct horse battery staple")
    page.click("#login-form button[type=submit]")
    _use_language(page, live_server, language)
    page.goto(f"/cases/{world.case_a.pk}/")
    assert page.locator("#case-heading").inner_text().startswith(("Deltaker P-", "Participant P-"))
    _scan(page, language)
