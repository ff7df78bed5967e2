"""Which permissions each role has. The single source of truth for role-based access."""

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
    Role.ADMINISTRATOR: frozenset({P.USERS_ADMIN}),
}


def permissions_of(role: str) -> frozenset[P]:
    """A user without a (known) role has no permission at all."""
    try:
        return ROLE_PERMISSIONS[Role(role)]
    except ValueError:
        return frozenset()
