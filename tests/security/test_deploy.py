"""Production settings pass Django's deployment checks with warnings as failures, and set
every cookie and transport flag."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "INTROSAK_ENV": "production",
    "DJANGO_SECRET_KEY": "p" * 20 + "-deploy-check-key-" + "qR7vX2mZ9kL4nB8wT1yH5jC3fD6gS0aE",
    "INTROSAK_PSEUDONYM_KEY": "deploy-check-pseudonym-key-0123456789",
    "INTROSAK_EARLY_KEYS": "ZGVwbG95LWNoZWNrLWVhcmx5LWtleS0wMTIzNDU2Nzg=",
    "DJANGO_ALLOWED_HOSTS": "introsak.oslo.kommune.no",
}


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "INTROSAK_", "DATABASE_URL", "OIDC_"))
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


def test_production_passes_check_deploy_with_warnings_as_failures() -> None:
    result = _run(["check", "--deploy", "--fail-level", "WARNING"], PRODUCTION)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == "System check identified no issues (0 silenced).\n"


def test_production_with_two_factor_off_fails_the_deploy_check() -> None:
    result = _run(
        ["check", "--deploy", "--fail-level", "WARNING"],
        {**PRODUCTION, "INTROSAK_REQUIRE_2FA": "false"},
    )
    assert result.returncode == 1
    assert "introsak.W001" in result.stderr


def test_production_with_oidc_passes_and_refuses_an_incomplete_configuration() -> None:
    oidc = {
        "INTROSAK_OIDC_ENABLED": "true",
        "OIDC_RP_CLIENT_ID": "introsak",
        "OIDC_RP_CLIENT_SECRET": "s3cret",
        "OIDC_OP_AUTHORIZATION_ENDPOINT": "https://login.oslo.kommune.no/authorize",
        "OIDC_OP_TOKEN_ENDPOINT": "https://login.oslo.kommune.no/token",
        "OIDC_OP_USER_ENDPOINT": "https://login.oslo.kommune.no/userinfo",
        "OIDC_OP_JWKS_ENDPOINT": "https://login.oslo.kommune.no/jwks",
    }
    ok = _run(["check", "--deploy", "--fail-level", "WARNING"], {**PRODUCTION, **oidc})
    assert ok.returncode == 0, ok.stderr
    incomplete = _run(["check"], {**PRODUCTION, **oidc, "OIDC_OP_JWKS_ENDPOINT": ""})
    assert incomplete.returncode == 1
    assert "INTROSAK_OIDC_ENABLED needs OIDC_OP_JWKS_ENDPOINT" in incomplete.stderr


SETTINGS_DUMP = """
import json
from django.conf import settings
print(json.dumps({name: getattr(settings, name) for name in (
    "DEBUG", "SESSION_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY", "SESSION_COOKIE_SAMESITE",
    "SESSION_COOKIE_NAME", "CSRF_COOKIE_SECURE", "CSRF_COOKIE_HTTPONLY", "CSRF_COOKIE_NAME",
    "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_CONTENT_TYPE_NOSNIFF", "X_FRAME_OPTIONS", "SESSION_COOKIE_AGE",
    "SESSION_IDLE_TIMEOUT", "SESSION_ABSOLUTE_TIMEOUT", "INTROSAK_REQUIRE_2FA")}))
"""


def test_production_cookie_and_transport_flags() -> None:
    result = _run(["shell", "-c", SETTINGS_DUMP], PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == {
        "DEBUG": False,
        "SESSION_COOKIE_SECURE": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_NAME": "__Host-introsak-session",
        "CSRF_COOKIE_SECURE": True,
        "CSRF_COOKIE_HTTPONLY": True,
        "CSRF_COOKIE_NAME": "__Host-introsak-csrf",
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31536000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SECURE_CONTENT_TYPE_NOSNIFF": True,
        "X_FRAME_OPTIONS": "DENY",
        "SESSION_COOKIE_AGE": 43200,
        "SESSION_IDLE_TIMEOUT": 1800,
        "SESSION_ABSOLUTE_TIMEOUT": 43200,
        "INTROSAK_REQUIRE_2FA": True,
    }
