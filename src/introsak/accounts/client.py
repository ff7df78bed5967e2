"""The client's address, for log-in throttling and the security log.

Behind ``INTROSAK_TRUSTED_PROXIES`` reverse proxies (default 0: none) the client's address is
the one that many places from the right in ``X-Forwarded-For``; otherwise ``REMOTE_ADDR``.
A forged header cannot move the address past the trusted proxies.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    proxies: int = settings.INTROSAK_TRUSTED_PROXIES
    remote = str(request.META.get("REMOTE_ADDR", ""))
    if proxies <= 0:
        return remote
    forwarded = [
        part.strip()
        for part in str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",")
        if part.strip()
    ]
    if len(forwarded) < proxies:
        return remote
    return forwarded[-proxies]
