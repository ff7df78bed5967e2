"""Downloads for Norwegian Excel, from a real browser (issue 14.10): the statistics page
offers Excel first; its CSV has semicolons, decimal commas and a UTF-8 byte-order mark;
its workbook has hidden numbers as empty cells with a note. And the notes a chosen district
brings (whole months, tables counting every district) keep the page accessible."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page

from tests.browser.conftest import axe_scan, describe_violations, log_in
from tests.factories import user

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

AS_OF = date(2024, 8, 7)
PASSWORD = "correct horse battery staple"


@pytest.fixture
def sample(settings) -> None:  # type: ignore[no-untyped-def]
    from tests.stats.builders import import_with_staff, sample_cases

    settings.INTROSAK_AS_OF = AS_OF
    import_with_staff(sample_cases(), as_of=AS_OF)
    user("analytiker.test", "city_analyst")


def _download(page: Page, link: str, tmp_path: Path) -> bytes:
    with page.expect_download() as info:
        page.locator(link).click()
    target = tmp_path / info.value.suggested_filename
    info.value.save_as(target)
    return target.read_bytes()


def test_csv_and_excel_downloads_open_in_norwegian_excel(
    sample: None, page: Page, tmp_path: Path
) -> None:
    log_in(page, "analytiker.test", PASSWORD)
    page.goto("/stats/end-reasons-by-district/")
    links = page.locator("#end-reasons-by-district .stats-downloads a")
    assert [links.nth(i).inner_text() for i in range(3)] == ["Excel", "CSV", "JSON"]

    text = _download(page, "a[href$='download.csv']", tmp_path).decode("utf-8")
    assert text.startswith("\ufeffview;table;row_key;row;column_key;column;")
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))
    hidden = [r for r in rows if r["suppressed"] == "True"]
    assert hidden and all(r["count"] == "" for r in hidden)
    assert any("," in r["share"] for r in rows)  # decimal commas

    workbook = load_workbook(io.BytesIO(_download(page, "a[href$='download.xlsx']", tmp_path)))
    sheet = workbook["end-reasons-by-district"]
    header = [c.value for c in sheet[1]]
    by_district = {row[0].value: row for row in sheet.iter_rows(min_row=2) if row[0].value}
    hidden_cells = [
        by_district[r["row"]][header.index(f"{r['column']} (antall)")]
        for r in hidden
        if r["row_key"] != "total" and r["column_key"] != "total"
    ]
    assert hidden_cells
    assert all((c.value, c.data_type) == (None, "n") for c in hidden_cells)
    assert "–" not in [c.value for row in sheet.iter_rows() for c in row]
    assert str(sheet.cell(row=sheet.max_row, column=1).value).startswith("Tomme grå celler")


@pytest.mark.parametrize("language", ["nb", "en"])
def test_notes_of_a_chosen_district_are_accessible(
    sample: None, page: Page, live_server: object, language: str
) -> None:
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": str(live_server)}]
    )
    log_in(page, "analytiker.test", PASSWORD)
    page.goto("/stats/days-late/?district=stovner&from=2023-02-17")
    page.wait_for_load_state("networkidle")
    assert page.locator("#whole-months").is_visible()
    assert page.locator("#every-district-days-late").is_visible()
    period = "1. februar 2023" if language == "nb" else "1. February 2023"
    assert period in page.locator(".stats-meta").first.inner_text()
    violations = axe_scan(page)
    assert violations == [], describe_violations(violations)
