"""Who sees which statistics, and whether small cells are hidden for them.

Everyone with ``STATS_VIEW`` sees the statistics, counted over the same population
(every case but those of strictly confidential persons, ``domain.queries.counted_cases``).
Small cells are hidden (``domain.suppression``) unless the person could look at the cases
behind every cell anyway:

* a user with ``STATS_UNSUPPRESSED`` (no role has it by default) sees every number, for
  any period;
* a settlement worker, programme adviser or team coordinator who chooses only their own
  district sees that district unsuppressed (they can open every case counted);
* everyone else, e.g. the city analyst, sees suppressed numbers.

Everyone but ``STATS_UNSUPPRESSED`` gets periods in whole months (``Scope.whole_months``), so
that a district's numbers are the same whether chosen alone or with others, and moving a date
by a day changes nothing.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from introsak.access.domain.gateway import has_permission
from introsak.access.enums import Permission
from introsak.accounts.enums import DISTRICT_ROLES
from introsak.accounts.models import User
from introsak.stats.domain.filters import Filters
from introsak.stats.domain.queries import Scope

EVERY_CASE_UNSUPPRESSED = Scope(suppress=False)
EVERY_CASE_SUPPRESSED = Scope(suppress=True, whole_months=True)
OWN_DISTRICT = Scope(suppress=False, whole_months=True)


def own_district(user: User) -> str | None:
    """The district whose cases the user may open, if the user works in one."""
    district = user.district if user.role_enum in DISTRICT_ROLES else None
    if district is not None and has_permission(user, Permission.CASE_READ):
        return district.slug
    return None


def scope_for(user: User, filters: Filters) -> Scope:
    if has_permission(user, Permission.STATS_UNSUPPRESSED):
        return EVERY_CASE_UNSUPPRESSED
    own = own_district(user)
    if own is not None and filters.districts == (own,):
        return OWN_DISTRICT
    return EVERY_CASE_SUPPRESSED


def scope_note(user: User, scope: Scope) -> Promise:
    """Why the user sees the numbers as they do (shown above the statistics)."""
    if scope.suppress:
        own = own_district(user)
        if own is not None:
            return _(
                "Small numbers are hidden because the statistics include cases you "
                "do not have access to. Choose only your own district to see it "
                "without hidden numbers."
            )
        return _("Small numbers are hidden to protect the participants' privacy.")
    if not scope.whole_months:
        return _(
            "You see every number: your role lets you see statistics without hidden small numbers."
        )
    return _(
        "You see every number, because the statistics count only cases in your own "
        "district that you have access to."
    )
