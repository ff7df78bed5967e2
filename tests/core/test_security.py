"""``core.security``: lower layers report security events without importing ``access``;
``access`` records them (``AccessConfig.ready`` connects its writer)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from introsak.access.models import SecurityEvent
from introsak.core import security
from introsak.core.security import SecurityEventKind, security_event


@pytest.mark.django_db
def test_security_event_from_a_lower_layer_is_written_to_the_security_log() -> None:
    security_event(event=SecurityEventKind.SESSION_EXPIRED, path="/cases/", detail="idle")
    row = SecurityEvent.objects.get()
    assert (row.event, row.user, row.path, row.detail) == (
        "session_expired",
        None,
        "/cases/",
        "idle",
    )


def test_security_event_without_a_recorder_refuses_instead_of_dropping_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(security, "_recorders", [])
    with pytest.raises(ImproperlyConfigured):
        security_event(event=SecurityEventKind.LOGIN_FAILED)
