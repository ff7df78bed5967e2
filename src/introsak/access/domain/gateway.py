"""The access gateway: the only way to get a person's case.

Every read of a case goes through ``visible_cases`` (lists, searches, counts) or
``case_for_read`` / ``case_for_write`` (one case). They apply, in this order:

1. the user's permissions (``access.permissions``; a user without a role has none);
2. scope: district roles see their own district's cases, auditors the districts and period
   of an audit grant valid today (``access.domain.grants``), every other role nothing;
3. protected addresses: a strictly confidential person is visible only to a district-role
   user explicitly cleared for that person (``ProtectedPersonClearance``), in any district,
   and never to auditors; confidential persons stay visible in scope, flagged by the UI.

Nothing is cached between requests, so a changed grading, grant or clearance takes effect on
the next request. ``case_for_read`` writes exactly one access-log row (so does
``log_opening``, for a response that shows a case fetched for writing); a case that does not
exist and a case the user may not see get the same ``Http404`` (ids cannot be probed), and
the refusal is written to the security log. Display helpers for names and identity numbers
(masking, auditor pseudonyms) are in ``access.domain.protection``.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from introsak.access.domain.grants import auditor_scope
from introsak.access.domain.security_log import security_event
from introsak.access.enums import EXPORT_ACTIONS, AccessAction, Permission
from introsak.access.models import AccessLogEntry, ProtectedPersonClearance
from introsak.access.permissions import permissions_of
from introsak.accounts.enums import DISTRICT_ROLES, Role
from introsak.accounts.models import User, Visitor
from introsak.casefacts.enums import ProtectedAddress
from introsak.cases.models import Person, ProgrammeCase

# The case of a strictly confidential person. Written as ``person_id IN (the few such
# persons)`` rather than a join to every case's person: a list of a district's 8,000 cases
# then reads no person row (the set comes from a partial index on ``Person``).
_STRICTLY_CONFIDENTIAL = Q(
    person_id__in=Person.objects.filter(
        protected_address=ProtectedAddress.STRICTLY_CONFIDENTIAL
    ).values("pk")
)


def has_permission(user: Visitor, permission: Permission) -> bool:
    """Whether the (possibly anonymous) user's role grants the permission."""
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_active
        and permission in permissions_of(getattr(user, "role", ""))
    )


def visible_cases(
    user: Visitor, *, permission: Permission = Permission.CASE_READ
) -> QuerySet[ProgrammeCase]:
    """Every case the user may see for ``permission``; empty if none. Writes no log row."""
    cases = ProgrammeCase.objects.all()
    if not has_permission(user, permission) or not isinstance(user, User):
        return cases.none()
    scope = case_scope(user)
    return cases.none() if scope is None else cases.filter(scope)


def case_scope(user: User) -> Q | None:
    """The filter on ``ProgrammeCase`` for the cases in the user's scope, protected-address
    rules included (permissions are checked by the callers above); ``None`` if the scope
    holds no case (``visible_cases`` then answers ``QuerySet.none()``, without a query)."""
    role = Role(user.role) if user.role else None
    if role in DISTRICT_ROLES:
        cleared = ProtectedPersonClearance.objects.filter(user=user).values("person_id")
        cleared_elsewhere = _STRICTLY_CONFIDENTIAL & Q(person_id__in=cleared)
        if not user.district_id:
            return cleared_elsewhere
        own = Q(district_id=user.district_id) & ~_STRICTLY_CONFIDENTIAL
        return own | cleared_elsewhere
    if role == Role.AUDITOR:
        granted = auditor_scope(user)
        return None if granted is None else granted & ~_STRICTLY_CONFIDENTIAL
    return None


# Adds to the gateway's query what the caller will read (e.g. ``facts_queryset``).
Loader = Callable[[QuerySet[ProgrammeCase]], QuerySet[ProgrammeCase]]


def case_for_read(
    user: User,
    *,
    case_pk: int,
    action: AccessAction = AccessAction.VIEW,
    purpose: str,
    path: str = "",
    permission: Permission | None = None,
    load: Loader | None = None,
) -> ProgrammeCase:
    """One case the user may read, with exactly one access-log row written.

    ``action`` says what is done (page, export, API …); export actions need the export
    permission, others the read permission, unless ``permission`` says otherwise. Raises
    ``Http404`` if the case does not exist or the user may not see it (the same answer, so
    ids cannot be probed); the refusal is written to the security log. ``load`` may add
    what the caller will read (``select_related``/``prefetch_related``) to the one query.
    Side effects: one ``AccessLogEntry`` (allowed) or one ``SecurityEvent`` (refused).
    """
    needed = permission or (
        Permission.CASE_EXPORT if action in EXPORT_ACTIONS else Permission.CASE_READ
    )
    case = _get_visible(user, case_pk, needed, path, load)
    log_opening(user, case=case, action=action, purpose=purpose)
    return case


def log_opening(
    user: Any, *, case: ProgrammeCase, action: AccessAction = AccessAction.VIEW, purpose: str
) -> None:
    """Record that a response shows the case: for a case fetched with ``case_for_write``
    whose form is shown again (with its errors). Every response that shows case content is
    one opening, except the page shown right after the user's own save.

    Side effects: one ``AccessLogEntry``.
    """
    AccessLogEntry.objects.create(
        user=user,
        person_id=case.person_id,
        case_id=case.pk,
        action=action,
        purpose=purpose[:200],
    )


def case_for_write(
    user: User,
    *,
    case_pk: int,
    path: str = "",
    load: Loader | None = None,
    permission: Permission = Permission.CASE_WRITE,
) -> ProgrammeCase:
    """One case the user may change (no access-log row: the page that shows it logged).

    The case domain's operations take their case from here: this is where the right to
    change it is checked (``permission``: ``case_write``, or e.g. ``case_reassign``).
    Raises ``Http404`` (and writes the security log) like ``case_for_read``.
    """
    return _get_visible(user, case_pk, permission, path, load)


def case_for_permission(
    user: User, *, case_pk: int, permission: Permission, path: str = ""
) -> ProgrammeCase:
    """One case the user has ``permission`` for, without an access-log row.

    For pages that show no more than the case number before an action that is itself
    logged (the export forms). Raises ``Http404`` like ``case_for_read``.
    """
    return _get_visible(user, case_pk, permission, path)


def _get_visible(
    user: User, case_pk: Any, permission: Permission, path: str, load: Loader | None = None
) -> ProgrammeCase:
    try:
        pk = int(case_pk)
    except (TypeError, ValueError):
        pk = None
    case = None
    if pk is not None:
        visible = visible_cases(user, permission=permission).filter(pk=pk)
        loaded = load(visible) if load else visible.select_related("person", "district", "adviser")
        # Not ``first()``: the primary key picks at most one row, so it needs no ORDER BY.
        case = next(iter(loaded[:1]), None)
    if case is None:
        security_event(
            event=f"denied_{permission}",
            user=user,
            path=path,
            detail=f"case {pk if pk is not None else '?'}",
        )
        raise Http404
    return case


def require_permission(user: Visitor, permission: Permission, *, path: str = "") -> None:
    """Raise ``PermissionDenied`` (and write the security log) unless the user has it."""
    if not has_permission(user, permission):
        security_event(event=f"denied_{permission}", user=user, path=path)
        raise PermissionDenied


def cases_for_write(
    user: User,
    *,
    case_pks: Collection[int],
    path: str = "",
    permission: Permission = Permission.CASE_WRITE,
) -> list[ProgrammeCase]:
    """Several cases the user may change in one action (a coordinator's bulk
    reassignment), in one query and without access-log rows, like ``case_for_write``.

    Raises ``Http404`` (and writes the security log, naming how many were refused) unless
    every case exists and the user has ``permission`` for it: the action is all or nothing.
    """
    wanted = set(case_pks)
    found = list(
        visible_cases(user, permission=permission)
        .filter(pk__in=wanted)
        .select_related("person", "district", "adviser")
    )
    if not wanted or len(found) != len(wanted):
        security_event(
            event=f"denied_{permission}",
            user=user,
            path=path,
            detail=f"{len(wanted) - len(found)} of {len(wanted)} cases",
        )
        raise Http404
    return found
