"""Account administration is security-logged (issue 12, item 5): an administrator setting
another user's password, adding, changing or removing a two-factor device, or changing a
role, district, active flag or clearance writes a security-log row; in production an
administrator can only remove a device, never add one for someone else or see its secret."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from introsak.access.models import ProtectedPersonClearance, SecurityEvent
from introsak.accounts.models import User
from tests.access.personas import make_case
from tests.factories import district, user

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
NEW_PASSWORD = "a brand new passphrase 42"


@pytest.fixture
def admin_client() -> Client:
    client = Client()
    client.force_login(user("admin", "administrator", password=PASSWORD))
    return client


@pytest.fixture
def adviser() -> User:
    return user("radgiver", "programme_adviser", "st_hanshaugen", password=PASSWORD)


def _events() -> list[tuple[str, str, str]]:
    rows = SecurityEvent.objects.order_by("pk").values_list("event", "user__username", "detail")
    return [(event, who or "", detail) for event, who, detail in rows]


def _form_data(client: Client, url: str) -> dict[str, Any]:
    """The admin form's current values, as a browser would post them back."""
    form = client.get(url).context["adminform"].form
    data: dict[str, Any] = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if value is None or name == "password":
            continue
        if isinstance(value, bool):
            if value:
                data[name] = "on"
        elif isinstance(value, list | tuple):
            data[name] = [str(v) for v in value]
        else:
            shown = field.widget.format_value(value)
            data[name] = "" if shown is None else shown
    return data


def test_setting_another_users_password_is_logged(admin_client: Client, adviser: User) -> None:
    url = reverse("admin:auth_user_password_change", args=[adviser.pk])
    refused = admin_client.post(
        url, {"password1": NEW_PASSWORD, "password2": "something else entirely"}
    )
    assert refused.status_code == 200
    assert _events() == []
    saved = admin_client.post(
        url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "set_usable_password": "true"}
    )
    assert saved.status_code == 302
    adviser.refresh_from_db()
    assert adviser.check_password(NEW_PASSWORD)
    assert _events() == [("password_set", "admin", f"user {adviser.pk}")]


def test_creating_an_account_with_a_password_and_a_role_is_logged(admin_client: Client) -> None:
    response = admin_client.post(
        reverse("admin:accounts_user_add"),
        {
            "username": "ny.radgiver",
            "usable_password": "true",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
            "role": "programme_adviser",
            "district": district().pk,
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    created = User.objects.get(username="ny.radgiver")
    assert _events() == [
        (
            "role_changed",
            "admin",
            f"user {created.pk} role=programme_adviser district={district().pk} active=True",
        ),
        ("password_set", "admin", f"user {created.pk}"),
    ]


def test_deactivating_an_account_is_logged(admin_client: Client, adviser: User) -> None:
    url = reverse("admin:accounts_user_change", args=[adviser.pk])
    data = _form_data(admin_client, url)
    data.pop("is_active")
    assert admin_client.post(url, data).status_code == 302
    assert _events() == [
        (
            "role_changed",
            "admin",
            f"user {adviser.pk} role=programme_adviser district={adviser.district_id} active=False",
        )
    ]


def test_adding_changing_and_removing_a_device_is_logged_outside_production(
    admin_client: Client, adviser: User
) -> None:
    add = reverse("admin:otp_totp_totpdevice_add")
    data = _form_data(admin_client, add)
    data.update({"user": adviser.pk, "name": "telefon", "confirmed": "on"})
    assert admin_client.post(add, data).status_code == 302
    device = TOTPDevice.objects.get(user=adviser)
    change = reverse("admin:otp_totp_totpdevice_change", args=[device.pk])
    data = _form_data(admin_client, change)
    data["name"] = "ny telefon"
    assert admin_client.post(change, data).status_code == 302
    delete = reverse("admin:otp_totp_totpdevice_delete", args=[device.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 302
    detail = f"user {adviser.pk} device {device.pk}"
    assert _events() == [
        ("otp_device_added", "admin", detail),
        ("otp_device_changed", "admin", detail),
        ("otp_device_removed", "admin", detail),
    ]


def test_in_production_an_administrator_can_only_remove_a_device(
    admin_client: Client, adviser: User, settings: Any
) -> None:
    settings.PRODUCTION = True
    settings.OTP_ADMIN_HIDE_SENSITIVE_DATA = True
    device = TOTPDevice.objects.create(user=adviser, name="telefon", confirmed=True)
    add = reverse("admin:otp_totp_totpdevice_add")
    assert admin_client.get(add).status_code == 403
    posted = admin_client.post(add, {"user": adviser.pk, "name": "angriper", "key": "00" * 20})
    assert posted.status_code == 403
    change = reverse("admin:otp_totp_totpdevice_change", args=[device.pk])
    shown = admin_client.get(change)
    assert shown.status_code == 200
    assert device.key not in shown.content.decode()
    assert admin_client.post(change, {"name": "x", "key": "00" * 20}).status_code == 403
    config = reverse("admin:otp_totp_totpdevice_config", args=[device.pk])
    assert admin_client.get(config).status_code == 403
    changelist = reverse("admin:otp_totp_totpdevice_changelist")
    removed = admin_client.post(
        changelist, {"action": "delete_selected", "_selected_action": [device.pk], "post": "yes"}
    )
    assert removed.status_code == 302
    assert TOTPDevice.objects.count() == 1 - 1
    refused = [("denied_request", "")] * 4  # add (GET, POST), change (POST), config
    assert [(e, d) for e, _, d in _events()] == [
        *refused,
        ("otp_device_removed", f"user {adviser.pk} device {device.pk}"),
    ]


def test_clearances_given_and_removed_in_the_admin_are_logged(
    admin_client: Client, adviser: User
) -> None:
    case = make_case("S-1", slug="st_hanshaugen", grading="strictly_confidential")
    response = admin_client.post(
        reverse("admin:access_protectedpersonclearance_add"),
        {
            "user": adviser.pk,
            "case_number": "S-1",
            "justification": "Rådgiveren følger opp saken etter avtale med leder.",
        },
    )
    assert response.status_code == 302
    clearance = ProtectedPersonClearance.objects.get()
    delete = reverse("admin:access_protectedpersonclearance_delete", args=[clearance.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 302
    detail = f"user {adviser.pk} person {case.person_id}"
    assert _events() == [
        ("clearance_granted", "admin", detail),
        ("clearance_revoked", "admin", detail),
    ]
