"""`make demo` serves like production (issue 12, item 15): gunicorn with WhiteNoise, DEBUG
off, the demo clock, no two-factor log-in; its 404 page is the short page and never Django's
debug page listing every route. `make dev` keeps Django's development server.

The environment is read from what the Makefile really runs (``make -n``), and the application
is started with it in a subprocess.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from django.conf import settings

REQUESTS = """
import json
import django
django.setup()
from django.conf import settings
from django.test import Client

missing = Client(raise_request_exception=False).get("/no-such-page/")
print(json.dumps({
    "debug": settings.DEBUG,
    "as_of": str(settings.INTROSAK_AS_OF),
    "two_factor": settings.INTROSAK_REQUIRE_2FA,
    "whitenoise": "whitenoise.middleware.WhiteNoiseMiddleware" in settings.MIDDLEWARE,
    "status": missing.status_code,
    "body": missing.content.decode(),
}))
"""


def make_dry_run(target: str) -> list[str]:
    done = subprocess.run(
        ["make", "-n", target], cwd=settings.BASE_DIR, capture_output=True, text=True, check=True
    )
    return done.stdout.splitlines()


def served_with(target: str) -> str:
    """The one command line of the target that serves the application."""
    (line,) = [x for x in make_dry_run(target) if "gunicorn" in x or "runserver" in x]
    return line


def test_make_demo_runs_gunicorn_and_make_dev_runs_the_development_server() -> None:
    demo, dev = served_with("demo"), served_with("dev")
    assert "gunicorn -c gunicorn.conf.py introsak.wsgi:application" in demo
    assert "runserver" in dev
    assert "DJANGO_DEBUG=false" not in dev


def test_the_demo_environment_shows_the_short_404_page(tmp_path: Path) -> None:
    demo = served_with("demo")
    variables = dict(re.findall(r"\b([A-Z][A-Z0-9_]*)=(\S+)", demo.split(" uv run ")[0]))
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "INTROSAK_"))},
        **variables,
        "DJANGO_SETTINGS_MODULE": "introsak.settings",
        "INTROSAK_SQLITE_PATH": str(tmp_path / "demo.sqlite3"),
    }
    env.pop("DATABASE_URL", None)
    done = subprocess.run(
        [sys.executable, "-W", "ignore", "-c", REQUESTS],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    out = json.loads(done.stdout.strip().splitlines()[-1])
    assert (out["debug"], out["as_of"], out["two_factor"], out["whitenoise"]) == (
        False,
        "2024-08-07",
        False,
        True,
    )
    assert out["status"] == 404
    assert "Siden finnes ikke" in out["body"]
    assert "URLconf" not in out["body"]
    assert "cases/" not in out["body"]
