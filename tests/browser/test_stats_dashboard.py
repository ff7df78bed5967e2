"""The statistics dashboard in a real browser: accessible in both languages, charts load as
images under the strict Content-Security-Policy, and a screenshot for the docs."""

from __future__ import annotations

import io
from datetime import date

import pytest
from playwright.sync_api import Page

from introsak.casefacts.serialize import dumps_case
from introsak.cases.domain.importing import case_facts_import
from tests.browser.conftest import SCREENSHOTS, axe_scan, describe_violations, log_in
from tests.factories import user

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

AS_OF = date(2024, 8, 7)


@pytest.fixture
def demo(settings) -> None:  # type: ignore[no-untyped-def]
    """The demo's Oslo (participants only), as of the report's statistics date."""
    from introsak_demo.generator import DEFAULT_SEED, generate

    settings.INTROSAK_AS_OF = AS_OF
    data = generate(seed=DEFAULT_SEED, as_of=AS_OF, include_children=False)
    stream = io.StringIO("".join(dumps_case(c) + "\n" for c in data.cases))
    case_facts_import(stream=stream, as_of=AS_OF, missing_users="create")
    user("analytiker.test", "city_analyst")


@pytest.fixture
def sample(settings) -> None:  # type: ignore[no-untyped-def]
    """A small varied data set: enough for every table, quicker than the demo."""
    from tests.stats.builders import import_with_staff, sample_cases

    settings.INTROSAK_AS_OF = AS_OF
    import_with_staff(sample_cases(), as_of=AS_OF)
    user("analytiker.test", "city_analyst")


def _csp_errors(page: Page) -> list[str]:
    errors: list[str] = []
    page.on(
        "console",
        lambda msg: (
            errors.append(msg.text)
            if "Content Security Policy" in msg.text or "Refused" in msg.text
            else None
        ),
    )
    return errors


def _switch_to_english(page: Page) -> None:
    page.select_option("#language-select", "en")
    page.click(".app-language button[type=submit]")
    page.wait_for_load_state("networkidle")


def _broken_images(page: Page) -> list[str]:
    return list(
        page.evaluate(
            "() => [...document.images].filter(i => !i.complete || i.naturalWidth === 0)"
            ".map(i => i.src)"
        )
    )


def test_dashboard_is_accessible_in_both_languages_and_keeps_the_csp(
    demo: None, page: Page
) -> None:
    errors = _csp_errors(page)
    log_in(page, "analytiker.test", "correct horse battery staple")
    page.goto("/stats/")
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").inner_text() == "Statistikk"
    for image in page.locator("img.stats-chart").all():  # lazy images: load every one
        image.scroll_into_view_if_needed()
    page.wait_for_function("() => [...document.images].every(i => i.complete)", timeout=120_000)
    assert _broken_images(page) == []
    violations = axe_scan(page)
    assert violations == [], describe_violations(violations)

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(
        path=str(SCREENSHOTS / "stats-dashboard.png"),
        full_page=True,
        clip={"x": 0, "y": 0, "width": 1280, "height": 2600},
    )
    page.locator("#end-reasons-by-district").screenshot(
        path=str(SCREENSHOTS / "stats-figure-3.png")
    )

    _switch_to_english(page)
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Statistics"
    violations = axe_scan(page)
    assert violations == [], describe_violations(violations)
    assert errors == []


@pytest.mark.parametrize("language", ["nb", "en"])
def test_one_view_and_its_errors_are_accessible(sample: None, page: Page, language: str) -> None:
    errors = _csp_errors(page)
    log_in(page, "analytiker.test", "correct horse battery staple")
    if language == "en":
        page.goto("/stats/")
        _switch_to_english(page)
    page.goto("/stats/months-to-start/?district=st_hanshaugen&district=ostensjo")
    page.wait_for_load_state("networkidle")
    assert page.locator("table caption").count() == 1
    assert page.locator("td.stats-num").count() > 0
    violations = axe_scan(page)
    assert violations == [], describe_violations(violations)

    page.goto("/stats/months-to-start/?from=2024-05-01&to=2024-01-01")
    assert page.locator("#error-summary").is_visible()
    assert page.locator("#id_to").get_attribute("aria-invalid") == "true"
    violations = axe_scan(page)
    assert violations == [], describe_violations(violations)
    assert errors == []
