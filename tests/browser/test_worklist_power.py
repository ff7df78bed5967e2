"""The worklist's power features in a real browser (issue 14 item 9): combined filters with
their count, bulk reassignment, keyboard shortcuts with focus after "Next", and the
coordinator's workload view; axe finds nothing in bokmål and English. Screenshot:
docs/screenshots/workload.png."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from introsak.cases.models import CaseChange, JournalNote, ProgrammeCase
from introsak.workspace.domain.worklist import FILTERS_BY_KEY
from tests.browser.conftest import (
    axe_scan,
    describe_violations,
    htmx_settled,
    log_in,
    screenshot,
)
from tests.workspace.builders import AS_OF, PASSWORD, caseload, load, staff

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _demo_day(settings: Any) -> None:
    settings.INTROSAK_AS_OF = AS_OF
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def district(db: Any) -> None:
    staff()
    load([*caseload("radgiver.sth", 30), *caseload("radgiver.sth2", 12, prefix="P")])


def _no_violations(page: Page, where: str) -> None:
    violations = axe_scan(page)
    assert not violations, f"{where}:\n{describe_violations(violations)}"


def _english(page: Page, live_server: Any) -> None:
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])


def test_combine_two_ready_filters_and_see_the_combined_count(
    page: Page, live_server: Any, district: None
) -> None:
    both = (
        ProgrammeCase.objects.filter(adviser__username="radgiver.sth")
        .filter(FILTERS_BY_KEY["overdue"].cases(AS_OF))
        .filter(FILTERS_BY_KEY["no_three_party"].cases(AS_OF))
        .count()
    )
    assert both > 0
    log_in(page, "radgiver.sth", PASSWORD)
    page.goto("/cases/")
    page.click("#filter-overdue")
    expect(page.locator("#filter-overdue")).to_have_attribute("aria-current", "true")
    htmx_settled(page)
    page.click("#combine summary")
    page.check("#and-no_three_party")
    page.click("#combine-submit")
    expect(page.locator("#combined-count")).to_have_attribute("data-count", str(both))
    expect(page.locator("#combined-count")).to_contain_text("Forsinket + Trekantsamtale mangler")
    assert page.locator('#worklist-results a[id^="case-link-"]').count() == both
    _no_violations(page, "combined filters (nb)")
    _english(page, live_server)
    page.reload()
    expect(page.locator("#combined-count")).to_contain_text("match every chosen filter")
    _no_violations(page, "combined filters (en)")


def test_a_coordinator_reassigns_several_cases_at_once(
    page: Page, live_server: Any, district: None
) -> None:
    log_in(page, "koordinator.sth", PASSWORD)
    page.goto("/cases/?scope=district")
    page.click("#reassign-link")
    expect(page.locator("h1")).to_have_text("Bytt programrådgiver for flere saker")
    _no_violations(page, "bulk reassignment (nb)")
    page.click("#reassign-submit")  # nothing chosen
    expect(page.locator("#error-summary")).to_be_focused()
    _no_violations(page, "bulk reassignment with errors")
    boxes = page.locator('input[name="case"]')
    chosen = [boxes.nth(i).get_attribute("value") for i in range(3)]
    for i in range(3):
        boxes.nth(i).check()
    page.select_option("#reassign-adviser", label="Per Hansen (radgiver.sth2)")
    page.click("#reassign-submit")
    expect(page.locator(".app-messages")).to_contain_text(
        "3 saker har nå Per Hansen (radgiver.sth2) som programrådgiver."
    )
    moved = ProgrammeCase.objects.filter(pk__in=[int(pk or 0) for pk in chosen])
    assert {case.adviser.username for case in moved if case.adviser} == {"radgiver.sth2"}
    assert CaseChange.objects.filter(step="reassign").count() == 3
    _english(page, live_server)
    page.reload()
    _no_violations(page, "bulk reassignment (en)")


def test_keyboard_shortcuts_and_focus_after_next(page: Page, district: None) -> None:
    log_in(page, "radgiver.sth", PASSWORD)
    page.goto("/cases/?closed=1")
    rows = page.locator('#worklist-results a[id^="case-link-"]')
    page.keyboard.press("/")
    expect(page.locator("#worklist-q")).to_be_focused()
    page.keyboard.press("Escape")
    page.keyboard.press("j")
    expect(rows.nth(0)).to_be_focused()
    page.keyboard.press("j")
    expect(rows.nth(1)).to_be_focused()
    page.keyboard.press("k")
    expect(rows.nth(0)).to_be_focused()
    page.keyboard.press("?")
    expect(page.locator("#shortcuts-help")).to_be_visible()
    _no_violations(page, "the shortcuts dialog")
    page.keyboard.press("Escape")
    expect(page.locator("#shortcuts-help")).to_be_hidden()
    first_page = rows.nth(0).get_attribute("id")
    page.focus("#page-next")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"page=2"))
    expect(rows.nth(0)).to_be_focused()
    assert rows.nth(0).get_attribute("id") != first_page
    page.keyboard.press("j")
    expect(rows.nth(1)).to_be_focused()
    target = rows.nth(1).get_attribute("href")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(re.escape(str(target)) + "$"))


def test_the_workload_view_per_adviser(page: Page, live_server: Any, district: None) -> None:
    for case in ProgrammeCase.objects.filter(adviser__username="radgiver.sth")[:7]:
        JournalNote.objects.create(case=case, written_on=AS_OF, text="Samtale med deltakeren.")
    log_in(page, "koordinator.sth", PASSWORD)
    page.goto("/cases/?scope=district")
    page.click("#workload-link")
    expect(page.locator("h1")).to_have_text("Arbeidsmengde per rådgiver")
    total = ProgrammeCase.objects.exclude(stage="certified").count()
    expect(page.locator('#workload-total [data-key="cases"]')).to_have_text(str(total))
    page.fill("#workload-days", "30")
    page.click("#workload-form button")
    expect(page).to_have_url(re.compile(r"days=30"))
    expect(page.locator("#workload-table thead")).to_contain_text("Ingen aktivitet på 30 dager")
    expect(page.locator('#workload-total [data-key="idle"]')).to_have_text(str(total - 7))
    _no_violations(page, "workload (nb)")
    screenshot(page, "workload")
    page.locator("#workload-table tbody a").first.click()
    expect(page).to_have_url(re.compile(r"scope=district&adviser=\d+"))
    _english(page, live_server)
    page.goto("/cases/workload/")
    expect(page.locator("h1")).to_have_text("Workload per adviser")
    _no_violations(page, "workload (en)")


def test_save_a_filter_set_and_open_it_again(page: Page, live_server: Any, district: None) -> None:
    log_in(page, "radgiver.sth", PASSWORD)
    page.goto("/cases/")
    page.click("#filter-overdue")  # htmx: the saved set's form follows the view
    expect(page.locator("#filter-overdue")).to_have_attribute("aria-current", "true")
    htmx_settled(page)
    page.click("#saved-filters summary")
    expect(page.locator("#saved-items")).to_have_text("Ingen lagrede utvalg ennå.")
    _no_violations(page, "saved filter sets (nb)")
    page.fill("#saved-name", "Mine forsinkede")
    page.click("#saved-submit")
    expect(page).to_have_url(re.compile(r"/cases/\?scope=mine&filter=overdue$"))
    expect(page.locator(".app-messages")).to_contain_text("Mine forsinkede")
    page.click("#filter-all")
    expect(page.locator("#filter-all")).to_have_attribute("aria-current", "true")
    htmx_settled(page)
    page.click("#saved-filters summary")
    page.click("#saved-items a")
    expect(page.locator("#filter-overdue")).to_have_attribute("aria-current", "true")
    _english(page, live_server)
    page.goto("/cases/saved/")
    expect(page.locator("h1")).to_have_text("My saved filter sets")
    _no_violations(page, "saved filter sets (en)")
    page.click('#saved-items button[type="submit"]')
    expect(page.locator("#saved-items")).to_have_text("No saved filter sets yet.")
