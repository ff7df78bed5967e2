"""The caseworker's main flows in a real browser: from a worklist filter to a recorded step,
the finding turning met and the filter's count dropping; keyboard-only use; screenshots."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from introsak.cases.models import ProgrammeCase
from tests.browser.conftest import log_in, screenshot
from tests.workspace.builders import (
    AS_OF,
    PASSWORD,
    caseload,
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
def adviser_with_cases(db: Any) -> None:
    staff()
    load(
        [
            ended_without_meeting("C-100", "radgiver.sth", name="Olena Kovalenko"),
            undecided("C-200", "radgiver.sth", name="Ahmad Rahimi"),
            running(
                "C-300",
                "radgiver.sth",
                name="Iryna Shevchenko",
                person__protected_address="confidential",
            ),
            rich("C-400", "radgiver.sth"),
            *caseload("radgiver.sth", 12, prefix="W"),
        ]
    )


def _count(page: Page, key: str) -> int:
    return int(page.locator(f"#filter-{key} .app-filter__count").inner_text())


def _open_filter(page: Page, key: str) -> None:
    page.click(f"#filter-{key}")
    expect(page.locator(f"#filter-{key}")).to_have_attribute("aria-current", "true")
    expect(page).to_have_url(f"{page.url.split('?')[0]}?scope=mine&filter={key}")


def _case_pk(case_id: str) -> int:
    return ProgrammeCase.objects.get(case_id=case_id).pk


def test_record_three_party_meeting_from_the_overdue_filter(
    page: Page, adviser_with_cases: None
) -> None:
    console_errors: list[str] = []
    page.on("console", lambda msg: console_errors.append(msg.text) if msg.type == "error" else None)
    log_in(page, "radgiver.sth", PASSWORD)
    page.goto("/cases/")
    expect(page.locator("h1")).to_have_text("Mine deltakere")
    missing = _count(page, "no_three_party")
    assert missing == 5  # C-100 and four ended cases of the caseload
    _open_filter(page, "no_three_party")
    screenshot(page, "worklist")
    page.click(f"#case-link-{_case_pk('C-100')}")
    expect(page.locator("#finding-TRI-01")).to_have_attribute("data-status", "overdue")
    page.click("#action-meeting")
    expect(page.locator("h1")).to_have_text("Registrer møte")
    page.select_option("#id_kind", "three_party")
    page.fill("#id_date", "2024-02-12")
    page.fill("#id_attendance", "Olena, programrådgiver og norsklærer møtte.")
    page.fill("#id_norwegian_progress", "Har bestått A2 muntlig, jobber mot B1.")
    page.fill("#id_wellbeing_and_effort", "Trives, god innsats og oppmøte.")
    page.fill("#id_language_practice", "Ønsker språkpraksis i barnehage.")
    page.fill("#id_further_plan", "Starte språkpraksis i mars; ny samtale om seks måneder.")
    page.click("#step-submit")
    expect(page.locator("#saved-message")).to_contain_text("Møtet er registrert.")
    expect(page.locator("#finding-TRI-01")).to_have_attribute("data-status", "met")
    page.goto("/cases/")
    assert _count(page, "no_three_party") == missing - 1
    assert console_errors == []  # no Content-Security-Policy violation, no script error


def test_record_programme_decision_with_plan_from_the_not_started_filter(
    page: Page, adviser_with_cases: None
) -> None:
    log_in(page, "radgiver.sth", PASSWORD)
    page.goto("/cases/")
    waiting = _count(page, "not_started")
    assert waiting == 5  # C-200 and four undecided cases of the caseload
    _open_filter(page, "not_started")
    page.click(f"#case-link-{_case_pk('C-200')}")
    expect(page.locator("#finding-START-01")).to_have_attribute("data-status", "overdue")
    expect(page.locator("#finding-PLAN-01")).to_have_attribute("data-status", "not_applicable")
    page.click("#action-decision")
    page.fill("#id_decision_date", "2024-08-05")
    page.fill("#id_start_date", "2024-08-06")
    page.select_option("#id_end_goal", "work")
    for skill, level in (("oral", "B1"), ("reading", "A2"), ("listening", "B1"), ("writing", "A2")):
        page.select_option(f"#id_goal_{skill}", level)
    page.fill("#id_duration_months", "24")
    page.fill("#id_elements", "Norskopplæring\nSamfunnskunnskap\nSpråkpraksis")
    page.fill("#id_sub_goals", "Registrert som arbeidssøker med CV på nav.no")
    page.click("#step-submit")
    expect(page.locator("#finding-PLAN-01")).to_have_attribute("data-status", "met")
    expect(page.locator("#finding-START-01")).to_have_attribute("data-status", "met_late")
    expect(page.locator(".app-plan")).to_have_count(1)
    screenshot(page, "case-page-after-decision")
    page.goto("/cases/")
    assert _count(page, "not_started") == waiting - 1


def test_a_refused_order_is_shown_in_the_error_summary_with_focus(
    page: Page, adviser_with_cases: None
) -> None:
    log_in(page, "radgiver.sth", PASSWORD)
    page.goto(f"/cases/{_case_pk('C-300')}/leave/")
    page.fill("#id_start", "2024-05-01")
    page.fill("#id_end", "2024-05-03")
    page.click("#step-submit")
    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    expect(summary.locator("a")).to_have_attribute("href", "#id_start")
    expect(page.locator("#id_start")).to_have_attribute("aria-invalid", "true")
    screenshot(page, "form-error")


def _tab_to(page: Page, element_id: str, limit: int = 80) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.id") == element_id:
            return
    raise AssertionError(f"#{element_id} was not reached with the Tab key")


def test_worklist_and_journal_form_work_with_the_keyboard_only(
    page: Page, adviser_with_cases: None
) -> None:
    log_in(page, "radgiver.sth", PASSWORD)
    page.goto("/cases/")
    _tab_to(page, "filter-no_three_party")
    page.keyboard.press("Enter")
    expect(page.locator("#filter-no_three_party")).to_have_attribute("aria-current", "true")
    expect(page.locator("#filter-no_three_party")).to_be_focused()
    expect(page.locator("#worklist-status")).to_contain_text("Viser 1–5 av 5 deltakere")
    _tab_to(page, f"case-link-{_case_pk('C-100')}")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Olena Kovalenko")
    _tab_to(page, "id_text", limit=200)
    page.keyboard.type("Ringte Olena om språkpraksis i barnehage.")
    _tab_to(page, "journal-submit")
    page.keyboard.press("Enter")
    expect(page.locator("#journal .ds-alert")).to_contain_text("Journalnotatet er lagret.")
    expect(page.locator(".app-journal__text").first).to_have_text(
        "Ringte Olena om språkpraksis i barnehage."
    )


def test_worklist_search_and_sorting_update_the_url(page: Page, adviser_with_cases: None) -> None:
    log_in(page, "radgiver.sth", PASSWORD)
    page.goto("/cases/")
    page.fill("#worklist-q", "Iryna")
    expect(page.locator("#worklist-table tbody tr")).to_have_count(1)
    expect(page).to_have_url(f"{page.url.split('?')[0]}?scope=mine&q=Iryna")
    expect(page.locator("#worklist-table tbody .app-flag")).to_have_count(1)
    page.fill("#worklist-q", "")
    expect(page.locator("#worklist-table tbody tr")).to_have_count(16)
    page.click("#sort-1")
    expect(page.locator("th[aria-sort=ascending]")).to_contain_text("Navn")
    expect(page.locator("#worklist-table tbody tr").first).to_contain_text("Ahmad Rahimi")


def test_case_page_of_a_long_programme(page: Page, adviser_with_cases: None) -> None:
    log_in(page, "radgiver.sth", PASSWORD)
    page.goto("/cases/?sort=name")
    page.click(f"#case-link-{_case_pk('C-400')}")
    expect(page.locator("h1")).to_have_text("Mariam Haidari")
    expect(page.locator(".app-plan")).to_have_count(2)
    expect(page.locator("#step-meetings")).to_have_attribute("data-state", "open")
    expect(page.locator("#finding-EDU-01")).to_contain_text("sendt av deltakeren selv")
    screenshot(page, "case-page")


def test_journal_errors_and_refused_saves_are_shown_in_place(
    page: Page, adviser_with_cases: None
) -> None:
    """The journal's htmx form shows its field errors (400) and a refused stale save (409)
    in the page, as the form does without JavaScript."""
    log_in(page, "radgiver.sth", PASSWORD)
    page.goto(f"/cases/{_case_pk('C-400')}/")
    page.click("#journal-submit")
    expect(page.locator("#journal #error-summary")).to_be_focused()
    expect(page.locator("#id_text")).to_have_attribute("aria-invalid", "true")
    case = ProgrammeCase.objects.get(case_id="C-400")
    ProgrammeCase.objects.filter(pk=case.pk).update(version=case.version + 1)
    page.fill("#id_text", "Ringte om hospitering.")
    page.click("#journal-submit")
    expect(page.locator("#journal .ds-alert[role=alert]")).to_contain_text("Ingenting er lagret")
    assert not page.locator(".app-journal__text", has_text="Ringte om hospitering.").count()
