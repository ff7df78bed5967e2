from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from introsak.web.navigation import nav_items


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Send each user to the main area their role opens (the first menu entry); a user
    without any permission gets a page saying so."""
    items = nav_items(request)
    if items:
        return redirect(items[0].url)
    return render(request, "web/home.html")
