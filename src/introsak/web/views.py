from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from introsak.access.domain.gateway import has_permission, require_permission
from introsak.access.enums import Permission
from introsak.accounts.models import Visitor
from introsak.core import clock
from introsak.core.domain.law import parameter_list, unconfirmed_law
from introsak.web.navigation import nav_items

# Who sees the list of rule parameters: analysts (statistics) and administrators.
PARAMETER_READERS = (Permission.STATS_VIEW, Permission.USERS_ADMIN)


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Send each user to the main area their role opens (the first menu entry); a user
    without any permission gets a page saying so."""
    items = nav_items(request)
    if items:
        return redirect(items[0].url)
    return render(request, "web/home.html")


def can_see_parameters(user: Visitor) -> bool:
    return any(has_permission(user, permission) for permission in PARAMETER_READERS)


@login_required
@require_GET
def rule_parameters(request: HttpRequest) -> HttpResponse:
    """Every rule parameter with its value today, sources, confirmation and uncertainty."""
    if not can_see_parameters(request.user):
        require_permission(request.user, PARAMETER_READERS[0], path=request.path)
    today = clock.today()
    language = get_language() or "nb"
    return render(
        request,
        "core/parameters.html",
        {
            "rows": parameter_list(today),
            "today": today,
            "english": language.startswith("en"),
            "unconfirmed_law": unconfirmed_law(today, language),
            "can_see_parameters": False,
        },
    )
