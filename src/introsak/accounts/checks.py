"""System checks for the security settings (``manage.py check --deploy``).

Production must pass ``check --deploy --fail-level WARNING``; these checks make that mean
two-factor log-in is on, every log handler masks identity numbers and the
Content-Security-Policy allows no inline or evaluated script or style.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

MASK_FILTER = "introsak.core.logging.MaskIdentityNumbersFilter"
UNSAFE_SOURCES = ("'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "*")


@register(Tags.security, deploy=True)
def check_two_factor(app_configs: Any, **kwargs: Any) -> list[Warning]:
    if settings.INTROSAK_REQUIRE_2FA:
        return []
    return [
        Warning(
            "Two-factor log-in is off (INTROSAK_REQUIRE_2FA=false).",
            hint="Staff accounts must use TOTP or an identity provider with MFA.",
            id="introsak.W001",
        )
    ]


@register(Tags.security)
def check_log_masking(app_configs: Any, **kwargs: Any) -> list[Warning]:
    logging_config: dict[str, Any] = settings.LOGGING or {}
    filters = {
        name
        for name, spec in logging_config.get("filters", {}).items()
        if spec.get("()") == MASK_FILTER
    }
    unmasked = [
        name
        for name, spec in logging_config.get("handlers", {}).items()
        if not filters & set(spec.get("filters", []))
    ]
    if not unmasked:
        return []
    return [
        Warning(
            f"Log handlers without identity-number masking: {', '.join(unmasked)}.",
            hint=f"Add a filter with '()': '{MASK_FILTER}' to every handler.",
            id="introsak.W002",
        )
    ]


@register(Tags.security)
def check_csp_strict(app_configs: Any, **kwargs: Any) -> list[Error]:
    directives = settings.CONTENT_SECURITY_POLICY.get("DIRECTIVES", {})
    loose = sorted(
        name
        for name, sources in directives.items()
        if any(source in UNSAFE_SOURCES for source in sources)
    )
    if not loose:
        return []
    return [
        Error(
            f"Content-Security-Policy is not strict: {', '.join(loose)}.",
            hint="No unsafe-inline, unsafe-eval, unsafe-hashes or * sources.",
            id="introsak.E001",
        )
    ]
