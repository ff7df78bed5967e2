from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest


def auth_options(request: HttpRequest) -> dict[str, Any]:
    """Whether the log-in page offers the municipality's identity provider."""
    return {
        "oidc_enabled": settings.INTROSAK_OIDC_ENABLED,
        "oidc_provider_name": settings.INTROSAK_OIDC_PROVIDER_NAME,
    }
