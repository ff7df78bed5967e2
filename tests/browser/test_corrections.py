"""Completing and correcting a recorded meeting in a real browser (issue 14 item 6): the
undocumented three-party meeting gets its minutes later, the finding turns met, the history
shows who, when, why and old → new; axe finds nothing on the form or the page, in bokmål
and English. Screenshot: docs/screenshots/corrected-meeting.png."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from introsak.cases.models import EventCorrection, Meeting, ProgrammeCase
from tests.browser.conftest import SCREENSHOTS, axe_scan, describe_violations, log_in
from tests.workspace.builders import AS_OF, PASSWORD, ended_without_meeting, load, staff

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _demo_day(settings: Any) -> None:
    settings.INTROSAK_AS_OF = AS_OF
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def undocumented(db: Any) -> tuple[int, int]:
    staff()
    load(
        [
            ended_without_meeting(
                "C-100",
                "radgiver.sth",
                meetings=[{"kind": "three_party", "date": "2024-02-12", "documented": False}],
            )
        ]
    )
    case = ProgrammeCase.objects.get(case_id="C-100")
    return case.pk, Meeting.objects.get(case=case).pk


def _no_violations(page: Page, where: str) -> None:
    violations = axe_scan(page)
    assert not violations, f"{where}:\n{describe_violations(violations)}"


def test_complete_a_meeting_with_minutes_then_correct_its_date(
    page: Page, live_server: Any, undocumented: tuple[int, int]
) -> None:
    case_pk, meeting_pk = undocumented
    log_in(page, "radgiver.sth", PASSWORD)
    page.goto(f"/cases/{case_pk}/")
    expect(page.locator("#finding-TRI-01")).to_have_attribute("data-status", "overdue")
    page.click(f"#meeting-{meeting_pk} > summary")
    expect(page.locator(f"#history-meeting-{meeting_pk}")).to_contain_text(
        "Importert (ikke registrert i Introsak)"
    )
    page.click(f"#correct-meeting-{meeting_pk}")
    expect(page.locator("h1")).to_have_text("Rett eller fullfør møtet")
    expect(page.locator("#id_date")).to_have_value("2024-02-12")
    _no_violations(page, "the correction form")

    page.fill("#id_attendance", "Olena, programrådgiver og norsklærer.")
    page.fill("#id_norwegian_progress", "Bestått A2 muntlig.")
    page.fill("#id_further_plan", "Språkpraksis fra mars.")
    page.click("#correct-submit")  # no reason yet: refused on the field
    expect(page.locator("#id_correction_reason")).to_have_attribute("aria-invalid", "true")
    _no_violations(page, "the correction form with its errors")
    page.fill("#id_correction_reason", "Møtet ble holdt, men referatet ble skrevet i etterkant.")
    page.click("#correct-submit")

    expect(page).to_have_url(f"{live_server.url}/cases/{case_pk}/#history-meeting-{meeting_pk}")
    expect(page.locator("#finding-TRI-01")).to_have_attribute("data-status", "met")
    history = page.locator(f"#corrections-meeting-{meeting_pk}")
    expect(history).to_contain_text("Rettet 1 gang: historikk")
    expect(history).to_contain_text("Kari Nordmann")
    expect(history).to_contain_text("referatet ble skrevet i etterkant")
    expect(history).to_contain_text("Referat skrevet i journalen: Nei → Ja")

    page.click(f"#correct-meeting-{meeting_pk}")
    page.fill("#id_date", "2024-02-13")
    page.fill("#id_correction_reason", "Feil dato: møtet var dagen etter.")
    page.click("#correct-submit")
    expect(history).to_contain_text("Rettet 2 ganger: historikk")
    expect(history).to_contain_text("Dato: 12.02.2024 → 13.02.2024")
    expect(page.locator(f"#meeting-{meeting_pk} > summary")).to_contain_text("rettet")
    assert EventCorrection.objects.filter(event_id=meeting_pk).count() == 2
    page.locator(f"#meeting-{meeting_pk}").evaluate("el => el.open = true")
    _no_violations(page, "the case page with the history (nb)")
    page.locator("#meetings").screenshot(path=str(SCREENSHOTS / "corrected-meeting.png"))

    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    page.goto(f"/cases/{case_pk}/")
    page.click(f"#meeting-{meeting_pk} > summary")
    expect(page.locator(f"#corrections-meeting-{meeting_pk}")).to_contain_text(
        "Corrected 2 times: history"
    )
    _no_violations(page, "the case page with the history (en)")
    page.click(f"#correct-meeting-{meeting_pk}")
    expect(page.locator("#history-heading")).to_have_text("Earlier corrections")
    _no_violations(page, "the correction form (en)")
