"""Who may open an audit, and whose identities they see.

An audit is opened by its auditors only, and only while each of its districts is in their
scope today: for an auditor, a district of an audit grant valid today
(``access.domain.grants.grants_valid``); for a team coordinator's self-assessment, their own
district. When a grant ends, the auditor's audits disappear from their list and every page
of them answers 404 (written to the security log), like a case they may not see. The cases
themselves are still read through the access gateway (``visible_cases``, ``case_for_read``),
and identities are shown by the trust rules (``access.domain.protection``).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet
from django.http import Http404

from introsak.access.domain.gateway import has_permission
from introsak.access.domain.grants import grants_valid
from introsak.access.domain.protection import identity_policy
from introsak.access.domain.security_log import security_event
from introsak.access.enums import Permission
from introsak.accounts.enums import Role
from introsak.accounts.models import User, Visitor
from introsak.audits.models import Audit, FrameCase
from introsak.core.models import District


def district_scope(user: Visitor) -> QuerySet[District]:
    """The districts the user may audit today (none without ``AUDIT_RUN``)."""
    if not has_permission(user, Permission.AUDIT_RUN) or not isinstance(user, User):
        return District.objects.none()
    if user.role == Role.AUDITOR:
        return District.objects.filter(audit_grants__in=grants_valid(user)).distinct()
    if user.role == Role.TEAM_COORDINATOR and user.district_id:
        return District.objects.filter(pk=user.district_id)
    return District.objects.none()


def audits_for(user: User) -> QuerySet[Audit]:
    """The audits the user may open today: theirs, with every district in their scope."""
    outside = District.objects.exclude(pk__in=district_scope(user).values("pk"))
    return Audit.objects.filter(auditors=user).exclude(districts__in=outside).distinct()


def audit_for(user: User, *, audit_pk: int, path: str = "") -> Audit:
    """One audit the user may open; ``Http404`` (written to the security log) otherwise."""
    audit = audits_for(user).filter(pk=audit_pk).first()
    if audit is None:
        security_event(
            event=f"denied_{Permission.AUDIT_RUN}", user=user, path=path, detail=f"audit {audit_pk}"
        )
        raise Http404
    return audit


def revealed_rows(user: Visitor | None, rows: Iterable[FrameCase]) -> set[int]:
    """The frame rows (ids) whose case number and name the user may see; the others are
    shown by pseudonym. ``None`` is the command line, run by an operator on the server.
    The rows need ``case`` loaded (``select_related("case")``)."""
    rows = list(rows)
    if user is None:
        return {row.pk for row in rows}
    policy = identity_policy(user)
    return {row.pk for row in rows if policy.shows_identity(row.case)}
