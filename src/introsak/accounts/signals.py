"""Log-in events: stamp the session clocks, note MFA done by the identity provider, and write
failed log-ins and lockouts to the security log."""

from __future__ import annotations

from typing import Any

from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from introsak.accounts.client import client_ip
from introsak.accounts.domain.two_factor import MFA_BY_IDP_SESSION_KEY
from introsak.accounts.models import User
from introsak.core.middleware import stamp_login
from introsak.core.security import SecurityEventKind, security_event

OIDC_BACKEND = "introsak.accounts.oidc.IntrosakOIDCBackend"


def _client(request: HttpRequest | None) -> str:
    if request is None:
        return ""
    return f"ip={client_ip(request)}"


@receiver(user_logged_in)
def on_login(sender: Any, request: HttpRequest | None, user: User, **kwargs: Any) -> None:
    if request is None or not hasattr(request, "session"):
        return
    stamp_login(request)
    if getattr(user, "backend", "") == OIDC_BACKEND and settings.INTROSAK_OIDC_MFA_FROM_IDP:
        request.session[MFA_BY_IDP_SESSION_KEY] = True


@receiver(user_login_failed)
def on_login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    username = str(credentials.get("username", ""))[:60]
    security_event(
        event=SecurityEventKind.LOGIN_FAILED,
        path=request.path if request is not None else "",
        detail=f"username={username} {_client(request)}",
    )


@receiver(user_locked_out)
def on_locked_out(
    sender: Any,
    request: HttpRequest | None = None,
    username: str = "",
    ip_address: str = "",
    **kwargs: Any,
) -> None:
    security_event(
        event=SecurityEventKind.LOCKED_OUT,
        path=request.path if request is not None else "",
        detail=f"username={str(username)[:60]} ip={ip_address}",
    )
