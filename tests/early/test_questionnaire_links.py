"""Questionnaire links: unguessable tokens stored only as hashes, expiry, revocation,
throttling, logged openings; a link that does not open looks exactly like a missing one."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from introsak.early.domain import operations as ops
from introsak.early.domain.tokens import token_hash
from introsak.early.models import EarlyAccessEntry, LinkAttempt, QuestionnaireLink
from tests.early.world import client_for, make_world

pytestmark = pytest.mark.django_db


def _open(client: Client, token: str):  # type: ignore[no-untyped-def]
    return client.get(reverse("early:open", args=[token]))


def test_a_token_has_at_least_128_bits_and_only_its_hash_is_stored() -> None:
    world = make_world()
    token = ops.link_issue(by=world.worker, person=world.person)
    assert len(token) >= 22  # base64: 6 bits a character, so ≥ 132 bits
    link = QuestionnaireLink.objects.get()
    assert link.token_hash == token_hash(token) and token not in link.token_hash
    assert ops.link_issue(by=world.worker, person=world.person) != token


def test_opening_a_link_starts_the_questionnaire_counts_and_logs_it() -> None:
    world = make_world()
    token = ops.link_issue(by=world.worker, person=world.person)
    client = Client()
    response = _open(client, token)
    assert response.status_code == 302 and response["Location"] == reverse("early:questionnaire")
    page = client.get(reverse("early:questionnaire"))
    assert page.status_code == 200
    assert 'lang="uk"' in page.content.decode()
    link = QuestionnaireLink.objects.get()
    assert link.opened_count == 1 and link.last_opened_at is not None
    entry = EarlyAccessEntry.objects.get(action="link_opened")
    assert entry.data_subject and entry.user is None and entry.early_person_id == world.person.pk


def test_wrong_expired_revoked_and_missing_tokens_get_the_same_response() -> None:
    world = make_world()
    expired = ops.link_issue(by=world.worker, person=world.person)
    QuestionnaireLink.objects.filter(token_hash=token_hash(expired)).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    revoked = ops.link_issue(by=world.worker, person=world.person)
    ops.link_revoke(
        by=world.worker, link=QuestionnaireLink.objects.get(token_hash=token_hash(revoked))
    )
    valid = ops.link_issue(by=world.worker, person=world.person)
    wrong = valid[:-2] + ("AA" if valid[-2:] != "AA" else "BB")
    missing = "x" * len(valid)
    responses = [_open(Client(), token) for token in (expired, revoked, wrong, missing)]
    assert {r.status_code for r in responses} == {404}
    assert len({r.content for r in responses}) == 1
    assert len({tuple(sorted(r.headers.items())) for r in responses}) == 1
    page = responses[0].content.decode()
    assert "Посилання не працює" in page and 'lang="ar" dir="rtl"' in page  # every language
    assert not EarlyAccessEntry.objects.filter(action="link_opened").exists()


def test_too_many_failed_attempts_are_throttled_even_for_a_valid_token() -> None:
    world = make_world()
    valid = ops.link_issue(by=world.worker, person=world.person)
    client = Client()
    for n in range(ops.THROTTLE_ATTEMPTS):
        assert _open(client, f"guess-{n}-{'x' * 24}").status_code == 404
    assert LinkAttempt.objects.count() == ops.THROTTLE_ATTEMPTS
    throttled = _open(client, valid)
    assert throttled.status_code == 429
    assert throttled["Retry-After"] == "900"
    assert QuestionnaireLink.objects.get().opened_count == 0
    # another client is not affected
    other = Client(REMOTE_ADDR="192.0.2.55")
    assert _open(other, valid).status_code == 302


def test_withdrawn_consent_closes_every_link() -> None:
    world = make_world()
    token = ops.link_issue(by=world.worker, person=world.person)
    ops.consent_withdraw(by=world.worker, person=world.person)
    assert _open(Client(), token).status_code == 404


def test_the_letter_has_a_server_made_qr_code_in_the_persons_language() -> None:
    world = make_world(language="ar")
    response = client_for(world.worker).post(reverse("early:link_create", args=[world.person.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'lang="ar" dir="rtl"' in html
    assert 'src="data:image/svg+xml' in html
    assert "/early/q/" in html
    assert EarlyAccessEntry.objects.filter(action="letter_made", user=world.worker).exists()


def test_only_the_persons_own_staff_make_letters() -> None:
    world = make_world()
    with pytest.raises(PermissionError):
        ops.link_issue(by=world.other_worker, person=world.person)
    response = client_for(world.foreign_worker).post(
        reverse("early:link_create", args=[world.person.pk])
    )
    assert response.status_code == 404


def test_a_token_never_looks_like_an_identity_number(monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import date

    from introsak.early.domain import tokens
    from introsak.identity import contains_identity_number, make_synthetic_identity_number

    looks_like = "abc" + make_synthetic_identity_number(date(1990, 1, 1), 1) + "xyz" * 5
    assert contains_identity_number(looks_like)
    drawn = iter([looks_like, "A" * 32])
    monkeypatch.setattr("introsak.early.domain.tokens.secrets.token_urlsafe", lambda n: next(drawn))
    assert tokens.new_token() == "A" * 32
