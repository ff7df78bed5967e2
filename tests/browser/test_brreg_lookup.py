"""The register look-up on the employers page in a real browser (issue 15): the form filled
in from a recorded answer, a timeout shown as a warning, both without axe violations in
bokmål and English. The HTTP boundary is stubbed; no network."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from introsak.placements import brreg
from tests.browser.conftest import log_in
from tests.browser.test_placements_flow import _no_violations, _use_language
from tests.placements.test_brreg import Transport
from tests.workspace.builders import AS_OF, PASSWORD, staff

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _enabled(settings: Any) -> None:
    settings.INTROSAK_AS_OF = AS_OF
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.INTROSAK_BRREG_ENABLED = True


@pytest.mark.parametrize("language", ["nb", "en"])
def test_the_look_up_fills_the_form_or_says_why(
    page: Page, live_server: Any, monkeypatch: pytest.MonkeyPatch, language: str
) -> None:
    staff()
    _use_language(page, live_server, language)
    log_in(page, "radgiver.sth", PASSWORD)
    monkeypatch.setattr(brreg, "_get", Transport())
    page.goto("/placements/employers/")
    page.fill("#id_orgnr", "923609016")
    page.click("#employer-lookup")
    expect(page.locator("#lookup-found")).to_be_visible()
    expect(page.locator("#id_name")).to_have_value("BARNEHAGEN EKSEMPEL AS")
    expect(page.locator("#id_sector")).to_have_value("kindergarten")
    _no_violations(page, language)

    monkeypatch.setattr(brreg, "_get", Transport(error=TimeoutError("timed out")))
    page.click("#employer-lookup")
    expect(page.locator("#lookup-failed")).to_be_visible()
    expect(page.locator("#id_name")).to_have_value("BARNEHAGEN EKSEMPEL AS")
    _no_violations(page, language)
