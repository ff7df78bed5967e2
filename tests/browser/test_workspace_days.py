"""Issue 14 in a real browser: the workspace on a real day's work (items 1, 2, 4, 7 and 8,
and the keyboard-only round from the worklist to a recorded meeting and back)."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from introsak.access.domain.protection import case_pseudonym
from introsak.access.models import AuditGrant
from introsak.cases.models import ProgrammeCase
from tests.access.personas import World, make_world
from tests.bokmaal import ISO_DATE, english_words
from tests.browser.conftest import axe_scan, describe_violations, log_in
from tests.factories import case_dict, user
from tests.workspace.builders import (
    AS_OF,
    caseload,
    load,
    rich,
    running,
    staff,
)

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def _demo_day(settings: Any) -> None:
    settings.INTROSAK_AS_OF = AS_OF
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _with_password(world: World, persona: str) -> str:
    account = world.staff(persona)
    account.set_password(PASSWORD)
    account.save(update_fields=["password"])
    return account.username


def _rows(page: Page) -> Any:
    return page.locator("#worklist-table tbody tr")


# --- item 1: the auditor's search ------------------------------------------------------------


def test_auditor_searches_pseudonyms_and_is_told_when_nothing_matches(page: Page) -> None:
    world = make_world()
    log_in(page, _with_password(world, "auditor_valid"), PASSWORD)
    page.goto("/cases/")
    expect(page.locator("label[for=worklist-q]")).to_have_text(
        "Søk etter pseudonym eller saksnummer"
    )
    expect(_rows(page)).to_have_count(1)
    page.fill("#worklist-q", "zzzz")
    expect(page.locator("#worklist-empty")).to_have_text("Ingen deltakere passer til søket «zzzz».")
    expect(page.locator("#worklist-status")).to_have_text(
        "Ingen deltakere passer til søket «zzzz»."
    )
    violations = axe_scan(page)
    assert violations == [], describe_violations(violations)
    page.fill("#worklist-q", "A-1")  # a case number, but the grant shows no identities
    expect(page.locator("#worklist-empty")).to_be_visible()
    pseudonym = case_pseudonym(world.case_a)
    page.fill("#worklist-q", pseudonym)
    expect(_rows(page)).to_have_count(1)
    expect(_rows(page).first).to_contain_text(pseudonym)


def test_auditor_with_identities_searches_case_numbers(page: Page) -> None:
    world = make_world()
    AuditGrant.objects.filter(user=world.users["auditor_valid"]).update(show_identities=True)
    log_in(page, _with_password(world, "auditor_valid"), PASSWORD)
    page.goto("/cases/")
    page.fill("#worklist-q", "B-1")  # another district: never found
    expect(page.locator("#worklist-empty")).to_be_visible()
    page.fill("#worklist-q", "A-1")
    expect(_rows(page)).to_have_count(1)
    pk = ProgrammeCase.objects.get(case_id="A-1").pk
    expect(page.locator(f"#case-link-{pk}")).to_be_visible()


# --- item 4: same-name staff -----------------------------------------------------------------


def test_coordinator_tells_two_advisers_with_the_same_name_apart(page: Page) -> None:
    people = staff()
    for username in ("sara.solberg", "sara.solberg2"):
        sara = user(username, "programme_adviser", "st_hanshaugen", password=PASSWORD)
        sara.first_name, sara.last_name = "Sara", "Solberg"
        sara.save(update_fields=["first_name", "last_name"])
    load([running("C-1", "sara.solberg", name="Amina Yusuf")])
    log_in(page, people.coordinator.username, PASSWORD)
    page.goto("/cases/?scope=district")
    page.select_option("#worklist-adviser", label="Sara Solberg (sara.solberg2)")
    expect(page.locator("#worklist-empty")).to_be_visible()  # the other Sara has no cases
    page.select_option("#worklist-adviser", label="Sara Solberg (sara.solberg)")
    expect(_rows(page)).to_have_count(1)
    page.click(f"#case-link-{ProgrammeCase.objects.get(case_id='C-1').pk}")
    page.get_by_role("link", name="Endre").click()
    page.select_option("#id_adviser", label="Sara Solberg (sara.solberg2)")
    page.click("#step-submit")
    expect(page.locator("#summary")).to_contain_text("Sara Solberg (sara.solberg2)")
    expect(page.locator("#changes")).to_contain_text("Lise Berg (koordinator.sth)")


# --- item 8: visible save feedback -----------------------------------------------------------


def _running_case() -> int:
    staff()
    load([running("C-1", "radgiver.sth", name="Amina Yusuf")])
    return ProgrammeCase.objects.get(case_id="C-1").pk


def test_after_a_save_the_message_is_where_the_user_lands_and_has_focus(page: Page) -> None:
    pk = _running_case()
    log_in(page, "radgiver.sth", PASSWORD)
    page.goto(f"/cases/{pk}/leave/")
    expect(page.locator("#id_approved")).to_be_checked()  # pre-ticked
    page.fill("#id_start", "2024-06-10")
    page.fill("#id_end", "2024-06-11")
    page.click("#step-submit")
    message = page.locator("#saved-message")
    expect(message).to_have_text("Permisjonen er registrert.")
    expect(message).to_be_focused()
    expect(message).to_be_in_viewport()
    assert page.locator("#activities #saved-message").count() == 1
    violations = axe_scan(page)
    assert violations == [], describe_violations(violations)


def test_the_minutes_written_box_ticks_itself_while_typing(page: Page) -> None:
    pk = _running_case()
    log_in(page, "radgiver.sth", PASSWORD)
    page.goto(f"/cases/{pk}/meeting/")
    box = page.locator("#id_documented")
    expect(box).not_to_be_checked()
    page.locator("#id_attendance").press_sequentially("Alle møtte")
    expect(box).to_be_checked()
    page.fill("#id_attendance", "")
    page.locator("#id_attendance").press("Backspace")  # an input event with every field empty
    expect(box).not_to_be_checked()
    box.check()  # ticked by hand: stays ticked
    page.locator("#id_notes").press_sequentially("x")
    page.locator("#id_notes").press("Backspace")
    expect(box).to_be_checked()


# --- the keyboard-only round ------------------------------------------------------------------


def _active(page: Page) -> str:
    return str(page.evaluate("document.activeElement ? document.activeElement.id : ''"))


def _tab_to(page: Page, element_id: str, *, back: bool = False, limit: int = 120) -> None:
    key = "Shift+Tab" if back else "Tab"
    for _ in range(limit):
        page.keyboard.press(key)
        if _active(page) == element_id:
            return
    raise AssertionError(f"#{element_id} was not reached with {key}")


def _tab_to_link(page: Page, text: str, *, back: bool = False, limit: int = 120) -> None:
    key = "Shift+Tab" if back else "Tab"
    for _ in range(limit):
        page.keyboard.press(key)
        if page.evaluate("document.activeElement.textContent.trim()") == text:
            return
    raise AssertionError(f"the link {text!r} was not reached with {key}")


def test_keyboard_only_from_an_overdue_case_to_its_recorded_meeting_and_back(
    page: Page,
) -> None:
    """Log in, find an overdue case with "/" (the worklist's shortcut to its search field,
    keys.js), open it, record the missing three-party meeting and go back to the list, with
    the keyboard alone."""
    staff()
    load(
        [
            case_dict(  # running since 2024-01-15; the first meeting was due 2024-02-15
                "C-100",
                adviser="radgiver.sth",
                person__name="Olena Kovalenko",
                jobseeker_registered_date="2024-02-01",
                education_recognition={"relevant": False},
            ),
            *caseload("radgiver.sth", 6, prefix="W"),
        ]
    )
    pk = ProgrammeCase.objects.get(case_id="C-100").pk
    page.goto("/login/")
    _tab_to(page, "id_username")
    page.keyboard.type("radgiver.sth")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Mine deltakere")
    missing = int(page.locator("#filter-no_three_party .app-filter__count").inner_text())

    page.keyboard.press("/")
    expect(page.locator("#worklist-q")).to_be_focused()
    page.keyboard.type("Olena")
    expect(_rows(page)).to_have_count(1)
    expect(_rows(page).first.locator("[data-status]")).to_have_attribute("data-status", "overdue")
    _tab_to(page, f"case-link-{pk}")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Olena Kovalenko")
    expect(page.locator("#finding-TRI-01")).to_have_attribute("data-status", "overdue")

    _tab_to(page, "action-meeting")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Registrer møte")
    expect(page.locator("#id_date")).to_have_value("2024-08-07")  # held today, the default
    _tab_to(page, "id_attendance")
    page.keyboard.type("Olena, programrådgiver og norsklærer møtte.")
    _tab_to(page, "step-submit")
    page.keyboard.press("Enter")
    message = page.locator("#saved-message")
    expect(message).to_be_focused()
    expect(message).to_have_text("Møtet er registrert.")
    expect(page.locator("#finding-TRI-01")).to_have_attribute("data-status", "met_late")

    _tab_to_link(page, "Tilbake til arbeidslisten", back=True)
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Mine deltakere")
    expect(page.locator("#filter-no_three_party .app-filter__count")).to_have_text(str(missing - 1))


# --- item 7: correct labels -------------------------------------------------------------------


def test_case_page_labels_in_bokmaal_and_english(page: Page) -> None:
    staff()
    load(
        [
            rich(
                "C-500",
                "radgiver.sth",
                meetings=[
                    {"date": "2024-06-16", "kind": "three_party", "documented": True},
                    {"date": "2024-07-30", "kind": "three_party", "documented": False},
                    {"date": "2024-08-07", "kind": "three_party", "documented": True},
                ],
            ),
            case_dict("C-600", adviser="radgiver.sth", start_date="2024-07-01"),
        ]
    )
    log_in(page, "radgiver.sth", PASSWORD)
    page.goto(f"/cases/{ProgrammeCase.objects.get(case_id='C-500').pk}/")
    meetings = page.locator("#step-meetings")
    expect(meetings).to_contain_text(
        "07.08.2024 Trekantsamtale · 8 dager siden trekantsamtalen 30.07.2024"
    )
    text = page.locator("main").inner_text()
    assert ISO_DATE.findall(text) == []
    assert english_words(text) == []
    violations = axe_scan(page)
    assert violations == [], describe_violations(violations)

    page.select_option("#language-select", "en")
    page.click(".app-language button[type=submit]")
    page.wait_for_load_state("networkidle")
    page.goto(f"/cases/{ProgrammeCase.objects.get(case_id='C-600').pk}/")
    states = page.locator(".app-timeline__head .app-status").all_inner_texts()
    assert "Pending" in states and "Open" not in states
    violations = axe_scan(page)
    assert violations == [], describe_violations(violations)
