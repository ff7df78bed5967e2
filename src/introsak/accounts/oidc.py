"""Log-in through the municipality's identity provider (OpenID Connect), optional.

Turned on with ``INTROSAK_OIDC_ENABLED=true`` and the ``OIDC_*`` variables (docs/security.md).
The identity provider proves who the user is; Introsak still decides what they may do:

* only existing, active Introsak users can log in (no account is created from a token), matched
  on the claim ``INTROSAK_OIDC_USERNAME_CLAIM`` (default ``preferred_username``) against the
  user name, so a new employee still starts with no role and no access;
* with ``INTROSAK_OIDC_REQUIRE_MFA`` (default on) the ID token's ``amr`` claim must show a
  second factor (RFC 8176 values such as ``mfa``, ``otp``, ``hwk``); such a session then counts
  as two-factor verified and Introsak does not ask for its own TOTP code.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.db.models import QuerySet
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from introsak.accounts.models import User

# RFC 8176 authentication method references that include a second factor.
MFA_METHODS = frozenset({"mfa", "otp", "hwk", "swk", "sms", "tel", "fpt", "face", "iris", "sc"})


def asserts_mfa(id_token_payload: dict[str, Any]) -> bool:
    methods = id_token_payload.get("amr") or []
    if isinstance(methods, str):
        methods = [methods]
    return bool(MFA_METHODS & {str(m).lower() for m in methods})


class IntrosakOIDCBackend(OIDCAuthenticationBackend):  # type: ignore[misc]
    def filter_users_by_claims(self, claims: dict[str, Any]) -> QuerySet[User]:
        username = claims.get(settings.INTROSAK_OIDC_USERNAME_CLAIM)
        if not username:
            return User.objects.none()
        return User.objects.filter(username__iexact=str(username), is_active=True)

    def verify_claims(self, claims: dict[str, Any]) -> bool:
        return bool(claims.get(settings.INTROSAK_OIDC_USERNAME_CLAIM))

    def create_user(self, claims: dict[str, Any]) -> None:
        return None  # accounts are created by an administrator, never from a token

    def get_or_create_user(
        self, access_token: str, id_token: str, payload: dict[str, Any]
    ) -> User | None:
        if settings.INTROSAK_OIDC_REQUIRE_MFA and not asserts_mfa(payload):
            raise SuspiciousOperation("the identity provider did not assert a second factor")
        user: User | None = super().get_or_create_user(access_token, id_token, payload)
        return user
