"""Which permissions each role has. The single source of truth for role-based access.

District roles (settlement worker, programme adviser, team coordinator) act on their own
district's cases; the auditor only on the districts and period of a valid audit grant; the
city analyst sees statistics only; the administrator manages users, settings, grants and
clearances and reads the access and security logs, but never case content. A user without a
role has no permission at all. Scoping (district, grant, protected address) is applied by
``access.domain.gateway``; this table only says what each role may do at all.
"""

from __future__ import annotations

from introsak.access.enums import Permission as P
from introsak.accounts.enums import Role

ROLE_PERMISSIONS: dict[Role, frozenset[P]] = {
    Role.SETTLEMENT_WORKER: frozenset({P.CASE_READ, P.CASE_WRITE, P.STATS_VIEW}),
    Role.PROGRAMME_ADVISER: frozenset({P.CASE_READ, P.CASE_WRITE, P.STATS_VIEW}),
    Role.TEAM_COORDINATOR: frozenset(
        {P.CASE_READ, P.CASE_WRITE, P.CASE_EXPORT, P.CASE_REASSIGN, P.STATS_VIEW, P.AUDIT_RUN}
    ),
    Role.CITY_ANALYST: frozenset({P.STATS_VIEW}),
    Role.AUDITOR: frozenset({P.CASE_READ, P.STATS_VIEW, P.AUDIT_RUN}),
    Role.ADMINISTRATOR: frozenset({P.USERS_ADMIN, P.ACCESS_LOG_VIEW}),
}


def permissions_of(role: str) -> frozenset[P]:
    """A user without a (known) role has no permission at all."""
    try:
        return ROLE_PERMISSIONS[Role(role)]
    except ValueError:
        return frozenset()
