"""Placements tests run as of the demo date with a fast password hasher."""

from __future__ import annotations

from typing import Any

import pytest

from tests.placements.builders import AS_OF


@pytest.fixture(autouse=True)
def _placements_settings(settings: Any) -> None:
    settings.INTROSAK_AS_OF = AS_OF
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
