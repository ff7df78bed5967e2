"""Which permissions each role has. The single source of truth for role-based access.

District roles (settlement worker, programme adviser, team coordinator) act on their own
district's cases; the auditor only on the districts and period of a valid audit grant; the
city analyst sees statistics only; the administrator manages users, settings, grants and
clearances and reads the access and security logs, but never case content. A user without a
role has no permission at all. Scoping (district, grant, protected address) is applied by
``access.domain.gateway``; this table only says what each role may do at all.
"""

from __future__ import annotations

from introsak.access.enums import Permission
from introsak.accounts.enums import Role

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.SETTLEMENT_WORKER: frozenset(
        {Permission.CASE_READ, Permission.CASE_WRITE, Permission.STATS_VIEW}
    ),
    Role.PROGRAMME_ADVISER: frozenset(
        {Permission.CASE_READ, Permission.CASE_WRITE, Permission.STATS_VIEW}
    ),
    Role.TEAM_COORDINATOR: frozenset(
        {
            Permission.CASE_READ,
            Permission.CASE_WRITE,
            Permission.CASE_EXPORT,
            Permission.CASE_REASSIGN,
            Permission.STATS_VIEW,
            Permission.AUDIT_RUN,
        }
    ),
    Role.CITY_ANALYST: frozenset({Permission.STATS_VIEW}),
    Role.AUDITOR: frozenset({Permission.CASE_READ, Permission.STATS_VIEW, Permission.AUDIT_RUN}),
    Role.ADMINISTRATOR: frozenset({Permission.USERS_ADMIN, Permission.ACCESS_LOG_VIEW}),
    # Issue 16: the city's planner sees the intake calendar, the school waiting times and
    # the forecast (aggregates only), never a case.
    Role.PLANNER: frozenset({Permission.FORECAST_VIEW, Permission.STATS_VIEW}),
}


def permissions_of(role: str) -> frozenset[Permission]:
    """A user without a (known) role has no permission at all."""
    try:
        return ROLE_PERMISSIONS[Role(role)]
    except ValueError:
        return frozenset()
