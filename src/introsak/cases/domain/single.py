"""Loading everything about one case, for the page that shows it.

``facts.facts_queryset`` loads many cases with ``prefetch_related``; for one case, on the
page advisers open most, the ORM's work dominates: each of the seven related lists costs
about 0.4 ms of Python (building and compiling its query, running the prefetch machinery)
for a few rows. Here each list's statement is compiled once per process (the ORM still
writes the SQL, from the models' fields and default ordering) and run with ``raw()``, and
the rows are attached as the case's prefetched relations, so that ``case.meetings.all()``
and everything that reads it (``facts.case_to_facts``, the templates) use them without a
query. Same queries, same rows, same order as ``facts_queryset``; a test holds the two
against each other.

Attaching uses the cache Django's own ``prefetch_related`` fills
(``_prefetched_objects_cache``, a queryset with its result cache set). It is internal to
Django; the test above fails loudly if a Django upgrade changes it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any

from django.db import connection
from django.db.models import Model, QuerySet

from introsak.cases import models as m

# A value no key takes: where the case's primary key goes in a compiled statement.
_SLOT = -987_654_321
_compiled: dict[tuple[str, str, str], str] = {}

# The case's lists, as ``facts.facts_queryset`` prefetches them (journal notes apart).
_LISTS: tuple[tuple[str, type[Model]], ...] = (
    ("plans", m.IntegrationPlan),
    ("meetings", m.Meeting),
    ("activities", m.Activity),
    ("leaves", m.Leave),
    ("extensions", m.Extension),
)


def select_case(queryset: QuerySet[m.ProgrammeCase]) -> QuerySet[m.ProgrammeCase]:
    """The case's own row with the single rows ``case_to_facts`` reads (a gateway loader);
    ``load_lists`` adds the lists."""
    return queryset.select_related("person", "district", "adviser", "education_recognition")


def _statement(key: str, build: Callable[[int], QuerySet[Any]]) -> str:
    """The SQL of ``build(case_pk)``, compiled on first use in this process and database."""
    cache_key = (connection.alias, connection.vendor, key)
    sql = _compiled.get(cache_key)
    if sql is None:
        sql, params = build(_SLOT).query.sql_with_params()
        if tuple(params) != (_SLOT,):
            raise ValueError(f"{key}: the statement must take the case's key only")
        _compiled[cache_key] = sql
    return sql


def _rows(
    key: str, model: type[Model], build: Callable[[int], QuerySet[Any]], pk: int
) -> list[Any]:
    return list(model._default_manager.raw(_statement(key, build), [pk]))


def _of_case(model: type[Model]) -> Callable[[int], QuerySet[Any]]:
    def build(key: int) -> QuerySet[Any]:
        return model._default_manager.filter(case_id=key)

    return build


def _attach(instance: Model, accessor: str, rows: Sequence[Model]) -> None:
    """Make ``rows`` the prefetched value of the reverse relation ``accessor``."""
    manager = getattr(instance, accessor)
    queryset = manager.all()
    queryset._result_cache = list(rows)
    queryset._prefetch_done = True
    cache: dict[str, Any] = instance.__dict__.setdefault("_prefetched_objects_cache", {})
    cache[manager.field.remote_field.cache_name] = queryset


def load_lists(case: m.ProgrammeCase) -> m.ProgrammeCase:
    """Attach every list ``case_to_facts`` and the case page read (plans with their items,
    meetings, activities, leave, extensions, journal notes with their authors): seven
    queries, as with ``facts_queryset``. Returns the case."""
    pk = case.pk
    for accessor, model in _LISTS:
        _attach(case, accessor, _rows(accessor, model, _of_case(model), pk))
    items: dict[int, list[m.PlanItem]] = defaultdict(list)
    for item in _rows(
        "items", m.PlanItem, lambda key: m.PlanItem.objects.filter(plan__case_id=key), pk
    ):
        items[item.plan_id].append(item)
    for plan in case.plans.all():
        _attach(plan, "items", items.get(plan.pk, []))
    # The authors come with the notes (a join ``raw()`` cannot fill): the ORM as usual.
    notes = m.JournalNote.objects.filter(case_id=pk).select_related("author")
    _attach(case, "journal_notes", list(notes))
    return case
