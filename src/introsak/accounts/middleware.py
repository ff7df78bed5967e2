"""Two-factor enforcement: a password alone opens nothing but the two-factor pages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from introsak.accounts.domain.two_factor import (
    has_confirmed_device,
    is_two_factor_satisfied,
    two_factor_required,
)

# Views a logged-in user may reach before giving a code.
EXEMPT_VIEWS = frozenset(
    {
        "accounts:otp_setup",
        "accounts:otp_verify",
        "logout",
        "login",
        "set_language",
        "health",
        "oidc_authentication_callback",
        "oidc_authentication_init",
        "oidc_logout",
    }
)


class RequireTwoFactorMiddleware:
    """With ``INTROSAK_REQUIRE_2FA``, send a user who has not given a code (or whose
    identity provider did not assert MFA) to enrolment or verification."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        if not two_factor_required() or not request.user.is_authenticated:
            return None
        match = request.resolver_match
        if match is not None and match.view_name in EXEMPT_VIEWS:
            return None
        if is_two_factor_satisfied(request):
            return None
        target = (
            "accounts:otp_verify" if has_confirmed_device(request.user) else "accounts:otp_setup"
        )
        next_url = request.get_full_path() if request.method == "GET" else reverse("home")
        return HttpResponseRedirect(f"{reverse(target)}?{urlencode({'next': next_url})}")
