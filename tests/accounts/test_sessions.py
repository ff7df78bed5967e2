"""Sessions end after 30 minutes without a request and 12 hours after log-in."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from introsak.access.models import SecurityEvent
from introsak.core.middleware import AUTH_AT, SEEN_AT
from tests.factories import user

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
START = datetime(2024, 10, 15, 8, 0, tzinfo=UTC)


def _logged_in() -> Client:
    user("radgiver", "programme_adviser", "st_hanshaugen", password=PASSWORD)
    client = Client()
    assert (
        client.post(reverse("login"), {"username": "radgiver", "password": PASSWORD}).status_code
        == 302
    )
    return client


def _shift(client: Client, **seconds_ago: float) -> None:
    """Move the session's clocks back (``auth`` and ``seen`` seconds ago)."""
    session = client.session
    now = datetime.now(UTC).timestamp()
    if "auth" in seconds_ago:
        session[AUTH_AT] = now - seconds_ago["auth"]
    if "seen" in seconds_ago:
        session[SEEN_AT] = now - seconds_ago["seen"]
    session.save()


def test_login_stamps_both_clocks() -> None:
    client = _logged_in()
    assert client.session[AUTH_AT] == client.session[SEEN_AT]


def test_idle_for_29_minutes_keeps_the_session() -> None:
    client = _logged_in()
    _shift(client, seen=29 * 60)
    assert client.get(reverse("workspace:worklist")).status_code == 200


def test_idle_for_31_minutes_logs_out() -> None:
    client = _logged_in()
    _shift(client, seen=31 * 60)
    response = client.get(reverse("workspace:worklist"))
    assert (response.status_code, response["Location"]) == (302, "/login/?next=/cases/")
    assert client.get(reverse("workspace:worklist")).status_code == 302
    assert list(SecurityEvent.objects.values_list("event", "detail")) == [
        ("session_expired", "idle")
    ]


def test_active_for_more_than_12_hours_logs_out() -> None:
    client = _logged_in()
    _shift(client, auth=12 * 3600 + 1, seen=10)
    assert client.get(reverse("workspace:worklist")).status_code == 302
    assert list(SecurityEvent.objects.values_list("detail", flat=True)) == ["absolute"]


def test_activity_moves_the_idle_clock_with_a_frozen_clock() -> None:
    user("radgiver", "programme_adviser", "st_hanshaugen", password=PASSWORD)
    client = Client()
    with time_machine.travel(START, tick=False) as clock:
        client.post(reverse("login"), {"username": "radgiver", "password": PASSWORD})
        for _ in range(3):  # a request every 20 minutes keeps the session for an hour
            clock.shift(timedelta(minutes=20))
            assert client.get(reverse("workspace:worklist")).status_code == 200
        clock.shift(timedelta(minutes=31))
        assert client.get(reverse("workspace:worklist")).status_code == 302


def test_htmx_request_after_timeout_gets_a_full_page_redirect() -> None:
    client = _logged_in()
    _shift(client, seen=31 * 60)
    response = client.get(reverse("workspace:worklist"), headers={"HX-Request": "true"})
    assert response["HX-Redirect"] == "/login/?next=/cases/"


def test_logout_is_post_only_and_ends_the_session() -> None:
    client = _logged_in()
    assert client.get(reverse("logout")).status_code == 405
    client.post(reverse("logout"))
    assert client.get(reverse("workspace:worklist")).status_code == 302


def test_a_pages_images_neither_keep_the_session_alive_nor_write_it() -> None:
    client = _logged_in()
    _shift(client, seen=20 * 60)
    before = client.session[SEEN_AT]
    image = client.get(reverse("workspace:help"), headers={"Sec-Fetch-Dest": "image"})
    assert image.status_code == 200
    assert client.session[SEEN_AT] == before
    page = client.get(reverse("workspace:help"), headers={"Sec-Fetch-Dest": "document"})
    assert page.status_code == 200
    assert client.session[SEEN_AT] > before
