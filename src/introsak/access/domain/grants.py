"""Auditor grants: time-limited, read-only access to some districts' cases.

A grant names one auditor, one or more districts, a justification and a validity period that
ends at most ``MAX_GRANT_DAYS`` days after the day it is saved; optionally it covers only
cases whose programme started in a given period. It is valid from ``starts_on`` through
``ends_on`` by the application's clock (``core.clock``): the access stops by itself when the
end date has passed, with no job to run. Auditors never get the write or export permission
(``access.permissions``), never see strictly confidential persons (``access.domain.gateway``) and
see pseudonyms instead of names and identity numbers unless the grant says otherwise.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from introsak.access.domain.security_log import security_event
from introsak.access.models import AuditGrant
from introsak.accounts.enums import Role
from introsak.accounts.models import User
from introsak.core import clock
from introsak.core.models import District
from introsak.core.security import SecurityEventKind

MAX_GRANT_DAYS = 90
MIN_JUSTIFICATION_CHARS = 20


@dataclass(frozen=True)
class GrantTerms:
    """What a grant says, before it is saved (validated by ``grant_errors``)."""

    user: User | None  # None: not chosen on the form (refused by grant_errors)
    districts: Sequence[District]
    justification: str
    starts_on: date
    ends_on: date
    show_identities: bool = False
    cases_started_from: date | None = None
    cases_started_until: date | None = None


def grant_errors(
    terms: GrantTerms, *, today: date | None = None, new: bool = True
) -> dict[str, list[str]]:
    """Field → problems with the terms; empty when the grant may be saved. A change to an
    existing grant may set an end date in the past (to end it early); a new one may not."""
    day = today or clock.today()
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    if getattr(terms.user, "role", "") != Role.AUDITOR:
        add("user", _("Audit grants can only be given to users with the auditor role."))
    if not terms.districts:
        add("districts", _("Choose at least one district."))
    if len(terms.justification.strip()) < MIN_JUSTIFICATION_CHARS:
        add(
            "justification",
            _("Give a justification of at least %(n)d characters.")
            % {"n": MIN_JUSTIFICATION_CHARS},
        )
    if terms.ends_on < terms.starts_on:
        add("ends_on", _("The grant cannot end before it starts."))
    if terms.ends_on > day + timedelta(days=MAX_GRANT_DAYS):
        add(
            "ends_on",
            _("A grant can end at most %(n)d days from today (%(last)s).")
            % {"n": MAX_GRANT_DAYS, "last": day + timedelta(days=MAX_GRANT_DAYS)},
        )
    if new and terms.ends_on < day:
        add("ends_on", _("The grant would already have ended."))
    if (
        terms.cases_started_from
        and terms.cases_started_until
        and terms.cases_started_until < terms.cases_started_from
    ):
        add("cases_started_until", _("The case period cannot end before it starts."))
    return errors


@transaction.atomic
def audit_grant_save(
    *, terms: GrantTerms, granted_by: User, grant: AuditGrant | None = None
) -> AuditGrant:
    """Create (or change) an audit grant after validating it.

    Raises ``ValidationError`` (field → messages) if the terms break a rule.
    Side effects: saves the grant and its districts; writes a security-log row.
    """
    errors = grant_errors(terms, new=grant is None)
    if errors or terms.user is None:  # no user is one of the errors
        raise ValidationError(errors)
    grant = grant or AuditGrant()
    grant.user = terms.user
    grant.justification = terms.justification.strip()
    grant.starts_on, grant.ends_on = terms.starts_on, terms.ends_on
    grant.show_identities = terms.show_identities
    grant.cases_started_from = terms.cases_started_from
    grant.cases_started_until = terms.cases_started_until
    grant.granted_by = granted_by
    grant.save()
    grant.districts.set(terms.districts)
    security_event(
        event=SecurityEventKind.GRANT_SAVED,
        user=granted_by,
        detail=f"grant {grant.pk} for user {grant.user_id} until {grant.ends_on}",
    )
    return grant


def grants_valid(user: User, *, on: date | None = None) -> QuerySet[AuditGrant]:
    """The user's grants valid on a day (today by default)."""
    day = on or clock.today()
    return AuditGrant.objects.filter(user=user, starts_on__lte=day, ends_on__gte=day)


def auditor_scope(user: User) -> Q | None:
    """Cases in a district (and case period) of one of the auditor's grants valid today;
    ``None`` (no case) without such a grant."""
    scope: Q | None = None
    for grant in grants_valid(user).prefetch_related("districts"):
        granted = _grant_scope(grant)
        scope = granted if scope is None else scope | granted
    return scope


def auditor_identity_scope(user: User) -> Q:
    """Cases a ``show_identities`` grant of the auditor valid today covers: where the auditor
    sees names and case numbers (``protection.IdentityPolicy``); nothing otherwise."""
    # No case: a condition the search combines with others (the gateway itself answers an
    # empty scope with ``QuerySet.none()``).
    scope = Q(pk__isnull=True)
    for grant in grants_valid(user).filter(show_identities=True).prefetch_related("districts"):
        scope |= _grant_scope(grant)
    return scope


def _grant_scope(grant: AuditGrant) -> Q:
    scope = Q(district_id__in=[d.pk for d in grant.districts.all()])
    if grant.cases_started_from:
        scope &= Q(start_date__gte=grant.cases_started_from)
    if grant.cases_started_until:
        scope &= Q(start_date__lte=grant.cases_started_until)
    return scope


def covers(grant: AuditGrant, *, district_id: int, start_date: date | None) -> bool:
    """Whether a grant (districts prefetched) covers a case with this district and start."""
    if district_id not in {d.pk for d in grant.districts.all()}:
        return False
    if grant.cases_started_from and (start_date is None or start_date < grant.cases_started_from):
        return False
    return not (
        grant.cases_started_until and (start_date is None or start_date > grant.cases_started_until)
    )
