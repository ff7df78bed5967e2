"""Auditor grants: time-limited, read-only access to some districts' cases.

The grant model and its rules are completed by the trust work (issue 5); this module is
where the gateway asks which cases an auditor may see today.
"""

from __future__ import annotations

from django.db.models import Q

from introsak.accounts.models import User
from introsak.core import clock


def auditor_scope(user: User) -> Q:
    """Cases in a district of one of the auditor's grants valid today; nothing otherwise."""
    from introsak.access.models import AuditGrant

    today = clock.today()
    grants = AuditGrant.objects.filter(user=user, starts_on__lte=today, ends_on__gte=today)
    scope = Q(pk__in=[])
    for grant in grants.prefetch_related("districts"):
        scope |= Q(district__in=list(grant.districts.all()))
    return scope
