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
from tests.browser.conftest import log_in
from tests.factories import user
from tests.workspace.builders import AS_OF, load, running, staff

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
