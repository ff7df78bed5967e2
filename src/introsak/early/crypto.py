"""Field-level encryption of the questionnaire answers (``cryptography``'s Fernet).

The keys come from ``settings.INTROSAK_EARLY_KEYS`` (environment ``INTROSAK_EARLY_KEYS``: one
or more Fernet keys separated by commas, the first one encrypting). Every key in the list
decrypts, so a key is rotated by putting a new key first, running
``introsak early-rotate-keys`` (re-encrypts every stored value with the first key) and then
removing the old key (docs/early-contact.md, "Encryption").

``EncryptedTextField`` encrypts on the way into the database and decrypts on the way out;
the database (and every backup of it) only ever holds Fernet tokens. The empty string is
stored as it is, so that retention can erase a value like any other text field.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.db import models


class UndecryptableValue(RuntimeError):
    """A stored value that no configured key decrypts (a key was removed too early)."""


@cache
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(key.encode("ascii")) for key in keys])


def fernet() -> MultiFernet:
    keys: list[str] = settings.INTROSAK_EARLY_KEYS
    return _fernet(tuple(keys))


def encrypt(text: str) -> str:
    return fernet().encrypt(text.encode("utf-8")).decode("ascii")


def decrypt(token: str) -> str:
    try:
        return fernet().decrypt(token.encode("ascii")).decode("utf-8")
    except InvalidToken as error:
        raise UndecryptableValue("no configured key decrypts this value") from error


def rotate(token: str) -> str:
    """The same value encrypted with the first (current) key."""
    return fernet().rotate(token.encode("ascii")).decode("ascii")


class EncryptedTextField(models.TextField):  # type: ignore[type-arg]
    """A text field stored as a Fernet token (the empty string stays empty)."""

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if value is None or value == "":
            return value
        return decrypt(str(value))

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return encrypt(str(value))
