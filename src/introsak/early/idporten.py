"""The participant's log-in to their own view through ID-porten (OpenID Connect).

Off unless every ``INTROSAK_IDPORTEN_*`` endpoint and the client are configured; the one-time
link stays the fallback. The flow is the authorization-code flow with state, nonce and PKCE;
the token exchange and the ID token's signature check (JWKS, RS256) are those of
``mozilla-django-oidc``'s backend, read from this client's own settings (not the staff
client's ``OIDC_*``). The ``pid`` claim (the national identity number) is matched to a case;
no ``User`` is made or logged in.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
import time
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from introsak.cases.models import ProgrammeCase

_SETTINGS = {
    "OIDC_OP_TOKEN_ENDPOINT": "INTROSAK_IDPORTEN_TOKEN_ENDPOINT",
    # not called: the claims come from the ID token
    "OIDC_OP_USER_ENDPOINT": "INTROSAK_IDPORTEN_TOKEN_ENDPOINT",
    "OIDC_OP_JWKS_ENDPOINT": "INTROSAK_IDPORTEN_JWKS_ENDPOINT",
    "OIDC_RP_CLIENT_ID": "INTROSAK_IDPORTEN_CLIENT_ID",
    "OIDC_RP_CLIENT_SECRET": "INTROSAK_IDPORTEN_CLIENT_SECRET",
}
REQUIRED = (
    "INTROSAK_IDPORTEN_CLIENT_ID",
    "INTROSAK_IDPORTEN_CLIENT_SECRET",
    "INTROSAK_IDPORTEN_AUTHORIZATION_ENDPOINT",
    "INTROSAK_IDPORTEN_TOKEN_ENDPOINT",
    "INTROSAK_IDPORTEN_JWKS_ENDPOINT",
)


def enabled() -> bool:
    return all(getattr(settings, name, "") for name in REQUIRED)


class IdPortenClient(OIDCAuthenticationBackend):  # type: ignore[misc]
    """Token exchange and signature check with the ID-porten client's settings."""

    @staticmethod
    def get_settings(attr: str, *args: Any) -> Any:
        if attr in _SETTINGS:
            return getattr(settings, _SETTINGS[attr])
        if attr == "OIDC_RP_SIGN_ALGO":
            return "RS256"
        if attr == "OIDC_TIMEOUT":
            return 10
        return args[0] if args else None


def _challenge(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).decode("ascii").rstrip("=")


def start(redirect_uri: str, language: str) -> tuple[str, dict[str, str]]:
    """The authorization URL and what the session must keep for the callback."""
    state = {
        "state": secrets.token_urlsafe(32),
        "nonce": secrets.token_urlsafe(32),
        "verifier": secrets.token_urlsafe(48),
    }
    query = urlencode(
        {
            "client_id": settings.INTROSAK_IDPORTEN_CLIENT_ID,
            "response_type": "code",
            "scope": "openid",
            "redirect_uri": redirect_uri,
            "state": state["state"],
            "nonce": state["nonce"],
            "acr_values": settings.INTROSAK_IDPORTEN_ACR,
            "ui_locales": language,
            "code_challenge": _challenge(state["verifier"]),
            "code_challenge_method": "S256",
        }
    )
    return f"{settings.INTROSAK_IDPORTEN_AUTHORIZATION_ENDPOINT}?{query}", state


def identity_number(*, code: str, redirect_uri: str, kept: dict[str, str]) -> str:
    """Exchange the code and verify the ID token; its ``pid``. Raises
    ``SuspiciousOperation`` when the token is not for this client, expired or lacks ``pid``."""
    client = IdPortenClient()
    tokens = client.get_token(
        {
            "client_id": settings.INTROSAK_IDPORTEN_CLIENT_ID,
            "client_secret": settings.INTROSAK_IDPORTEN_CLIENT_SECRET,
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": redirect_uri,
            "code_verifier": kept["verifier"],
        }
    )
    payload = client.verify_token(tokens.get("id_token", ""), nonce=kept["nonce"])
    audience = payload.get("aud")
    audiences = audience if isinstance(audience, list) else [audience]
    if settings.INTROSAK_IDPORTEN_CLIENT_ID not in audiences:
        raise SuspiciousOperation("ID token for another client")
    if float(payload.get("exp", 0)) < time.time():
        raise SuspiciousOperation("ID token expired")
    pid = payload.get("pid")
    if not isinstance(pid, str) or not pid:
        raise SuspiciousOperation("ID token without pid")
    return pid


def case_of(pid: str) -> ProgrammeCase | None:
    """The one case of the person with this identity number (none if unknown or ambiguous)."""
    cases = list(ProgrammeCase.objects.filter(person__national_id=pid)[:2])
    return cases[0] if len(cases) == 1 else None
