from __future__ import annotations

from django.http import HttpRequest

from introsak.web.navigation import NavItem, nav_items


def navigation(request: HttpRequest) -> dict[str, list[NavItem]]:
    """The main menu of every page: the entries the user's permissions open."""
    return {"nav_items": nav_items(request)}
