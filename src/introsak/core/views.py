"""The health check and the answer when the database is down.

When the database cannot be reached (down, restarting, refusing connections) every request
that needs it gets a short 503 page (``database_unavailable``), ``/health/`` answers 503,
and each such request writes one log line, not a traceback.
"""

from __future__ import annotations

import logging
import sys

from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.views import defaults
from django.views.decorators.http import require_GET

logger = logging.getLogger("introsak.database")
RETRY_AFTER_SECONDS = 30


@require_GET
def health(request: HttpRequest) -> JsonResponse:
    """Liveness and database check for load balancers; reveals nothing about data. 503 when
    the database does not answer."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as exc:
        log_database_unavailable(request, exc)
        response = JsonResponse({"status": "unavailable", "database": "down"}, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response._has_been_logged = True  # type: ignore[attr-defined]
        return response
    return JsonResponse({"status": "ok", "database": "up"})


def server_error(request: HttpRequest) -> HttpResponse:
    """``handler500``: a database that cannot be reached is a 503 with one log line;
    anything else is Django's 500 (logged with its traceback by Django)."""
    exc = sys.exc_info()[1]
    if isinstance(exc, OperationalError | InterfaceError):
        return database_unavailable(request, exc)
    return defaults.server_error(request)


def database_unavailable(request: HttpRequest, exc: BaseException) -> HttpResponse:
    """A short page that touches neither the database nor the session (no request context).

    Side effects: one log line; the response is marked as logged so that Django does not
    log it again with a traceback.
    """
    log_database_unavailable(request, exc)
    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response._has_been_logged = True  # type: ignore[attr-defined]
    return response


def log_database_unavailable(request: HttpRequest, exc: BaseException) -> None:
    """One line per request (a middleware on the way out may meet the same error again):
    the request and the database's first line of complaint."""
    if getattr(request, "_introsak_database_down", False):
        return
    request._introsak_database_down = True  # type: ignore[attr-defined]
    reason = (str(exc).strip().splitlines() or [""])[0][:200]
    logger.error(
        "database unavailable: %s %s (%s: %s)",
        request.method,
        request.path,
        type(exc).__name__,
        reason,
    )
