"""The main menu: one entry per area the user's permissions open.

Each feature app has its entry here, by URL name (a new app adds one line to
``NAV_ENTRIES``); an entry whose URL does not exist (yet) or whose permission the user lacks
is left out. It lives in the web layer, above ``access``, because it needs the permissions.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from introsak.access.enums import Permission
from introsak.access.permissions import permissions_of
from introsak.accounts.enums import Role


@dataclass(frozen=True)
class NavEntry:
    url_name: str
    label: str | Promise
    permission: Permission
    # The label for users whose main view is a whole district (coordinators, auditors).
    district_label: str | Promise | None = None

    def label_for(self, role: str) -> str | Promise:
        if self.district_label is not None and role in _DISTRICT_VIEW_ROLES:
            return self.district_label
        return self.label


@dataclass(frozen=True)
class NavItem:
    """One entry of the menu as the layout shows it."""

    url: str
    label: str | Promise
    current: bool


_DISTRICT_VIEW_ROLES = {Role.TEAM_COORDINATOR.value, Role.AUDITOR.value}


NAV_ENTRIES: tuple[NavEntry, ...] = (
    NavEntry(
        "workspace:worklist",
        _("My participants"),
        Permission.CASE_READ,
        district_label=_("Participants"),
    ),
    NavEntry("stats:dashboard", _("Statistics"), Permission.STATS_VIEW),
    NavEntry("early:list", _("Before settlement"), Permission.CASE_WRITE),
    NavEntry("audits:list", _("Audits"), Permission.AUDIT_RUN),
    NavEntry("access:reports", _("Access log"), Permission.ACCESS_LOG_VIEW),
    NavEntry("admin:index", _("Administration"), Permission.USERS_ADMIN),
    # The same page for analysts and administrators (issue 13); one entry each, last.
    NavEntry("rule_parameters", _("Rule parameters"), Permission.STATS_VIEW),
    NavEntry("rule_parameters", _("Rule parameters"), Permission.USERS_ADMIN),
    NavEntry("placements:board", _("Work and placements"), Permission.CASE_WRITE),
    # Issue 16: the planner's forecast of the queue for Norwegian training.
    NavEntry("intake:forecast", _("Training capacity"), Permission.FORECAST_VIEW),
)


def nav_items(request: HttpRequest) -> list[NavItem]:
    user = request.user
    if not user.is_authenticated:
        return []
    granted = permissions_of(getattr(user, "role", ""))
    items: list[NavItem] = []
    for entry in NAV_ENTRIES:
        if entry.permission not in granted:
            continue
        try:
            url = reverse(entry.url_name)
        except NoReverseMatch:
            continue
        items.append(
            NavItem(
                url=url,
                label=entry.label_for(getattr(user, "role", "")),
                current=request.path.startswith(url) and url != "/",
            )
        )
    return items
