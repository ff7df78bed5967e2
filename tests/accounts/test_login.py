"""Log-in: argon2 hashes, throttling of failed log-ins with the security log, administrators
who cannot raise their own access, and the OpenID Connect backend's rules."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.hashers import identify_hasher
from django.core.exceptions import SuspiciousOperation
from django.test import Client
from django.urls import reverse

from introsak.access.models import SecurityEvent
from introsak.accounts.models import User
from introsak.accounts.oidc import IntrosakOIDCBackend, asserts_mfa
from tests.factories import user

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


def _login(client: Client, password: str, username: str = "radgiver") -> Any:
    return client.post(reverse("login"), {"username": username, "password": password})


def test_passwords_are_hashed_with_argon2() -> None:
    account = user("radgiver", "programme_adviser", "st_hanshaugen", password=PASSWORD)
    assert identify_hasher(account.password).algorithm == "argon2"
    assert account.password.startswith("argon2$argon2id$")


def test_lockout_after_the_failure_limit_with_security_log(settings) -> None:  # type: ignore[no-untyped-def]
    settings.AXES_FAILURE_LIMIT = 3
    user("radgiver", "programme_adviser", "st_hanshaugen", password=PASSWORD)
    client = Client()
    statuses = [_login(client, "wrong password").status_code for _ in range(3)]
    locked = _login(client, PASSWORD)  # even the right password is refused now
    assert (statuses, locked.status_code) == ([200, 200, 429], 429)
    assert 'id="locked-out"' in locked.content.decode()
    events = list(SecurityEvent.objects.order_by("id").values_list("event", flat=True))
    # axes reports the lockout before the failure that caused it; the attempt made while
    # locked out is refused and logged as well
    assert events == [
        "login_failed",
        "login_failed",
        "locked_out",
        "login_failed",
        "locked_out",
        "login_failed",
    ]
    assert "_auth_user_id" not in client.session


def test_successful_login_resets_the_failure_count(settings) -> None:  # type: ignore[no-untyped-def]
    settings.AXES_FAILURE_LIMIT = 3
    user("radgiver", "programme_adviser", "st_hanshaugen", password=PASSWORD)
    client = Client()
    _login(client, "wrong password")
    _login(client, "wrong password")
    assert _login(client, PASSWORD).status_code == 302
    client.post(reverse("logout"))
    assert [_login(client, "wrong password").status_code for _ in range(2)] == [200, 200]


def test_failed_login_with_an_identity_number_as_user_name_is_logged_masked() -> None:
    _login(Client(), "whatever", username="17059012345")
    assert list(SecurityEvent.objects.values_list("event", "detail")) == [
        ("login_failed", "username=*********** ip=127.0.0.1")
    ]


def test_new_user_without_role_logs_in_but_reaches_nothing() -> None:
    user("ny", "", password=PASSWORD)
    client = Client()
    assert _login(client, PASSWORD, username="ny").status_code == 302
    statuses = [
        client.get(url).status_code
        for url in (
            reverse("workspace:worklist"),
            reverse("stats:dashboard"),
            reverse("audits:list"),
            reverse("access:reports"),
        )
    ]
    assert statuses == [403, 403, 403, 403]
    assert client.get(reverse("admin:index")).status_code == 302


def test_administrator_cannot_change_own_role_and_role_changes_are_logged() -> None:
    admin = user("admin", "administrator", password=PASSWORD)
    adviser = user("radgiver", "programme_adviser", "st_hanshaugen", password=PASSWORD)
    client = Client()
    client.force_login(admin)
    own = client.get(reverse("admin:accounts_user_change", args=[admin.pk])).content.decode()
    assert 'name="role"' not in own
    other = client.get(reverse("admin:accounts_user_change", args=[adviser.pk]))
    form = other.context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k != "password"}
    data.update(
        {
            "role": "team_coordinator",
            "district": adviser.district_id,
            "is_active": "on",
            "date_joined_0": "2024-01-01",
            "date_joined_1": "10:00:00",
        }
    )
    response = client.post(reverse("admin:accounts_user_change", args=[adviser.pk]), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert User.objects.get(pk=adviser.pk).role == "team_coordinator"
    assert list(SecurityEvent.objects.values_list("event", "user__username")) == [
        ("role_changed", "admin")
    ]


def test_users_are_never_deleted_in_the_admin() -> None:
    admin = user("admin", "administrator", password=PASSWORD)
    adviser = user("radgiver", "programme_adviser", "st_hanshaugen", password=PASSWORD)
    client = Client()
    client.force_login(admin)
    assert client.get(reverse("admin:accounts_user_delete", args=[adviser.pk])).status_code == 403


# --- OpenID Connect -----------------------------------------------------------------------


@pytest.fixture
def oidc(settings) -> IntrosakOIDCBackend:  # type: ignore[no-untyped-def]
    settings.OIDC_OP_TOKEN_ENDPOINT = "https://idp.example/token"
    settings.OIDC_OP_USER_ENDPOINT = "https://idp.example/userinfo"
    settings.OIDC_OP_JWKS_ENDPOINT = "https://idp.example/jwks"
    settings.OIDC_RP_CLIENT_ID = "introsak"
    settings.OIDC_RP_CLIENT_SECRET = "secret"
    settings.OIDC_RP_SIGN_ALGO = "RS256"
    return IntrosakOIDCBackend()


def test_oidc_matches_only_existing_active_users(oidc: IntrosakOIDCBackend) -> None:
    user("kari.nordmann", "programme_adviser", "st_hanshaugen")
    gone = user("ola.nordmann", "programme_adviser", "st_hanshaugen")
    gone.is_active = False
    gone.save()
    found = {
        name: [u.username for u in oidc.filter_users_by_claims({"preferred_username": name})]
        for name in ("Kari.Nordmann", "ola.nordmann", "ny")
    }
    assert found == {"Kari.Nordmann": ["kari.nordmann"], "ola.nordmann": [], "ny": []}
    oidc.create_user({"preferred_username": "ny"})
    assert not User.objects.filter(username="ny").exists()


def test_oidc_requires_a_second_factor_in_the_id_token(
    oidc: IntrosakOIDCBackend, monkeypatch: pytest.MonkeyPatch
) -> None:
    user("kari.nordmann", "programme_adviser", "st_hanshaugen")
    monkeypatch.setattr(oidc, "get_userinfo", lambda *a: {"preferred_username": "kari.nordmann"})
    with pytest.raises(SuspiciousOperation):
        oidc.get_or_create_user("access", "id", {"amr": ["pwd"]})
    found = oidc.get_or_create_user("access", "id", {"amr": ["pwd", "mfa"]})
    assert found is not None
    assert found.username == "kari.nordmann"


@pytest.mark.parametrize(
    ("amr", "mfa"),
    [(None, False), (["pwd"], False), ("otp", True), (["pwd", "hwk"], True), (["MFA"], True)],
)
def test_mfa_methods_from_rfc_8176(amr: Any, mfa: bool) -> None:
    assert asserts_mfa({} if amr is None else {"amr": amr}) is mfa


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "203.0.113.9", "10.0.0.1"),
        (1, "203.0.113.9", "203.0.113.9"),
        (1, "198.51.100.7, 203.0.113.9", "203.0.113.9"),  # a forged left entry is ignored
        (2, "203.0.113.9", "10.0.0.1"),  # fewer entries than proxies: not trusted
    ],
)
def test_client_address_behind_trusted_proxies(
    settings: Any, proxies: int, forwarded: str, expected: str
) -> None:
    from django.test import RequestFactory

    from introsak.accounts.client import client_ip

    settings.INTROSAK_TRUSTED_PROXIES = proxies
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected
