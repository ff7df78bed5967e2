"""Must-show (issue 16): a planner opens the forecast, raises Helsfyr's capacity and sees the
predicted wait and the 3-month share change; axe finds no violations, in bokmål and English."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page

from introsak.intake import views
from tests.browser.conftest import axe_scan, describe_violations, screenshot
from tests.browser.test_workspace_axe import _use_language
from tests.factories import user

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "correct horse battery staple"


@pytest.mark.parametrize("language", ["nb", "en"])
def test_planner_raises_helsfyr_capacity_and_sees_the_change(
    page: Page, live_server: Any, settings: Any, monkeypatch: pytest.MonkeyPatch, language: str
) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    monkeypatch.setattr(views, "PAGE_RUNS", 10)
    user("planlegger.test", "planner")
    _use_language(page, live_server, language)
    # Straight to the forecast: the planner's home is the statistics dashboard, whose charts
    # take long to load on a busy machine.
    page.goto("/login/?next=/intake/forecast/")
    page.fill("#id_username", "planlegger.test")
    page.fill("#id_password", PASSWORD)
    page.click("#login-form button[type=submit]")
    page.wait_for_url("**/intake/forecast/")
    assert page.locator("html").get_attribute("lang") == language
    violations = axe_scan(page)
    assert violations == [], describe_violations(violations)

    helsfyr_before = page.locator('[data-school-wait="Helsfyr"]').inner_text()
    share_before = page.locator("#share-within-3-months").inner_text()
    assert page.input_value("#id_places_helsfyr") == "65"

    page.fill("#id_places_helsfyr", "130")
    page.click("#run-forecast")
    page.wait_for_load_state("networkidle")

    assert page.input_value("#id_places_helsfyr") == "130"
    helsfyr_after = page.locator('[data-school-wait="Helsfyr"]').inner_text()
    share_after = page.locator("#share-within-3-months").inner_text()
    assert _days(helsfyr_after) < _days(helsfyr_before)
    assert _percent(share_after) > _percent(share_before)
    assert page.locator("#wait-chart rect").count() == 6
    violations = axe_scan(page)
    assert violations == [], describe_violations(violations)
    if language == "nb":
        screenshot(page, "intake-forecast")


def _days(cell: str) -> int:
    """ "41 (40–43)" → 41."""
    return int(cell.split(" ", 1)[0])


def _percent(text: str) -> int:
    return int(text.replace("\u00a0", " ").split(" ", 1)[0])
