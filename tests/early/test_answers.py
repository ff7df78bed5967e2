"""The questionnaire's answers: save and continue, encrypted at rest, visible only to the
person's settlement worker and adviser (logged), deleted when consent is withdrawn, carried
by the data-subject export and erased by retention; the case at settlement; the draft
competence mapping accepted field by field."""

from __future__ import annotations

import io
import json
from datetime import date, timedelta

import pytest
from cryptography.fernet import Fernet
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import Client, override_settings
from django.urls import reverse

from introsak.access.domain.retention import retention_apply
from introsak.access.domain.subject_export import subject_data
from introsak.access.models import AccessLogEntry
from introsak.early import crypto
from introsak.early.domain import operations as ops
from introsak.early.models import (
    AcceptedMappingField,
    EarlyAccessEntry,
    EarlyPerson,
    QuestionnaireAnswers,
)
from introsak.identity import make_synthetic_identity_number
from tests.early.world import BIRTH, World, client_for, make_world, person_input

pytestmark = pytest.mark.django_db

SECRET_ANSWER = "Zvaryuvalnyk na sudnobudivnomu zavodi"
HEALTH_DETAIL = "Astma, treng likar"


def _answer(world: World) -> Client:
    client = Client()
    token = ops.link_issue(by=world.worker, person=world.person)
    client.get(reverse("early:open", args=[token]))
    url = reverse("early:questionnaire")
    client.post(url, {"page": "1", "occupation": SECRET_ANSWER, "years": "12", "action": "next"})
    client.post(
        url,
        {
            "page": "4",
            "obstacles": ["health", "childcare"],
            "obstacles_details": HEALTH_DETAIL,
            "action": "next",
        },
    )
    return client


def _raw(table: str, column: str) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table}")  # noqa: S608
        return [str(row[0]) for row in cursor.fetchall()]


def test_no_answer_is_stored_in_plain_text() -> None:
    world = make_world()
    _answer(world)
    ops.mapping_accept(by=world.adviser, person=world.person, key="occupation", value="Sveiser")
    stored = _raw("early_questionnaireanswers", "answers")
    accepted = _raw("early_acceptedmappingfield", "value")
    for value in stored + accepted:
        assert value.startswith("gAAAAA")  # a Fernet token
        # Texts long enough not to occur in a token's base64 by chance (a bare "12" does,
        # about one token in twenty): the answer "12" would be stored with its key "years".
        for plain in (SECRET_ANSWER, HEALTH_DETAIL, "Sveiser", "childcare", "occupation", "years"):
            assert plain not in value
    # and yet the application reads them back
    answers, _record = ops.answers_of(world.person)
    assert answers["occupation"] == SECRET_ANSWER and answers["obstacles"] == [
        "health",
        "childcare",
    ]


def test_save_and_continue_keeps_earlier_pages_and_reopens_where_left() -> None:
    world = make_world()
    _answer(world)
    record = QuestionnaireAnswers.objects.get()
    assert record.last_page == 4 and record.submitted_at is None
    # leave, come back through the letter's link: the next unanswered page, answers kept
    again = Client()
    token = ops.link_issue(by=world.worker, person=world.person)
    again.get(reverse("early:open", args=[token]))
    page = again.get(reverse("early:questionnaire"))
    assert 'name="page" value="5"' in page.content.decode()
    first = again.get(reverse("early:questionnaire") + "?page=1").content.decode()
    assert SECRET_ANSWER in first and 'value="12"' in first
    sent = again.post(reverse("early:questionnaire"), {"page": "5", "action": "send"})
    assert sent.status_code == 200
    assert QuestionnaireAnswers.objects.get().submitted_at is not None


def test_a_bad_answer_names_the_question_and_writes_nothing() -> None:
    world = make_world()
    client = _answer(world)
    response = client.post(
        reverse("early:questionnaire"), {"page": "1", "occupation": "x", "years": "abc"}
    )
    assert response.status_code == 400
    assert 'id="q-years-error"' in response.content.decode()
    assert ">x</textarea>" in response.content.decode()  # what was typed is shown again
    assert ops.answers_of(world.person)[0]["years"] == 12
    with pytest.raises(ValueError, match="education"):
        ops.answers_save(person=world.person, page_number=2, data={"education": "phd"})


def test_answers_only_for_the_persons_settlement_worker_and_adviser_and_logged() -> None:
    world = make_world()
    _answer(world)
    url = reverse("early:person", args=[world.person.pk])
    for reader in (world.worker, world.adviser):
        assert SECRET_ANSWER in client_for(reader).get(url).content.decode()
    assert EarlyAccessEntry.objects.filter(action="answers_viewed").count() == 2
    for other in (world.other_worker, world.other_adviser, world.coordinator):
        page = client_for(other).get(url)
        assert page.status_code == 200 and SECRET_ANSWER not in page.content.decode()
    assert client_for(world.foreign_worker).get(url).status_code == 404
    assert EarlyAccessEntry.objects.filter(action="answers_viewed").count() == 2
    with pytest.raises(PermissionError):
        ops.answers_for_staff(user=world.other_adviser, person=world.person)


def test_withdrawing_consent_deletes_the_answers() -> None:
    world = make_world()
    _answer(world)
    ops.mapping_accept(by=world.adviser, person=world.person, key="occupation", value="Sveiser")
    response = client_for(world.worker).post(
        reverse("early:consent_withdraw", args=[world.person.pk])
    )
    assert response.status_code == 302
    assert not QuestionnaireAnswers.objects.exists()
    assert not AcceptedMappingField.objects.exists()
    world.person.refresh_from_db()
    assert world.person.consent_withdrawn_at is not None
    assert EarlyAccessEntry.objects.filter(action="answers_deleted").exists()


def test_registration_needs_consent_and_a_valid_identity() -> None:
    world = make_world()
    with pytest.raises(ops.EarlyRejected) as rejected:
        ops.person_create(
            by=world.worker,
            data=person_input(consent_given_on=None, national_id="12345678901", duf_number=""),
        )
    assert set(rejected.value.errors) == {"consent_given_on", "national_id"}
    with pytest.raises(ops.EarlyRejected) as no_identity:
        ops.person_create(by=world.worker, data=person_input(national_id="", duf_number=""))
    assert "national_id" in no_identity.value.errors
    with pytest.raises(ops.EarlyRejected):
        ops.person_create(by=world.adviser, data=person_input())
    with pytest.raises(ops.EarlyRejected) as twice:
        ops.person_create(by=world.worker, data=person_input())  # the same number again
    assert set(twice.value.errors) == {"national_id"}
    assert EarlyPerson.objects.count() == 1


def _settle(world: World) -> int:
    case = ops.person_settle(
        by=world.worker,
        person=world.person,
        data=ops.SettlementInput(
            settlement_date=date(2024, 9, 16),
            residence_basis="collective_protection",
            permit_date=date(2024, 5, 2),
            education_level="higher",
            settled_by_agreement=True,
            adviser=None,
        ),
    )
    return case.pk


def test_settlement_makes_the_case_without_retyping() -> None:
    world = make_world()
    pk = _settle(world)
    world.person.refresh_from_db()
    case = world.person.case
    assert case is not None and case.pk == pk
    assert (case.person.name, case.person.birth_date, case.person.national_id) == (
        "Olena Kovalenko",
        BIRTH,
        world.person.national_id,
    )
    assert case.adviser == world.adviser and case.district.slug == "grunerlokka"
    with pytest.raises(ops.EarlyRejected):
        _settle(world)


def test_settlement_errors_name_the_field() -> None:
    world = make_world()
    response = client_for(world.worker).post(
        reverse("early:settle", args=[world.person.pk]),
        {"settlement_date": "2024-09-16", "residence_basis": "collective_protection"},
    )
    assert response.status_code == 400
    assert "id_permit_date-error" in response.content.decode()


def test_after_settlement_reading_answers_is_in_the_case_access_log() -> None:
    world = make_world()
    _answer(world)
    case_pk = _settle(world)
    client_for(world.adviser).get(reverse("early:person", args=[world.person.pk]))
    entry = AccessLogEntry.objects.get(case_id=case_pk)
    assert entry.user == world.adviser


def test_the_adviser_accepts_the_draft_mapping_field_by_field() -> None:
    world = make_world()
    _answer(world)
    client = client_for(world.adviser)
    page = client.get(reverse("early:person", args=[world.person.pk])).content.decode()
    assert 'id="mapping-occupation"' in page and SECRET_ANSWER in page
    response = client.post(
        reverse("early:mapping_accept", args=[world.person.pk, "occupation"]),
        {"value": "Sveiser, skipsverft"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200 and 'id="accepted-occupation"' in response.content.decode()
    assert AcceptedMappingField.objects.get().value == "Sveiser, skipsverft"
    with pytest.raises(PermissionError):
        ops.mapping_accept(by=world.worker, person=world.person, key="occupation", value="x")


def test_export_carries_the_answers_and_retention_erases_them() -> None:
    world = make_world()
    _answer(world)
    case_pk = _settle(world)
    world.person.refresh_from_db()
    assert world.person.case is not None
    data = subject_data(world.person.case)
    answers = json.loads(data["data"]["early.QuestionnaireAnswers"][0]["answers"])
    assert answers["occupation"] == SECRET_ANSWER
    assert data["data"]["early.EarlyPerson"][0]["reception_centre"] == "Råde mottak"
    type(world.person.case).objects.filter(pk=case_pk).update(end_date=date(2010, 1, 1))
    retention_apply(years=5, today=date(2024, 8, 7))
    assert QuestionnaireAnswers.objects.get().answers == ""
    person = EarlyPerson.objects.get()
    assert (person.name, person.national_id, person.reception_centre) == ("", None, "")
    assert person.birth_date == date(1988, 1, 1)


def test_keys_rotate_and_old_values_stay_readable() -> None:
    world = make_world()
    _answer(world)
    assert crypto.decrypt(crypto.encrypt("x")) == "x"
    new_key = Fernet.generate_key().decode()
    with override_settings(INTROSAK_EARLY_KEYS=[new_key, *settings.INTROSAK_EARLY_KEYS]):
        before = _raw("early_questionnaireanswers", "answers")[0]
        out = io.StringIO()
        call_command("early_rotate_keys", stdout=out)
        assert "1 value(s)" in out.getvalue()
        after = _raw("early_questionnaireanswers", "answers")[0]
        assert after != before
        Fernet(new_key.encode()).decrypt(after.encode())
        with override_settings(INTROSAK_EARLY_KEYS=[new_key]):
            assert ops.answers_of(world.person)[0]["occupation"] == SECRET_ANSWER


def test_persons_never_settled_are_deleted_six_months_after_the_expected_date() -> None:
    world = make_world()
    _answer(world)
    other = ops.person_create(
        by=world.worker,
        data=person_input(name="Settled", national_id=make_synthetic_identity_number(BIRTH, 9)),
    )
    ops.person_settle(
        by=world.worker,
        person=other,
        data=ops.SettlementInput(
            settlement_date=date(2024, 9, 16),
            residence_basis="collective_protection",
            permit_date=date(2024, 5, 2),
            education_level="higher",
            settled_by_agreement=True,
            adviser=None,
        ),
    )
    expected = world.person.expected_settlement_date
    assert ops.unsettled_purge(today=expected + timedelta(days=180)) == 0
    out = io.StringIO()
    with override_settings(INTROSAK_AS_OF=expected + timedelta(days=200)):
        call_command("early_purge", stdout=out)
    assert "1 person(s)" in out.getvalue()
    assert list(EarlyPerson.objects.values_list("name", flat=True)) == ["Settled"]
    assert not QuestionnaireAnswers.objects.exists()
