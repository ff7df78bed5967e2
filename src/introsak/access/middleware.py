"""Every refused request reaches the security log.

The gateway and ``require_permission`` write a row when they refuse. A view can also refuse
by itself (``raise PermissionDenied`` after its own check); this middleware writes a row for
any 403 response of a request that wrote none, so no refusal goes unlogged.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from introsak.access.domain.security_log import events_written, reset_events_written, security_event

FORBIDDEN = 403


class RefusalLogMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = reset_events_written()
        try:
            response = self.get_response(request)
            if response.status_code == FORBIDDEN and events_written() == 0:
                security_event(
                    event="denied_request", user=getattr(request, "user", None), path=request.path
                )
            return response
        finally:
            token.var.reset(token)
