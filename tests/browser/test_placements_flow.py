"""Issue 15's must-show flow in a real browser, in bokmål and English: an adviser opens a
participant with no work-oriented activity, sees ranked offers with reasons, proposes one; it
is declined with a reason; a second is accepted and started; WORK-15H-01 and the worklist's
counts change. Every page on the way has no axe violations."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from introsak.accounts.models import User
from introsak.casefacts import model as facts
from introsak.casefacts.enums import CefrLevel, LanguageSkill, Sector
from introsak.cases.domain.operations import work_profile_record
from introsak.cases.models import ProgrammeCase
from tests.browser.conftest import axe_scan, describe_violations, log_in, screenshot
from tests.placements.builders import employer, offer, participant
from tests.workspace.builders import AS_OF, PASSWORD, load, staff

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _demo_day(settings: Any) -> None:
    settings.INTROSAK_AS_OF = AS_OF
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(db: Any) -> dict[str, int]:
    people = staff()
    load(
        [
            participant("J-1", "radgiver.sth", "Olena Arbeidsdatter"),
            participant("J-2", "radgiver.sth", "Petro Venter"),
        ]
    )
    case = ProgrammeCase.objects.select_related("person", "district").get(case_id="J-1")
    work_profile_record(
        case=case,
        by=people.adviser,
        expected_version=case.version,
        profile=facts.WorkProfile(
            experience=(facts.WorkExperience(occupation="53", years=3.0),),
            wished_occupations=("53",),
            wished_sectors=(Sector.KINDERGARTEN,),
            norwegian_levels=tuple((skill, CefrLevel.B1) for skill in sorted(LanguageSkill)),
            available_hours_per_week=30.0,
            job_goal="Barne- og ungdomsarbeider",
        ),
    )
    kindergarten = offer(by=people.adviser, title="Assistent i barnehage", occupation="53")
    shop = employer(orgnr="923609016", name="Kiwi Bislett", sector="grocery", ownership="private")
    grocery = offer(
        by=people.adviser,
        employer_id=shop.pk,
        kind="work_practice",
        title="Butikkmedarbeider",
        occupation="52",
        hours_per_week=20.0,
        req_oral="B2",
    )
    return {"case": case.pk, "kindergarten": kindergarten.pk, "grocery": grocery.pk}


def _use_language(page: Page, live_server: Any, language: str) -> None:
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )


def _no_violations(page: Page, language: str) -> None:
    assert page.locator("html").get_attribute("lang") == language
    violations = axe_scan(page)
    assert violations == [], f"{page.url}\n{describe_violations(violations)}"


def _counts(page: Page) -> tuple[int, int]:
    page.goto("/cases/")

    def count(key: str) -> int:
        return int(page.locator(f"#filter-{key} .app-filter__count").inner_text())

    return count("work_hours"), count("no_work_activity")


def _step(page: Page, offer_pk: int, step: str) -> None:
    page.locator(f"#pipeline-table tr:has-text('{_title(offer_pk)}') a[data-step='{step}']").click()


def _title(offer_pk: int) -> str:
    from introsak.placements.models import PlacementOffer

    return PlacementOffer.objects.get(pk=offer_pk).title


def _status(page: Page, offer_pk: int) -> Any:
    return page.locator(f"#pipeline-table tr:has-text('{_title(offer_pk)}') td[data-status]")


@pytest.mark.parametrize("language", ["nb", "en"])
def test_from_no_work_activity_to_a_started_placement(
    page: Page, live_server: Any, world: dict[str, int], language: str
) -> None:
    _use_language(page, live_server, language)
    log_in(page, "radgiver.sth", PASSWORD)
    before = _counts(page)
    assert before == (2, 2)  # both participants: no work-oriented content, breach
    _no_violations(page, language)

    page.goto(f"/cases/{world['case']}/")
    expect(page.locator("#finding-WORK-15H-01")).to_have_attribute("data-status", "breach")
    _no_violations(page, language)
    page.click("#work-link")
    expect(page.locator("#ranked-offers > li")).to_have_count(2)
    first = page.locator("#ranked-offers > li").first
    # The kindergarten place fits her experience and wishes; the shop wants B2 oral.
    expect(first).to_have_attribute("data-offer", str(world["kindergarten"]))
    below = page.locator(f"li[data-offer='{world['grocery']}'] .app-reason--bad")
    expect(below).to_have_count(1)
    expect(below).to_contain_text("B1")
    expect(below).to_contain_text("B2")
    _no_violations(page, language)
    screenshot(page, f"placements-ranked-{language}")

    # Propose the shop; the participant declines it as irrelevant to her job goal.
    page.locator(f"li[data-offer='{world['grocery']}'] button[type=submit]").click()
    expect(_status(page, world["grocery"])).to_have_attribute("data-status", "proposed")
    _step(page, world["grocery"], "decline")
    _no_violations(page, language)
    page.click("#step-submit")  # no reason chosen: refused, the form says so
    expect(page.locator("#error-summary")).to_be_visible()
    _no_violations(page, language)
    page.check("input[name=reason][value=not_relevant]")
    page.click("#step-submit")
    expect(_status(page, world["grocery"])).to_have_attribute("data-status", "declined")

    # Propose the kindergarten; offered, accepted and started.
    page.locator(f"li[data-offer='{world['kindergarten']}'] button[type=submit]").click()
    for step in ("offer", "accept"):
        _step(page, world["kindergarten"], step)
        page.click("#step-submit")
    _step(page, world["kindergarten"], "start")
    page.fill("#id_start", "2024-08-06")
    page.fill("#id_hours_per_week", "20")
    _no_violations(page, language)
    page.click("#step-submit")
    expect(_status(page, world["kindergarten"])).to_have_attribute("data-status", "started")
    _no_violations(page, language)

    page.goto(f"/cases/{world['case']}/")
    expect(page.locator("#finding-WORK-15H-01")).to_have_attribute("data-status", "met")
    assert _counts(page) == (1, 1)
    assert ProgrammeCase.objects.get(pk=world["case"]).declined_offers == 1
    assert list(
        ProgrammeCase.objects.get(pk=world["case"])
        .activities.filter(kind="language_practice")
        .values_list("start", "hours_per_week")
    ) == [(date(2024, 8, 6), 20.0)]


@pytest.mark.parametrize("language", ["nb", "en"])
def test_the_placements_pages_have_no_violations(
    page: Page, live_server: Any, world: dict[str, int], language: str
) -> None:
    _use_language(page, live_server, language)
    log_in(page, "radgiver.sth", PASSWORD)
    for path in (
        "/placements/",
        "/placements/employers/",
        "/placements/offers/new/",
        f"/placements/offers/{world['kindergarten']}/",
        f"/placements/case/{world['case']}/profile/",
        "/placements/statistics/",
        "/placements/fairs/",
    ):
        page.goto(path)
        _no_violations(page, language)
    page.goto("/placements/employers/")
    page.fill("#id_orgnr", "974760674")
    page.click("#employer-submit")
    expect(page.locator("#error-summary")).to_be_visible()
    _no_violations(page, language)
    User.objects.get(username="radgiver.sth")
