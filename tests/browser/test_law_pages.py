"""axe-core over the rule-parameter page and the unconfirmed-law banner (worklist and case
page, as of a day past a confirmation horizon), in bokmål and in English."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from playwright.sync_api import Page

from introsak.cases.models import ProgrammeCase
from tests.browser.conftest import axe_scan, describe_violations, log_in
from tests.browser.test_workspace_axe import _use_language
from tests.workspace.builders import PASSWORD, load, running, staff

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("language", ["nb", "en"])
def test_parameter_page_and_banner_have_no_violations(
    page: Page, live_server: Any, settings: Any, language: str
) -> None:
    settings.INTROSAK_AS_OF = date(2026, 12, 1)
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    staff()
    load([running("C-300", "radgiver.sth")])
    _use_language(page, live_server, language)
    problems = {}
    for username, paths in (
        ("analytiker", ["/rules/parameters/"]),
        ("radgiver.sth", ["/cases/", f"/cases/{ProgrammeCase.objects.get().pk}/"]),
    ):
        page.context.clear_cookies()
        _use_language(page, live_server, language)
        log_in(page, username, PASSWORD)
        for path in paths:
            page.goto(path)
            assert page.locator("html").get_attribute("lang") == language, path
            assert page.locator("#unconfirmed-law").count() == 1, path
            violations = axe_scan(page)
            if violations:
                problems[path] = describe_violations(violations)
    assert problems == {}
