"""Workspace tests run as of the demo date with a fast password hasher."""

from __future__ import annotations

from typing import Any

import pytest

from tests.workspace.builders import AS_OF, Staff, staff


@pytest.fixture(autouse=True)
def _workspace_settings(settings: Any) -> None:
    settings.INTROSAK_AS_OF = AS_OF
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def people(db: Any) -> Staff:
    return staff()
