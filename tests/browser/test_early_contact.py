"""Early contact in a real browser on a phone-sized screen (390×844): a person completes the
questionnaire in Ukrainian and in Arabic (right to left), leaving and coming back through the
letter's link; the adviser accepts the draft competence mapping field by field; the
participant later opens their own view with a one-time link. axe-core finds no violation in
uk, ar and nb."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, ViewportSize, expect

from introsak.accounts.enums import Role
from introsak.early.domain import operations as ops
from introsak.early.models import (
    AcceptedMappingField,
    EarlyAccessEntry,
    EarlyPerson,
    QuestionnaireAnswers,
)
from introsak.identity import make_synthetic_identity_number
from tests.browser.conftest import axe_scan, describe_violations, log_in, screenshot
from tests.factories import user

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "correct horse battery staple"
PHONE: ViewportSize = {"width": 390, "height": 844}


@pytest.fixture(autouse=True)
def _fast_passwords(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _phone(browser: Browser, live_server: Any, locale: str) -> Page:
    context = browser.new_context(
        base_url=live_server.url, locale=locale, viewport=PHONE, is_mobile=True, has_touch=True
    )
    context.set_default_timeout(15_000)
    return context.new_page()


def _no_violations(page: Page) -> None:
    violations = axe_scan(page)
    assert violations == [], describe_violations(violations)


def _fits_the_phone(page: Page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


@pytest.fixture
def staff(db: Any) -> Iterator[dict[str, Any]]:
    worker = user("bosetter.gl", Role.SETTLEMENT_WORKER, "grunerlokka", PASSWORD)
    adviser = user("radgiver.gl", Role.PROGRAMME_ADVISER, "grunerlokka", PASSWORD)
    adviser.first_name, adviser.last_name = "Kari", "Rådgiver"
    adviser.save()
    yield {"worker": worker, "adviser": adviser}


def _person(staff: dict[str, Any], name: str, language: str, serial: int) -> EarlyPerson:
    birth = date(1990, 4, 2)
    return ops.person_create(
        by=staff["worker"],
        data=ops.PersonInput(
            name=name,
            birth_date=birth,
            national_id=make_synthetic_identity_number(birth, serial),
            duf_number="",
            reception_centre="Råde mottak",
            expected_settlement_date=date(2024, 9, 15),
            household="",
            language=language,
            consent_given_on=date(2024, 6, 1),
            adviser=staff["adviser"],
        ),
    )


def _answers(person: EarlyPerson) -> dict[str, Any]:
    record = QuestionnaireAnswers.objects.get(person=person)
    return dict(json.loads(record.answers))


def test_a_person_completes_the_questionnaire_in_ukrainian_leaving_and_coming_back(
    browser: Browser, live_server: Any, staff: dict[str, Any]
) -> None:
    person = _person(staff, "Olena Kovalenko", "uk", 1)
    token = ops.link_issue(by=staff["worker"], person=person)
    page = _phone(browser, live_server, "uk-UA")
    page.goto(f"/early/q/{token}/")
    expect(page.locator("html")).to_have_attribute("lang", "uk")
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    expect(page.locator("#progress")).to_have_text("Сторінка 1 з 5")
    expect(page.locator("#machine-draft")).to_be_visible()
    _no_violations(page)
    _fits_the_phone(page)
    screenshot(page, "early-questionnaire-uk-phone")
    page.get_by_label("Ким ви працювали у своїй країні?").fill("Зварювальник на верфі")
    page.get_by_label("Скільки років досвіду роботи у вас є?").fill("12")
    page.click("#next")
    expect(page.locator("#progress")).to_have_text("Сторінка 2 з 5")
    page.get_by_label("Професійна освіта").check()
    page.get_by_label("Якими мовами ви розмовляєте?").fill("українська, російська, англійська")
    page.click("#later")
    expect(page.locator("#saved")).to_have_text("Ваші відповіді збережено")
    _no_violations(page)
    page.context.close()

    # later, on another day: the letter's link again, on a fresh browser
    page = _phone(browser, live_server, "uk-UA")
    page.goto(f"/early/q/{token}/")
    expect(page.locator("#progress")).to_have_text("Сторінка 3 з 5")
    page.get_by_label("Ким би ви хотіли працювати в Норвегії?").fill("Зварювальник")
    page.click("#next")
    page.get_by_label("Догляд за дітьми").check()
    page.get_by_label("Розкажіть детальніше, якщо бажаєте").fill("Двоє дітей, 3 і 5 років")
    page.click("#next")
    expect(page.locator("#progress")).to_have_text("Сторінка 5 з 5")
    page.locator("#q-has_minid-no").check()
    _no_violations(page)
    _fits_the_phone(page)
    page.click("#send")
    expect(page.locator("#thanks")).to_have_text("Дякуємо за ваші відповіді")
    _no_violations(page)
    answers = _answers(person)
    assert answers["occupation"] == "Зварювальник на верфі"
    assert answers["years"] == 12 and answers["education"] == "vocational"
    assert answers["obstacles"] == ["childcare"] and answers["has_minid"] == "no"
    assert QuestionnaireAnswers.objects.get(person=person).submitted_at is not None
    assert EarlyAccessEntry.objects.filter(action="link_opened", data_subject=True).count() == 2
    page.context.close()


def test_a_person_answers_in_arabic_right_to_left_and_comes_back(
    browser: Browser, live_server: Any, staff: dict[str, Any]
) -> None:
    person = _person(staff, "Amal Haddad", "ar", 2)
    token = ops.link_issue(by=staff["worker"], person=person)
    page = _phone(browser, live_server, "ar")
    page.goto(f"/early/q/{token}/")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("#progress")).to_have_text("الصفحة 1 من 5")
    _no_violations(page)
    _fits_the_phone(page)
    screenshot(page, "early-questionnaire-ar-phone")
    page.get_by_label("ما العمل الذي قمت به في بلدك؟").fill("معلمة رياضيات")
    page.get_by_label("كم سنة من الخبرة العملية لديك؟").fill("abc")
    page.click("#next")
    # a bad answer: the page comes back with the error, in Arabic, and nothing is lost
    expect(page.locator("#q-years-error")).to_contain_text("يرجى كتابة عدد صحيح")
    _no_violations(page)
    page.get_by_label("كم سنة من الخبرة العملية لديك؟").fill("8")
    page.click("#later")
    expect(page.locator("#saved")).to_be_visible()
    page.context.close()

    page = _phone(browser, live_server, "ar")
    page.goto(f"/early/q/{token}/")
    expect(page.locator("#progress")).to_have_text("الصفحة 2 من 5")
    page.goto("/early/questionnaire/?page=1")
    expect(page.get_by_label("ما العمل الذي قمت به في بلدك؟")).to_have_value("معلمة رياضيات")
    for _ in range(4):
        page.click("#next")
    page.click("#send")
    expect(page.locator("#thanks")).to_be_visible()
    _no_violations(page)
    assert _answers(person)["years"] == 8
    page.context.close()


def test_bokmal_pages_and_the_refused_link_have_no_violations(
    browser: Browser, live_server: Any, staff: dict[str, Any]
) -> None:
    person = _person(staff, "Ola Nordmann", "nb", 3)
    token = ops.link_issue(by=staff["worker"], person=person)
    page = _phone(browser, live_server, "nb-NO")
    page.goto(f"/early/q/{token}/")
    expect(page.locator("html")).to_have_attribute("lang", "nb")
    expect(page.locator("#machine-draft")).to_have_count(0)
    _no_violations(page)
    page.goto("/early/questionnaire/?page=5")
    _no_violations(page)
    page.goto("/early/q/not-a-valid-token-at-all-000/")
    expect(page.locator("h1")).to_have_text("Lenken virker ikke")
    _no_violations(page)
    page.context.close()


def test_the_adviser_accepts_the_draft_mapping_and_the_participant_opens_their_own_view(
    browser: Browser, live_server: Any, page: Page, staff: dict[str, Any]
) -> None:
    person = _person(staff, "Olena Kovalenko", "uk", 4)
    ops.answers_save(
        person=person, page_number=1, data={"occupation": "Зварювальник", "years": "12"}
    )
    ops.answers_save(person=person, page_number=2, data={"education": "vocational"})
    log_in(page, "radgiver.gl", PASSWORD)
    page.goto(f"/early/{person.pk}/")
    expect(page.locator("#mapping-heading")).to_be_visible()
    _no_violations(page)
    page.fill("#value-occupation", "Sveiser (verft), 12 år")
    page.click("#accept-occupation")
    expect(page.locator("#accepted-occupation")).to_be_visible()
    page.click("#accept-years_experience")
    expect(page.locator("#accepted-years_experience")).to_be_visible()
    _no_violations(page)
    screenshot(page, "early-mapping")
    accepted = dict(AcceptedMappingField.objects.values_list("key", "value"))
    assert accepted == {"occupation": "Sveiser (verft), 12 år", "years_experience": "12"}

    # settled; then the adviser makes a one-time link for the participant's own view
    ops.person_settle(
        by=staff["worker"],
        person=person,
        data=ops.SettlementInput(
            settlement_date=date(2024, 9, 16),
            residence_basis="collective_protection",
            permit_date=date(2024, 5, 2),
            education_level="upper_secondary",
            settled_by_agreement=True,
            adviser=None,
        ),
    )
    page.goto(f"/early/{person.pk}/")
    page.select_option("#id_language", "uk")
    page.click("#own-view-link")
    url = page.locator("#own-view-url").inner_text()
    _no_violations(page)

    phone = _phone(browser, live_server, "uk-UA")
    phone.goto(url)
    expect(phone.locator("html")).to_have_attribute("lang", "uk")
    expect(phone.locator("h1")).to_have_text("Моя вступна програма")
    expect(phone.locator("#adviser")).to_have_text("Ваш радник програми: Kari Rådgiver")
    expect(phone.locator("#deadlines")).to_contain_text(
        "Ваша вступна програма має розпочатися до цієї дати."
    )
    _no_violations(phone)
    _fits_the_phone(phone)
    screenshot(phone, "early-own-view-uk-phone")
    assert EarlyAccessEntry.objects.filter(action="own_view", data_subject=True).count() == 1
    phone.context.close()
    # the link works once
    again = _phone(browser, live_server, "uk-UA")
    again.goto(url)
    expect(again.locator("h1")).to_have_text("Lenken virker ikke")
    again.context.close()


@pytest.mark.parametrize("language", ["nb", "en"])
def test_staff_pages_have_no_violations(
    page: Page, live_server: Any, staff: dict[str, Any], language: str
) -> None:
    person = _person(staff, "Olena Kovalenko", "uk", 5)
    group = ops.group_create(
        by=staff["adviser"], name="Forkurs", language="uk", first_session=date(2024, 9, 2), weeks=4
    )
    ops.group_add(by=staff["adviser"], group=group, person=person)
    case = ops.person_settle(
        by=staff["worker"],
        person=_person(staff, "Andrii Koval", "uk", 6),
        data=ops.SettlementInput(
            settlement_date=date(2024, 3, 1),
            residence_basis="collective_protection",
            permit_date=date(2024, 1, 2),
            education_level="higher",
            settled_by_agreement=True,
            adviser=None,
        ),
    )
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    log_in(page, "bosetter.gl", PASSWORD)
    for path in (
        "/early/",
        "/early/new/",
        f"/early/{person.pk}/",
        "/early/groups/",
        f"/early/groups/{group.pk}/",
        "/early/statistics/",
    ):
        page.goto(path)
        expect(page.locator("html")).to_have_attribute("lang", language)
        _no_violations(page)
    page.goto("/early/new/")
    page.click("#save-person")  # empty: every error named
    expect(page.locator("#error-summary")).to_be_visible()
    _no_violations(page)
    page.goto(f"/cases/{case.pk}/")
    expect(page.locator("#early-contact")).to_be_visible()
    _no_violations(page)
