"""Response headers, CSRF, identity numbers kept out of addresses and logs, and templates that
need no inline script or style (so the strict CSP holds)."""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import cast

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from introsak.access.models import SecurityEvent
from introsak.core.logging import MaskIdentityNumbersFilter, mask_identity_numbers
from tests.access.personas import client_for, make_world

SRC = Path(__file__).resolve().parents[2] / "src" / "introsak"


@pytest.mark.django_db
def test_case_page_is_not_cached_and_carries_the_security_headers() -> None:
    world = make_world()
    response = client_for(world.users["adviser_a"]).get(
        reverse("workspace:case", kwargs={"pk": world.case_a.pk})
    )
    assert response.status_code == 200
    assert {
        name: response[name]
        for name in (
            "Cache-Control",
            "X-Frame-Options",
            "X-Content-Type-Options",
            "Referrer-Policy",
            "Cross-Origin-Opener-Policy",
            "Cross-Origin-Resource-Policy",
        )
    } == {
        "Cache-Control": "no-store",
        "X-Frame-Options": "DENY",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "same-origin",
        "Cross-Origin-Opener-Policy": "same-origin",
        "Cross-Origin-Resource-Policy": "same-origin",
    }
    assert "camera=()" in response["Permissions-Policy"]


@pytest.mark.django_db
def test_csp_header_is_strict() -> None:
    policy = Client().get(reverse("login"))["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert (
        directives["script-src"],
        directives["style-src"],
        directives["object-src"],
        directives["frame-ancestors"],
        directives["base-uri"],
    ) == ("'self'", "'self'", "'none'", "'none'", "'none'")
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


@pytest.mark.django_db
def test_post_without_csrf_token_is_refused_and_logged() -> None:
    world = make_world()
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["adviser_a"])  # type: ignore[arg-type]
    url = reverse("workspace:record", kwargs={"pk": world.case_a.pk, "step": "journal"})
    response = client.post(url, {"written_on": "2024-08-01", "text": "x"})
    assert response.status_code == 403
    assert list(SecurityEvent.objects.values_list("event", flat=True)) == ["csrf_failure"]
    assert world.case_a.journal_notes.filter(text="x").count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    "address", ["/cases/?q={nid}", "/cases/?q={spaced}", "/cases/{nid}/", "/stats/?x=a%20{nid}"]
)
def test_identity_number_in_the_address_is_refused(address: str) -> None:
    world = make_world()
    nid = world.case_a.person.national_id or ""
    url = address.format(nid=nid, spaced=nid[:6] + "+" + nid[6:])
    response = client_for(world.users["adviser_a"]).get(url)
    assert response.status_code == 400
    assert list(SecurityEvent.objects.values_list("event", "path")) == [
        ("identity_in_url", mask_identity_numbers(url.split("?")[0]))
    ]


@pytest.mark.django_db
def test_other_long_numbers_in_the_address_are_fine() -> None:
    world = make_world()
    assert client_for(world.users["adviser_a"]).get("/cases/?q=12345678901").status_code == 200


def test_log_records_never_hold_identity_numbers(caplog: pytest.LogCaptureFixture) -> None:
    logger = logging.getLogger("introsak.test")
    records: list[logging.LogRecord] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    handler = Collect()
    handler.addFilter(MaskIdentityNumbersFilter())
    logger.addHandler(handler)
    try:
        logger.warning("lookup %s by %s", "17059012345", "user")
        logger.warning("D-number 570590 12345 and DUF 201212345603 and case 12345")
        try:
            raise ValueError("bad number 17059012345")
        except ValueError:
            logger.exception("failed")
    finally:
        logger.removeHandler(handler)
    assert [r.getMessage() for r in records] == [
        "lookup *********** by user",
        "D-number ****** ***** and DUF ************ and case 12345",
        "failed",
    ]
    assert "17059012345" not in (records[2].exc_text or "")
    assert "***********" in (records[2].exc_text or "")


def test_every_configured_log_handler_masks_identity_numbers() -> None:
    handlers = cast(dict[str, dict[str, object]], settings.LOGGING["handlers"])
    assert {name: h.get("filters") for name, h in handlers.items()} == {
        name: ["mask_identity_numbers"] for name in handlers
    }


def test_mask_identity_numbers_keeps_the_length() -> None:
    assert mask_identity_numbers("a17059012345b") == "a***********b"


# Templates rendered to PDF on the server (WeasyPrint) may carry their own <style>: no browser
# and no CSP ever sees them.
PDF_TEMPLATE = re.compile(r"(_pdf|/pdf)[^/]*\.html$")
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)
INLINE_STYLE = re.compile(r"<style\b|\sstyle=|\son[a-z]+=", re.I)


def test_templates_have_no_inline_script_style_or_event_handlers() -> None:
    offenders = []
    for path in sorted(SRC.rglob("templates/**/*.html")):
        relative = path.relative_to(SRC).as_posix()
        if PDF_TEMPLATE.search(relative):
            continue
        text = path.read_text(encoding="utf-8")
        if INLINE_SCRIPT.search(text) or INLINE_STYLE.search(text):
            offenders.append(relative)
    assert offenders == []
