"""Issue 14 item 5 in a real browser: under a ready filter for one requirement, every row
says why it is listed (the filter's own finding), and the column says so too."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import log_in
from tests.workspace.builders import (
    AS_OF,
    PASSWORD,
    caseload,
    ended_without_meeting,
    load,
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
def cases(db: Any) -> None:
    staff()
    load(
        [
            ended_without_meeting("C-100", "radgiver.sth", name="Olena Kovalenko"),
            ended_without_meeting(
                "C-101", "radgiver.sth", name="Closed Case", certificate_issued_date="2024-07-20"
            ),
            undecided("C-200", "radgiver.sth", name="Ahmad Rahimi"),
            running("C-300", "radgiver.sth", name="Iryna Shevchenko"),
            *caseload("radgiver.sth", 9, prefix="W"),
        ]
    )


def _rules(page: Page) -> list[str | None]:
    cells = page.locator("#worklist-table tbody td.app-deadline")
    return [cells.nth(i).get_attribute("data-rule") for i in range(cells.count())]


def _choose(page: Page, key: str) -> None:
    page.click(f"#filter-{key}")
    expect(page.locator(f"#filter-{key}")).to_have_attribute("aria-current", "true")


def test_a_filtered_row_says_why_it_is_listed(page: Page, cases: None) -> None:
    log_in(page, "radgiver.sth", PASSWORD)
    page.goto("/cases/?closed=1")
    header = page.locator("#worklist-table thead th").nth(4)
    expect(header).to_contain_text("Nærmeste frist")
    nearest = _rules(page)
    assert "NOR-01" in nearest  # the ended cases' nearest deadline

    _choose(page, "no_three_party")
    expect(header).to_contain_text("Hvorfor på listen")
    rows = page.locator("#worklist-table tbody tr")
    expect(rows).to_have_count(
        int(page.locator("#filter-no_three_party .app-filter__count").inner_text())
    )
    assert set(_rules(page)) == {"TRI-01"}
    olena = page.locator("#worklist-table tbody tr", has_text="Olena Kovalenko")
    cell = olena.locator("td.app-deadline")
    expect(cell).to_have_attribute("data-reason", "true")
    expect(cell.locator(".app-status")).to_have_attribute("data-status", "overdue")
    expect(cell).to_contain_text("Trekantsamtaler")
    expect(cell.locator("time")).to_have_attribute("datetime", "2024-02-15")

    # "Deltakerbevis mangler": the closed case is not listed (its certificate is issued);
    # the ended one shows CERT-01, never its nearest deadline of another rule.
    _choose(page, "no_certificate")
    expect(page.locator("#worklist-table tbody tr", has_text="Closed Case")).to_have_count(0)
    assert set(_rules(page)) == {"CERT-01"}
    cell = page.locator("#worklist-table tbody tr", has_text="Olena Kovalenko").locator(
        "td.app-deadline"
    )
    expect(cell.locator("time")).to_have_attribute("datetime", "2024-08-14")
    expect(cell).to_contain_text("Frist snart")

    # Sorting the column under the filter keeps the reasons; the deadline filters show the
    # nearest deadline, which is their reason.
    page.click("#worklist-table thead th:nth-child(5) a")
    expect(page).to_have_url(re.compile(r"sort=-deadline"))
    assert set(_rules(page)) == {"CERT-01"}
    _choose(page, "overdue")
    expect(header).to_contain_text("Nærmeste frist")
    expect(page.locator("#worklist-table td[data-reason]")).to_have_count(0)
    assert "NOR-01" in _rules(page)
