"""Unguessable link tokens: 192 random bits, only their SHA-256 stored."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.conf import settings

TOKEN_BYTES = 24  # 192 bits (the issue asks for at least 128)


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


def client_key(address: str) -> str:
    """The client's address as a keyed hash (throttling rows hold no address)."""
    key = str(settings.INTROSAK_PSEUDONYM_KEY).encode()
    return hmac.new(key, b"early-link:" + address.encode(), hashlib.sha256).hexdigest()
