"""Saved filter sets: a user's named worklist views (``workspace.SavedFilter``).

A set keeps what the worklist's URL says about the view (scope, ready filters and their
combination, adviser, sort, closed cases shown) and never the search text, which may be a
participant's name: a saved set is a staff setting, kept while the account exists, and must
hold no participant data. Saving under a name the user already has replaces that set.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.db import transaction
from django.utils.translation import gettext as _

from introsak.accounts.models import User
from introsak.cases.domain.operations import StepRejected
from introsak.workspace.domain.worklist import Query, Sort
from introsak.workspace.models import SavedFilter

MAX_SAVED = 30
MAX_NAME = 80


def saved_query(query: Query) -> str:
    """The worklist query string of a saved set: the view without search text or page."""
    params: dict[str, object] = {"scope": query.scope.value}
    if query.filter != "all":
        params["filter"] = query.filter
    if query.also:
        params["and"] = ",".join(query.also)
    if query.adviser:
        params["adviser"] = query.adviser
    if query.sort_param != Sort.DEADLINE.value:
        params["sort"] = query.sort_param
    if query.include_closed:
        params["closed"] = "1"
    return urlencode(params)


def saved_filters(user: User) -> list[SavedFilter]:
    return list(SavedFilter.objects.filter(user=user))


@transaction.atomic
def filter_save(*, user: User, name: str, query: Query) -> SavedFilter:
    """Save the worklist view ``query`` under ``name`` for ``user`` (replacing a set of the
    same name). Refuses (``StepRejected`` on ``name``) an empty or too long name, and a new
    set beyond ``MAX_SAVED``."""
    name = " ".join(name.split())
    if not name:
        raise StepRejected({"name": [_("Give the filter set a name.")]})
    if len(name) > MAX_NAME:
        raise StepRejected({"name": [_("Write at most %(n)d characters.") % {"n": MAX_NAME}]})
    existing = SavedFilter.objects.select_for_update().filter(user=user, name=name).first()
    if existing is not None:
        existing.query = saved_query(query)
        existing.save(update_fields=["query"])
        return existing
    if SavedFilter.objects.filter(user=user).count() >= MAX_SAVED:
        raise StepRejected(
            {"name": [_("You have %(n)d saved filter sets: delete one first.") % {"n": MAX_SAVED}]}
        )
    return SavedFilter.objects.create(user=user, name=name, query=saved_query(query))


@transaction.atomic
def filter_delete(*, user: User, pk: int) -> bool:
    """Delete one of ``user``'s saved sets; False when there is none with that key."""
    deleted, _rows = SavedFilter.objects.filter(user=user, pk=pk).delete()
    return deleted > 0
