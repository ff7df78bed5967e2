"""Session limits and security headers.

* ``SessionTimeoutMiddleware``: a session ends after ``SESSION_IDLE_TIMEOUT`` seconds without
  a request (30 minutes) and ``SESSION_ABSOLUTE_TIMEOUT`` seconds after log-in (12 hours),
  whatever the cookie says. Timestamps live in the session; the idle stamp is refreshed at
  most once a minute, and only by the user's own requests (not by a page's images), so a busy
  page does not write the session on every request.
* ``SecurityHeadersMiddleware``: ``Cache-Control: no-store`` on every response of a logged-in
  user (every such page may show personal data; nothing may stay in a browser's or proxy's
  cache) and on every server error (decided without asking who the user is, which needs the
  database that may be the error), plus a Permissions-Policy and Cross-Origin-Resource-Policy.
  Django's own SecurityMiddleware, XFrameOptionsMiddleware and django-csp set the rest.
* ``IdentityNumberInUrlMiddleware``: refuses (400) any request whose address (path or query)
  holds a valid identity number in any spelling (``identity.contains_identity_number``:
  grouped by spaces, hyphens, dots or slashes, full-width digits, percent-encoded once or
  more), so that none is ever passed on through a link or a GET form; forms that take
  identity numbers post them. The refusal's security-log row has the path's digits masked.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import unquote_plus

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from introsak.core.security import SecurityEventKind, security_event
from introsak.identity import contains_identity_number

AUTH_AT = "introsak_auth_at"
SEEN_AT = "introsak_seen_at"
SEEN_REFRESH_SECONDS = 60
# Loads a page makes by itself (images such as charts, styles, scripts) are not activity: they
# do not keep a session alive, and they never write the session (a page with many charts would
# otherwise save it from many parallel requests).
PASSIVE_DESTINATIONS = frozenset(
    {"image", "style", "script", "font", "audio", "video", "track", "manifest"}
)
_PERCENT_DECODINGS = 4  # "%25…" undone this many times at most

Handler = Callable[[HttpRequest], HttpResponse]


def _now() -> float:
    return timezone.now().timestamp()


def stamp_login(request: HttpRequest) -> None:
    """Start the idle and absolute clocks (called on ``user_logged_in``)."""
    request.session[AUTH_AT] = request.session[SEEN_AT] = _now()


def session_expired_reason(session: dict[str, float], now: float) -> str | None:
    """ "idle", "absolute" or None for a logged-in session's timestamps."""
    auth_at = session.get(AUTH_AT, now)
    seen_at = session.get(SEEN_AT, auth_at)
    if now - auth_at > settings.SESSION_ABSOLUTE_TIMEOUT:
        return "absolute"
    if now - seen_at > settings.SESSION_IDLE_TIMEOUT:
        return "idle"
    return None


def is_activity(request: HttpRequest) -> bool:
    """A request made by the user (a page, a form, an htmx update), not by a page loading its
    images or styles (``Sec-Fetch-Dest``)."""
    return request.headers.get("Sec-Fetch-Dest", "") not in PASSIVE_DESTINATIONS


class SessionTimeoutMiddleware:
    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = _now()
            reason = session_expired_reason(request.session, now)
            if reason is not None:
                return self._expire(request, reason)
            if is_activity(request):
                if AUTH_AT not in request.session:
                    request.session[AUTH_AT] = now
                if now - request.session.get(SEEN_AT, 0) > SEEN_REFRESH_SECONDS:
                    request.session[SEEN_AT] = now
        return self.get_response(request)

    def _expire(self, request: HttpRequest, reason: str) -> HttpResponse:
        security_event(
            event=SecurityEventKind.SESSION_EXPIRED,
            user=request.user,
            path=request.path,
            detail=reason,
        )
        logout(request)
        messages.info(
            request,
            _("You were logged out after 30 minutes without activity.")
            if reason == "idle"
            else _("You were logged out: a log-in lasts at most 12 hours."),
        )
        response = redirect_to_login(request.get_full_path() if request.method == "GET" else "/")
        if request.headers.get("HX-Request"):
            response["HX-Redirect"] = response["Location"]
        return response


class SecurityHeadersMiddleware:
    PERMISSIONS_POLICY = (
        "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
    )

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if response.status_code >= 500 or (user is not None and user.is_authenticated):
            response["Cache-Control"] = "no-store"
            response["Pragma"] = "no-cache"
        response.setdefault("Permissions-Policy", self.PERMISSIONS_POLICY)
        response.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response


def decoded_address(request: HttpRequest) -> str:
    """The request's path and query with percent-encoding (and ``+`` for a space) undone,
    repeatedly, so that a doubly encoded ``%2532`` reads ``2``."""
    address = request.path + "?" + str(request.META.get("QUERY_STRING", ""))
    for _round in range(_PERCENT_DECODINGS):
        decoded = unquote_plus(address)
        if decoded == address:
            break
        address = decoded
    return address


class IdentityNumberInUrlMiddleware:
    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if contains_identity_number(decoded_address(request)):
            security_event(
                event=SecurityEventKind.IDENTITY_IN_URL,
                user=getattr(request, "user", None),
                path=re.sub(r"\d", "*", request.path),
            )
            return render(request, "core/identity_in_url.html", status=400)
        return self.get_response(request)


class ChosenLanguageMiddleware(LocaleMiddleware):
    """Bokmål unless the user has chosen another language with the language switch.

    Django's ``LocaleMiddleware`` would follow the browser's ``Accept-Language``; staff
    pages are bokmål by default whatever the browser says (the users are Norwegian public
    employees, and the law and its terms are Norwegian), with English one click away. The
    choice is kept in Django's language cookie by ``set_language``.
    """

    def process_request(self, request: HttpRequest) -> None:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        supported = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
