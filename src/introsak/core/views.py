from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from introsak.core.navigation import nav_items


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Send each user to the main area their role opens (the first menu entry); a user
    without any permission gets a page saying so."""
    items = nav_items(request)
    if items:
        return redirect(str(items[0]["url"]))
    return render(request, "core/home.html")


@require_GET
def health(request: HttpRequest) -> JsonResponse:
    """Liveness and database check for load balancers; reveals nothing about data."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
