"""axe-core (WCAG 2.0/2.1 A and AA, 2.2 AA) over the worklist, the case page and every
recording form, in bokmål and in English, including a form showing its errors."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page

from introsak.cases.models import ProgrammeCase
from introsak.workspace.steps import STEPS
from tests.browser.conftest import axe_scan, describe_violations, log_in
from tests.workspace.builders import (
    AS_OF,
    PASSWORD,
    ended_without_meeting,
    load,
    rich,
    running,
    staff,
    undecided,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _demo_day(settings: Any) -> None:
    settings.INTROSAK_AS_OF = AS_OF
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def cases(db: Any) -> dict[str, int]:
    staff()
    load(
        [
            ended_without_meeting("C-100", "radgiver.sth"),
            undecided("C-200", "radgiver.sth"),
            running("C-300", "radgiver.sth", person__protected_address="confidential"),
            rich("C-400", "radgiver.sth"),
        ]
    )
    return {c.case_id: c.pk for c in ProgrammeCase.objects.all()}


def _use_language(page: Page, live_server: Any, language: str) -> None:
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )


def _scan_all(page: Page, paths: list[str], language: str) -> dict[str, str]:
    problems = {}
    for path in paths:
        page.goto(path)
        assert page.locator("html").get_attribute("lang") == language, path
        violations = axe_scan(page)
        if violations:
            problems[path] = describe_violations(violations)
    return problems


@pytest.mark.parametrize("language", ["nb", "en"])
def test_worklist_and_case_pages_have_no_violations(
    page: Page, live_server: Any, cases: dict[str, int], language: str
) -> None:
    _use_language(page, live_server, language)
    log_in(page, "radgiver.sth", PASSWORD)
    paths = [
        "/cases/",
        "/cases/?filter=overdue&sort=-name",
        "/cases/?scope=district",
        "/cases/?q=nobody",
        "/cases/help/",
        *(f"/cases/{pk}/" for pk in cases.values()),
    ]
    assert _scan_all(page, paths, language) == {}


@pytest.mark.parametrize("language", ["nb", "en"])
def test_every_form_has_no_violations(
    page: Page, live_server: Any, cases: dict[str, int], language: str
) -> None:
    _use_language(page, live_server, language)
    log_in(page, "koordinator.sth", PASSWORD)
    pk = cases["C-400"]
    paths = [f"/cases/{pk}/{step}/" for step in STEPS]
    assert _scan_all(page, paths, language) == {}


@pytest.mark.parametrize("language", ["nb", "en"])
def test_forms_showing_errors_have_no_violations(
    page: Page, live_server: Any, cases: dict[str, int], language: str
) -> None:
    _use_language(page, live_server, language)
    log_in(page, "radgiver.sth", PASSWORD)
    problems = {}
    for step, case_id in (("decision", "C-200"), ("recognition", "C-400"), ("meeting", "C-300")):
        page.goto(f"/cases/{cases[case_id]}/{step}/")
        page.evaluate(
            "document.querySelectorAll('#step-form input[type=date]')"
            ".forEach(e => { e.value = ''; })"
        )
        page.click("#step-submit")
        assert page.locator("#error-summary").is_visible(), step
        violations = axe_scan(page)
        if violations:
            problems[step] = describe_violations(violations)
    assert problems == {}


def test_worklist_after_an_htmx_update_has_no_violations(
    page: Page, live_server: Any, cases: dict[str, int]
) -> None:
    log_in(page, "radgiver.sth", PASSWORD)
    page.goto("/cases/")
    page.click("#filter-overdue")
    page.wait_for_selector("#filter-overdue[aria-current=true]")
    violations = axe_scan(page)
    assert violations == [], describe_violations(violations)
