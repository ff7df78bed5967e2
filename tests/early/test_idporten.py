"""ID-porten log-in to the participant's own view, with the provider's HTTP boundary stubbed
(recorded token and JWKS responses; no network): off unless configured, a matched ``pid``
opens only the person's own case, an unknown one gets the same answer as a missing link,
and every view is logged as the data subject's own access."""

from __future__ import annotations

import json
import time
from typing import Any
from urllib.parse import parse_qs, urlparse

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from django.test import Client, override_settings
from django.urls import reverse

from introsak.early.models import EarlyAccessAction, EarlyAccessEntry
from tests.early.test_answers import _settle
from tests.early.world import make_world

pytestmark = pytest.mark.django_db

CLIENT_ID = "introsak-deltaker"
IDPORTEN = {
    "INTROSAK_IDPORTEN_CLIENT_ID": CLIENT_ID,
    "INTROSAK_IDPORTEN_CLIENT_SECRET": "hemmelig",
    "INTROSAK_IDPORTEN_AUTHORIZATION_ENDPOINT": "https://idporten.test/authorize",
    "INTROSAK_IDPORTEN_TOKEN_ENDPOINT": "https://idporten.test/token",
    "INTROSAK_IDPORTEN_JWKS_ENDPOINT": "https://idporten.test/jwks.json",
}
KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
JWK = {**json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(KEY.public_key())), "kid": "k1"}


class _Response:
    def __init__(self, body: dict[str, Any]) -> None:
        self.body, self.status_code, self.url, self.text = body, 200, "", json.dumps(body)

    def json(self) -> dict[str, Any]:
        return self.body

    def raise_for_status(self) -> None:
        return None


def _provider(monkeypatch: pytest.MonkeyPatch, claims: dict[str, Any]) -> list[str]:
    """Stub the token and JWKS endpoints; the ID token carries ``claims`` and the nonce
    sent in the authorization request."""
    calls: list[str] = []

    def post(url: str, data: dict[str, Any], **_kwargs: Any) -> _Response:
        calls.append(url)
        assert data["code"] == "kode-1" and data["code_verifier"]
        token = jwt.encode(
            {
                "iss": "https://idporten.test/",
                "aud": CLIENT_ID,
                "exp": int(time.time()) + 120,
                "nonce": claims.pop("_nonce"),
                **claims,
            },
            KEY,
            algorithm="RS256",
            headers={"kid": "k1"},
        )
        return _Response({"access_token": "a", "id_token": token})

    def get(url: str, **_kwargs: Any) -> _Response:
        calls.append(url)
        return _Response({"keys": [JWK]})

    monkeypatch.setattr("mozilla_django_oidc.auth.requests.post", post)
    monkeypatch.setattr("mozilla_django_oidc.auth.requests.get", get)
    return calls


def _log_in(client: Client, claims: dict[str, Any]) -> Any:
    start = client.get(reverse("early:idporten_start"))
    assert start.status_code == 302
    query = parse_qs(urlparse(start["Location"]).query)
    assert query["client_id"] == [CLIENT_ID] and query["code_challenge_method"] == ["S256"]
    claims["_nonce"] = query["nonce"][0]
    return client.get(
        reverse("early:idporten_callback"), {"code": "kode-1", "state": query["state"][0]}
    )


def test_off_unless_configured() -> None:
    client = Client()
    missing = client.get(reverse("early:own_open", args=["ukjent-lenke"]))
    off = client.get(reverse("early:idporten_start"))
    assert off.status_code == 404 and off.content == missing.content


@override_settings(**IDPORTEN)
def test_the_pid_opens_only_the_persons_own_view_and_each_view_is_logged(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    world = make_world()
    case_pk = _settle(world)
    claims: dict[str, Any] = {"pid": world.person.national_id, "acr": "idporten-loa-substantial"}
    calls = _provider(monkeypatch, claims)
    client = Client()
    response = _log_in(client, claims)
    assert calls == [
        IDPORTEN["INTROSAK_IDPORTEN_TOKEN_ENDPOINT"],
        IDPORTEN["INTROSAK_IDPORTEN_JWKS_ENDPOINT"],
    ]
    assert response.status_code == 302 and response["Location"] == reverse("early:own_view")
    page = client.get(reverse("early:own_view"))
    assert page.status_code == 200 and "Olena" in page.content.decode()
    client.get(reverse("early:own_view"))
    entries = EarlyAccessEntry.objects.filter(action=EarlyAccessAction.OWN_VIEW)
    assert entries.count() == 2
    assert all(e.data_subject and e.user is None and e.case_id == case_pk for e in entries)


@override_settings(**IDPORTEN)
def test_an_unknown_pid_or_a_wrong_state_is_answered_as_a_missing_link(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    world = make_world()
    _settle(world)
    missing = Client().get(reverse("early:own_open", args=["ukjent-lenke"]))
    claims: dict[str, Any] = {"pid": "01017012345"}
    _provider(monkeypatch, claims)
    client = Client()
    unknown = _log_in(client, claims)
    assert unknown.status_code == 404 and unknown.content == missing.content
    assert client.get(reverse("early:own_view")).status_code == 404
    wrong_state = client.get(
        reverse("early:idporten_callback"), {"code": "kode-1", "state": "feil"}
    )
    assert wrong_state.status_code == 404 and wrong_state.content == missing.content
    assert not EarlyAccessEntry.objects.filter(action=EarlyAccessAction.OWN_VIEW).exists()
