"""Settings come from the environment; production refuses to start without its secrets."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _django_check(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "INTROSAK_", "DATABASE_URL"))
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_refuses_to_start_without_secret_key() -> None:
    result = _django_check({"INTROSAK_ENV": "production", "INTROSAK_PSEUDONYM_KEY": "k" * 40})
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set in production" in result.stderr


def test_production_refuses_to_start_without_pseudonym_key() -> None:
    result = _django_check({"INTROSAK_ENV": "production", "DJANGO_SECRET_KEY": "s" * 60})
    assert result.returncode != 0
    assert "INTROSAK_PSEUDONYM_KEY must be set in production" in result.stderr


def test_unknown_environment_name_is_refused() -> None:
    result = _django_check({"INTROSAK_ENV": "staging"})
    assert result.returncode != 0
    assert "INTROSAK_ENV must be development, test or production" in result.stderr


def test_bad_boolean_variable_is_named() -> None:
    result = _django_check({"INTROSAK_ALLOW_SYNTHETIC_IDS": "maybe"})
    assert result.returncode != 0
    assert "INTROSAK_ALLOW_SYNTHETIC_IDS must be true or false, not 'maybe'" in result.stderr


def test_development_starts_with_safe_defaults() -> None:
    result = _django_check({})
    assert result.returncode == 0, result.stderr


def test_staff_pages_are_bokmal_whatever_the_browser_asks(client: object) -> None:
    from django.test import Client

    assert isinstance(client, Client)
    english_browser = client.get("/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert english_browser.headers["Content-Language"] == "nb"
    assert "Logg inn" in english_browser.content.decode()
    client.cookies["django_language"] = "en"
    chosen = client.get("/login/", HTTP_ACCEPT_LANGUAGE="nb-NO")
    assert chosen.headers["Content-Language"] == "en"
    assert "Log in" in chosen.content.decode()


def test_the_clock_now_is_the_frozen_day_at_the_time_of_day(settings) -> None:  # type: ignore[no-untyped-def]
    from datetime import date

    from django.utils import timezone

    from introsak.core import clock

    settings.INTROSAK_AS_OF = None
    assert abs((clock.now() - timezone.now()).total_seconds()) < 5
    settings.INTROSAK_AS_OF = date(2024, 8, 7)
    real, frozen = timezone.localtime(), clock.now()
    assert frozen.date() == date(2024, 8, 7)
    same_day = frozen.replace(year=real.year, month=real.month, day=real.day)
    assert 0 <= (same_day - real).total_seconds() < 5
    assert frozen.tzinfo == real.tzinfo
