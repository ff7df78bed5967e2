"""The access gateway: the only way to get a person's case.

Every read of a case goes through ``visible_cases`` (lists, searches, counts) or
``case_for_read`` / ``case_for_write`` (one case, logged). They apply, in this order:
the user's permissions (``access.rules``), district scoping, auditor grants, and
protected-address rules (strictly confidential persons only for explicitly cleared users).
A refused request is written to the security log; an opened case to the access log.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from introsak.access.enums import AccessAction, Permission
from introsak.access.models import AccessLogEntry, SecurityEvent
from introsak.access.rules import permissions_of
from introsak.accounts.enums import DISTRICT_ROLES, Role
from introsak.accounts.models import User
from introsak.cases.enums import ProtectedAddress
from introsak.cases.models import ProgrammeCase


def has_permission(user: User, permission: Permission) -> bool:
    return bool(user.is_active and permission in permissions_of(user.role))


def visible_cases(user: User, *, permission: Permission = Permission.CASE_READ
                  ) -> QuerySet[ProgrammeCase]:
    """Every case the user may see for ``permission``; empty if none. Writes no log row."""
    cases = ProgrammeCase.objects.all()
    if not has_permission(user, permission):
        return cases.none()
    return cases.filter(_scope(user)).filter(_protection(user))


def _scope(user: User) -> Q:
    role = user.role_enum
    if role in DISTRICT_ROLES:
        return Q(district_id=user.district_id) if user.district_id else Q(pk__in=[])
    if role == Role.AUDITOR:
        from introsak.access.domain.grants import auditor_scope

        return auditor_scope(user)
    return Q(pk__in=[])


def _protection(user: User) -> Q:
    """Strictly confidential persons only for users explicitly cleared for them."""
    return ~Q(person__protected_address=ProtectedAddress.STRICTLY_CONFIDENTIAL) | Q(
        person__clearances__user=user
    )


def case_for_read(user: User, *, case_pk: int, action: AccessAction = AccessAction.VIEW,
                  purpose: str, path: str = "") -> ProgrammeCase:
    """One case the user may read, with exactly one access-log row written.

    Raises ``Http404`` if it does not exist or the user may not see it (the same answer,
    so ids cannot be probed); the refusal is written to the security log.
    """
    case = _get_visible(user, case_pk, Permission.CASE_READ, path)
    AccessLogEntry.objects.create(
        user=user, person_id=case.person_id, case_id=case.pk, action=action, purpose=purpose
    )
    return case


def case_for_write(user: User, *, case_pk: int, path: str = "") -> ProgrammeCase:
    """One case the user may change (no access-log row: the page that shows it logged)."""
    return _get_visible(user, case_pk, Permission.CASE_WRITE, path)


def _get_visible(user: User, case_pk: int, permission: Permission, path: str) -> ProgrammeCase:
    case = (
        visible_cases(user, permission=permission)
        .select_related("person", "district", "adviser")
        .filter(pk=case_pk)
        .distinct()
        .first()
    )
    if case is None:
        SecurityEvent.objects.create(
            user=user, event=f"denied_{permission}", path=path[:300], detail=f"case {case_pk}"
        )
        raise Http404
    return case


def require_permission(user: User, permission: Permission, *, path: str = "") -> None:
    """Raise ``PermissionDenied`` (and log it) unless the user has the permission."""
    if not has_permission(user, permission):
        SecurityEvent.objects.create(
            user=user if user.is_authenticated else None,
            event=f"denied_{permission}", path=path[:300],
        )
        raise PermissionDenied
