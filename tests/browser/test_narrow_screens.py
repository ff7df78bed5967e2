"""Issue 14 item 3 in a real browser: phones and narrow windows (WCAG 1.4.10 reflow).

At 390×844 (a phone) and 320×640 (the width WCAG 1.4.10 names) no page scrolls sideways:
``document.documentElement.scrollWidth <= window.innerWidth`` on the worklist, the case page,
a recording form, the statistics dashboard and the audit pages (list, detail, findings and a
control form); the header keeps the user's name and "Logg ut" on screen; worklist rows are
cards with name, the deadline and its status; and axe finds no violations at those widths,
in bokmål and English. The phone screenshots in docs/screenshots are made here.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from introsak.audits.models import Audit, FrameCase
from introsak.cases.models import Meeting, ProgrammeCase
from tests.browser.conftest import (
    SCREENSHOTS,
    axe_scan,
    describe_violations,
    log_in,
)
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

SIZES = [(390, 844), (320, 640)]
STATS_AS_OF = date(2024, 8, 7)
LANGUAGES = ["nb", "en"]

# Every element sticking out to the right of the viewport (outside a scrolling box), or whose
# own content overflows it, for a readable failure message.
_OVERFLOW_JS = """() => {
  const width = window.innerWidth;
  const out = [];
  const name = (el) => {
    const classes = typeof el.className === 'string' ? el.className.trim() : '';
    return el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
      (classes ? '.' + classes.replace(/ +/g, '.') : '');
  };
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1 &&
        getComputedStyle(el).overflowX === 'visible') {
      out.push(name(el) + ' content ' + el.scrollWidth + '>' + el.clientWidth);
    } else if (r.width > 0 && r.right > width + 0.5) {
      let scroller = el.parentElement, clipped = false;
      while (scroller && !clipped) {
        clipped = getComputedStyle(scroller).overflowX !== 'visible' &&
          scroller.getBoundingClientRect().right <= width + 0.5;
        scroller = scroller.parentElement;
      }
      if (!clipped) out.push(name(el) + ' right=' + Math.round(r.right));
    }
  }
  return {scroll: document.documentElement.scrollWidth, inner: width, out: out.slice(0, 8)};
}"""


def _reflow_problem(page: Page) -> str:
    """ "" when the page fits the viewport's width; otherwise the widths and the culprits."""
    found: dict[str, Any] = page.evaluate(_OVERFLOW_JS)
    if found["scroll"] <= found["inner"]:
        return ""
    return f"scrollWidth {found['scroll']} > {found['inner']}: {found['out']}"


def _use_language(page: Page, base_url: str, language: str) -> None:
    page.context.add_cookies([{"name": "django_language", "value": language, "url": base_url}])


def _check(page: Page, paths: list[str], language: str) -> str:
    """Every path at every size: no sideways scrolling, no axe violation ("" when none)."""
    problems: dict[str, str] = {}
    for width, height in SIZES:
        page.set_viewport_size({"width": width, "height": height})
        for path in paths:
            page.goto(path)  # waits for the load event: styles applied, app.js has run
            assert page.locator("html").get_attribute("lang") == language, path
            key = f"{width}px {path}"
            if problem := _reflow_problem(page):
                problems[key] = problem
            if violations := axe_scan(page):
                problems[key + " axe"] = describe_violations(violations)
    return "\n".join(f"{key}: {problem}" for key, problem in problems.items())


# --- the workspace: worklist, case page, a form --------------------------------------------


@pytest.fixture
def cases(transactional_db: Any, settings: Any) -> dict[str, int]:
    settings.INTROSAK_AS_OF = AS_OF
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
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
            *caseload("radgiver.sth", 8, prefix="W"),
        ]
    )
    return {c.case_id: c.pk for c in ProgrammeCase.objects.all()}


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", LANGUAGES)
def test_workspace_pages_reflow_at_phone_widths(
    page: Page, live_server: Any, cases: dict[str, int], language: str
) -> None:
    _use_language(page, live_server.url, language)
    log_in(page, "radgiver.sth", PASSWORD)
    rich_case, undecided_case = cases["C-400"], cases["C-200"]
    paths = [
        "/cases/",
        "/cases/?scope=district&filter=no_three_party",
        "/cases/help/",
        f"/cases/{rich_case}/",
        f"/cases/{undecided_case}/",
        f"/cases/{rich_case}/meeting/",
        f"/cases/{undecided_case}/decision/",
        f"/cases/{rich_case}/correct/meeting/{_first_meeting(rich_case)}/",
    ]
    problems = _check(page, paths, language)
    assert not problems, problems
    _header_cards_and_findings_fit(page, rich_case, language)
    if language == "nb":
        _phone_screenshots(page, rich_case)


def _first_meeting(case_pk: int) -> int:
    meeting = Meeting.objects.filter(case_id=case_pk).order_by("date", "pk").first()
    assert meeting is not None
    return meeting.pk


def _inside(page: Page, selector: str) -> None:
    """The element is shown and lies within the viewport's width."""
    element = page.locator(selector).first
    expect(element).to_be_visible()
    box = element.bounding_box()
    assert box is not None, selector
    width = page.evaluate("window.innerWidth")
    assert box["x"] >= 0 and box["x"] + box["width"] <= width, (selector, box, width)


def _header_cards_and_findings_fit(page: Page, case_pk: int, language: str) -> None:
    """At 320 px: the user's name and "Log out" are on screen; a worklist row is a card with
    the name first, then the deadline with its status, then the rest, each under its
    column's name; the findings keep their explanations on screen; the other tables of the
    case page are labelled cards too."""
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto("/cases/")
    _inside(page, ".app-user")
    _inside(page, ".app-header form[action$='/logout/'] button")
    _inside(page, "#language-select")
    row = page.locator("#worklist-table tbody tr").first
    assert row.evaluate("r => getComputedStyle(r).display") == "grid"
    name, deadline = row.locator("th.app-person"), row.locator("td.app-deadline")
    others = row.locator("td:not(.app-deadline)")
    name_box, deadline_box, other_box = (
        name.bounding_box(),
        deadline.bounding_box(),
        others.first.bounding_box(),
    )
    assert name_box and deadline_box and other_box
    assert name_box["y"] < deadline_box["y"] < other_box["y"]
    expect(deadline.locator(".app-status")).to_be_visible()
    label = "Nærmeste frist" if language == "nb" else "Nearest deadline"
    expect(deadline).to_have_attribute("data-label", label)
    assert deadline.evaluate("c => getComputedStyle(c, '::before').content") == f'"{label}"'
    _inside(page, "#worklist-table tbody tr td.app-deadline")

    page.goto(f"/cases/{case_pk}/")
    _inside(page, "#finding-TRI-01 td.app-explanation")
    _inside(page, "#finding-TRI-01 td.app-explanation .app-source")
    assert page.locator("#activities td[data-label]").count() > 0  # labelled by app.js
    _inside(page, "#activities tbody tr td:last-child")


def _phone_screenshots(page: Page, case_pk: int) -> None:
    """docs/screenshots/worklist-phone.png, case-page-phone.png (the top of the page) and
    case-page-phone-findings.png (the findings as cards): 390 px wide."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/cases/")
    page.wait_for_load_state("networkidle")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(
        path=str(SCREENSHOTS / "worklist-phone.png"),
        full_page=True,
        clip={"x": 0, "y": 0, "width": 390, "height": 2000},
    )
    page.goto(f"/cases/{case_pk}/")
    page.wait_for_load_state("networkidle")
    page.screenshot(
        path=str(SCREENSHOTS / "case-page-phone.png"),
        full_page=True,
        clip={"x": 0, "y": 0, "width": 390, "height": 2400},
    )
    top = page.evaluate("document.getElementById('findings').getBoundingClientRect().top")
    page.screenshot(
        path=str(SCREENSHOTS / "case-page-phone-findings.png"),
        full_page=True,
        clip={"x": 0, "y": top + page.evaluate("window.scrollY"), "width": 390, "height": 1800},
    )


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", LANGUAGES)
def test_other_pages_reflow_at_phone_widths(
    page: Page, live_server: Any, cases: dict[str, int], language: str
) -> None:
    """The log-in page, the start page, the law's parameters, the password change and the
    administrator's access-log pages: no page scrolls sideways either."""
    _use_language(page, live_server.url, language)
    problems = _check(page, ["/login/"], language)
    log_in(page, "radgiver.sth", PASSWORD)
    problems += _check(page, ["/", "/rules/parameters/", "/account/password/"], language)
    page.context.clear_cookies()
    _use_language(page, live_server.url, language)
    log_in(page, "admin", PASSWORD)
    problems += _check(page, ["/", "/access/", "/access/security/"], language)
    assert not problems, problems


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", LANGUAGES)
def test_coordinator_pages_reflow_at_phone_widths(
    page: Page, live_server: Any, cases: dict[str, int], language: str
) -> None:
    """The coordinator's district view with combined filters, the workload per adviser, the
    bulk reassignment (with its errors) and the saved filters."""
    _use_language(page, live_server.url, language)
    log_in(page, "koordinator.sth", PASSWORD)
    paths = [
        "/cases/?scope=district",
        "/cases/?scope=district&filter=no_norwegian&and=overdue",
        "/cases/workload/",
        "/cases/reassign/",
        "/cases/saved/",
    ]
    problems = _check(page, paths, language)
    page.goto("/cases/reassign/")
    page.click("#reassign-submit")  # nothing chosen: the form with its errors
    if problem := _reflow_problem(page):
        problems += f"\nreassign with errors: {problem}"
    if violations := axe_scan(page):
        problems += f"\nreassign with errors: {describe_violations(violations)}"
    assert not problems, problems


@pytest.mark.django_db(transaction=True)
def test_without_javascript_the_worklist_is_cards_and_nothing_scrolls_sideways(
    browser: Browser, live_server: Any, cases: dict[str, int]
) -> None:
    """The reflow is CSS: with JavaScript off the worklist rows and the findings are still
    labelled cards (their labels are written by the server), and the other tables scroll
    inside their wrappers, not the page."""
    context = browser.new_context(
        base_url=live_server.url,
        locale="nb-NO",
        viewport={"width": 320, "height": 640},
        java_script_enabled=False,
    )
    page = context.new_page()
    try:
        log_in(page, "radgiver.sth", PASSWORD)
        for path in ("/cases/", f"/cases/{cases['C-400']}/"):
            page.goto(path)
            assert _reflow_problem(page) == "", path
        page.goto("/cases/")
        row = page.locator("#worklist-table tbody tr").first
        assert row.evaluate("r => getComputedStyle(r).display") == "grid"
        page.goto(f"/cases/{cases['C-400']}/")
        finding = page.locator("#finding-TRI-01")
        assert finding.evaluate("r => getComputedStyle(r).display") == "grid"
        assert page.locator("#activities td[data-label]").count() == 0  # app.js did not run
    finally:
        context.close()


# --- statistics -----------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", LANGUAGES)
def test_statistics_dashboard_reflows_at_phone_widths(
    page: Page, live_server: Any, settings: Any, language: str
) -> None:
    from tests.factories import user
    from tests.stats.builders import import_with_staff, sample_cases

    settings.INTROSAK_AS_OF = STATS_AS_OF
    import_with_staff(sample_cases(), as_of=STATS_AS_OF)
    user("analytiker.test", "city_analyst")
    _use_language(page, live_server.url, language)
    log_in(page, "analytiker.test", PASSWORD)
    problems = _check(page, ["/stats/", "/stats/months-to-start/"], language)
    assert not problems, problems


# --- audits ---------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", LANGUAGES)
def test_audit_pages_reflow_at_phone_widths(
    page: Page, live_server: Any, settings: Any, language: str
) -> None:
    from tests.audits.conftest import TODAY, auditor, make_report_audit
    from tests.audits.report_cases import AS_OF as REPORT_AS_OF
    from tests.audits.report_cases import report_cases
    from tests.factories import import_cases

    settings.INTROSAK_AS_OF = TODAY
    import_cases(report_cases(), as_of=REPORT_AS_OF)
    audit: Audit = make_report_audit(created_by=auditor())
    row = FrameCase.objects.get(sample__audit=audit, case_number="SH-01")
    _use_language(page, live_server.url, language)
    log_in(page, "revisor", PASSWORD)
    paths = [
        "/audits/",
        "/audits/new/",
        f"/audits/{audit.pk}/",
        f"/audits/{audit.pk}/findings/",
        f"/audits/{audit.pk}/cases/{row.pk}/",
    ]
    problems = _check(page, paths, language)
    assert not problems, problems
