"""Real-browser tests: Playwright driving Debian's Chromium against Django's live server.

Browsers are never downloaded: Chromium is the system package at ``/usr/bin/chromium``
(installed by ``scripts/setup.sh``). Each test gets a fresh browser context. Browser tests
need ``django_db(transaction=True)``: the live server runs in another thread. The database
is emptied after each such test; ``tests/conftest.py`` puts the districts back before each.
``axe_scan`` runs axe-core (from npm) in the page through the DevTools protocol, so the
page's strict Content-Security-Policy stays in force.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from playwright.sync_api import Browser, Page, expect, sync_playwright

# Playwright's sync API runs an event loop in the test thread; the ORM calls made by the
# test itself (creating users, reading results) are still synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("INTROSAK_CHROMIUM", "/usr/bin/chromium")
AXE_JS = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = Path(settings.BASE_DIR) / "docs" / "screenshots"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            # One xdist group: the browser tests share one Chromium per worker process.
            item.add_marker(pytest.mark.xdist_group("browser"))


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser, live_server: Any) -> Iterator[Page]:
    context = browser.new_context(
        base_url=live_server.url, locale="nb-NO", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(15_000)
    # Assertions wait as long as actions do: on a 2-core CI machine running two test workers
    # and the live server, an htmx swap has been seen to take over expect()'s default 5 s.
    expect.set_options(timeout=15_000)
    tab = context.new_page()
    yield tab
    context.close()


def log_in(page: Page, username: str, password: str) -> None:
    page.goto("/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("#login-form button[type=submit]")
    page.wait_for_load_state("networkidle")


SETTLED_JS = """async () => {
    await document.fonts.ready;
    await Promise.all(
        document.getAnimations()
            .filter(a => a.effect && a.effect.getTiming().iterations !== Infinity)
            .map(a => a.finished.catch(() => null)));
}"""


def axe_scan(page: Page, *, tags: list[str] | None = None) -> list[dict[str, Any]]:
    """Run axe-core on the current page; return its violations (empty list = none).

    Scans the page as it settles: the web font loaded (until then a fallback font gives
    buttons another size), htmx done swapping, running CSS transitions and finite
    animations finished (a focused button's colour fading in). A page measured mid-change
    was seen to report a contrast or a touch-target size the user never sees, one run in
    ten; so a scan that finds violations is made once more after the page has settled
    again, and only what that second scan finds is returned: a real violation is there both
    times."""
    violations = _axe_run(page, tags)
    if violations:
        page.wait_for_timeout(300)
        violations = _axe_run(page, tags)
    return violations


def htmx_settled(page: Page) -> None:
    """Wait until htmx has swapped and settled: during its settle step (20 ms) it sets the
    new content's attributes, so a ``<details>`` opened in that moment closes again."""
    page.wait_for_function(
        "() => !document.querySelector('.htmx-request, .htmx-settling, .htmx-swapping')"
    )


def _axe_run(page: Page, tags: list[str] | None) -> list[dict[str, Any]]:
    htmx_settled(page)
    page.evaluate(SETTLED_JS)
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    result: dict[str, Any] = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", tags or AXE_TAGS
    )
    return list(result["violations"])


def describe_violations(violations: list[dict[str, Any]]) -> str:
    """A readable assertion message: rule, impact and the first offending elements."""
    lines = []
    for v in violations:
        targets = [" ".join(map(str, n["target"])) for n in v["nodes"][:3]]
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} → {targets}")
    return "\n".join(lines)


def screenshot(page: Page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
