"""Two-factor log-in (TOTP): with INTROSAK_REQUIRE_2FA on, a password opens only enrolment or
verification; the QR code is server-side SVG; wrong codes are logged."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from introsak.access.models import SecurityEvent
from tests.factories import user

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def two_factor_on(settings) -> None:  # type: ignore[no-untyped-def]
    settings.INTROSAK_REQUIRE_2FA = True


def _code(device: TOTPDevice) -> str:
    """The device's current code, as the authenticator app shows it."""
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    return f"{code:06d}"


def _logged_in(username: str = "radgiver") -> Client:
    user(username, "programme_adviser", "st_hanshaugen", password=PASSWORD)
    client = Client()
    response = client.post(reverse("login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def test_password_alone_leads_to_enrolment_and_opens_nothing() -> None:
    client = _logged_in()
    response = client.get(reverse("workspace:worklist"))
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:otp_setup") + "?next=%2Fcases%2F"
    assert client.get(reverse("access:reports")).status_code == 302


def test_enrolment_shows_server_side_svg_and_confirms_with_a_code() -> None:
    client = _logged_in()
    page = client.get(reverse("accounts:otp_setup"))
    html = page.content.decode()
    assert re.search(r'<svg [^>]*role="img"', html)
    assert "<script" not in html.split("<main", 1)[1]
    device = TOTPDevice.objects.get(confirmed=False)
    response = client.post(
        reverse("accounts:otp_setup"), {"token": _code(device), "next": "/cases/"}
    )
    assert (response.status_code, response["Location"]) == (302, "/cases/")
    assert TOTPDevice.objects.get().confirmed is True
    assert client.get(reverse("workspace:worklist")).status_code == 200
    assert list(SecurityEvent.objects.values_list("event", flat=True)) == ["otp_enrolled"]


def test_user_with_a_device_must_verify_and_cannot_enrol_another() -> None:
    account = user("radgiver", "programme_adviser", "st_hanshaugen", password=PASSWORD)
    device = TOTPDevice.objects.create(user=account, name="phone", confirmed=True)
    client = Client()
    client.post(reverse("login"), {"username": "radgiver", "password": PASSWORD})
    assert client.get(reverse("workspace:worklist"))["Location"].startswith(
        reverse("accounts:otp_verify")
    )
    assert client.get(reverse("accounts:otp_setup"))["Location"].startswith(
        reverse("accounts:otp_verify")
    )
    assert TOTPDevice.objects.count() == 1
    wrong = client.post(reverse("accounts:otp_verify"), {"token": "000000"})
    assert wrong.status_code == 200
    assert list(SecurityEvent.objects.values_list("event", flat=True)) == ["otp_failed"]
    device.refresh_from_db()
    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    device.save()
    right = client.post(reverse("accounts:otp_verify"), {"token": _code(device)})
    assert right.status_code == 302
    assert client.get(reverse("workspace:worklist")).status_code == 200


def test_open_redirect_through_next_is_refused() -> None:
    client = _logged_in()
    device_page = client.get(reverse("accounts:otp_setup"))
    assert device_page.status_code == 200
    device = TOTPDevice.objects.get()
    response = client.post(
        reverse("accounts:otp_setup"), {"token": _code(device), "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("home")


def test_two_factor_off_lets_a_password_log_in(settings) -> None:  # type: ignore[no-untyped-def]
    settings.INTROSAK_REQUIRE_2FA = False
    client = _logged_in()
    assert client.get(reverse("workspace:worklist")).status_code == 200


def test_codes_are_throttled_by_django_otp() -> None:
    account = user("radgiver", "programme_adviser", "st_hanshaugen", password=PASSWORD)
    device = TOTPDevice.objects.create(user=account, name="phone", confirmed=True)
    client = Client()
    client.post(reverse("login"), {"username": "radgiver", "password": PASSWORD})
    for _ in range(3):
        client.post(reverse("accounts:otp_verify"), {"token": "000000"})
    # right after three failures even the right code is refused (growing delay)
    client.post(reverse("accounts:otp_verify"), {"token": _code(device)})
    assert client.get(reverse("workspace:worklist")).status_code == 302
