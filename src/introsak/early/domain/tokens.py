"""Unguessable link tokens: 192 random bits, only their SHA-256 stored."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.conf import settings

from introsak.identity import contains_identity_number

TOKEN_BYTES = 24  # 192 bits (the issue asks for at least 128)


def new_token() -> str:
    """A new random token. One that happens to contain what looks like an identity number
    (11 digits with valid check digits; about 1 in 10^8) is drawn again, since the middleware
    refuses such addresses (``core.middleware.IdentityNumberInUrlMiddleware``)."""
    while True:
        token = secrets.token_urlsafe(TOKEN_BYTES)
        if not contains_identity_number(token):
            return token


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


def client_key(address: str) -> str:
    """The client's address as a keyed hash (throttling rows hold no address)."""
    key = str(settings.INTROSAK_PSEUDONYM_KEY).encode()
    return hmac.new(key, b"early-link:" + address.encode(), hashlib.sha256).hexdigest()
