"""Loading everything about one case, for the page that shows it.

``facts.facts_queryset`` loads many cases with ``prefetch_related``; for one case, on the
page advisers open most, the ORM's own work dominates: each of the seven related lists costs
about 0.4 ms of Python (building and compiling its query, running the prefetch machinery)
and a round trip to the database, for a few rows. Here:

- every list's statement is compiled once per process, by the ORM (so the SQL follows the
  models' fields and default ordering), with a placeholder for the case's key;
- on PostgreSQL the statements (and any the caller adds, such as the page's recent
  changes) go to the server in one round trip (psycopg's client-side
  binding runs several statements in one ``execute``; ``nextset`` walks the results) and
  the rows become model instances with ``Model.from_db``, as the ORM makes them; elsewhere
  (SQLite, the demo) each statement runs with ``raw()``, which applies the backend's
  converters;
- the rows are attached as the case's prefetched relations, so ``case.meetings.all()`` and
  everything that reads it (``facts.case_to_facts``, the templates) use them without a
  query.

Same rows, in the same order, as ``facts_queryset``: ``tests/cases/test_single.py`` holds
the two against each other on both databases. Attaching uses the cache Django's own
``prefetch_related`` fills (``_prefetched_objects_cache``: a queryset with its result cache
set); it is internal to Django, and that test fails loudly if an upgrade changes it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Model, QuerySet

from introsak.cases import models as m

# A value no key takes: where the case's primary key goes in a compiled statement.
_SLOT = -987_654_321


@dataclass(frozen=True)
class CaseRows:
    """Rows of one case to read with it: ``build(case_key)`` is the ORM's query for them,
    compiled once (plain rows of ``model``: no ``select_related``, no other parameter)."""

    key: str
    model: type[Model]
    build: Callable[[int], QuerySet[Any]]


def _of_case(model: type[Model]) -> Callable[[int], QuerySet[Any]]:
    def build(key: int) -> QuerySet[Any]:
        return model._default_manager.filter(case_id=key)

    return build


def users_of(model: type[Model], field: str) -> Callable[[int], QuerySet[Any]]:
    """The users a case's ``model`` rows name in ``field`` (e.g. the journal's authors)."""

    def build(key: int) -> QuerySet[Any]:
        named = model._default_manager.filter(case_id=key).values(f"{field}_id")
        return get_user_model()._default_manager.filter(pk__in=named)

    return build


def attach_users(rows: Sequence[Model], users: Sequence[Model], field: str) -> None:
    """Set each row's user ``field`` from ``users`` (read with ``users_of``): no query."""
    by_pk = {user.pk: user for user in users}
    for row in rows:
        user_pk = getattr(row, f"{field}_id")
        if user_pk is not None:
            setattr(row, field, by_pk[user_pk])


# What ``facts.facts_queryset`` prefetches, in the order the results are read.
_LISTS: tuple[CaseRows, ...] = (
    CaseRows("plans", m.IntegrationPlan, _of_case(m.IntegrationPlan)),
    CaseRows("meetings", m.Meeting, _of_case(m.Meeting)),
    CaseRows("activities", m.Activity, _of_case(m.Activity)),
    CaseRows("leaves", m.Leave, _of_case(m.Leave)),
    CaseRows("extensions", m.Extension, _of_case(m.Extension)),
    CaseRows("items", m.PlanItem, lambda key: m.PlanItem.objects.filter(plan__case_id=key)),
    CaseRows("journal_notes", m.JournalNote, _of_case(m.JournalNote)),
    CaseRows("authors", get_user_model(), users_of(m.JournalNote, "author")),
)
_compiled: dict[tuple[str, str, str], tuple[str, int]] = {}


def select_case(queryset: QuerySet[m.ProgrammeCase]) -> QuerySet[m.ProgrammeCase]:
    """The case's own row with the single rows ``case_to_facts`` reads (a gateway loader);
    ``load_lists`` adds the lists."""
    return queryset.select_related(
        "person", "district", "adviser", "education_recognition", "work_profile", "training"
    )


def _statement(item: CaseRows) -> str:
    """The SQL of ``item.build(case_pk)``, compiled on first use in this process and
    database; it selects the model's concrete fields in their order."""
    return _compiled_statement(item)[0]


def _compiled_statement(item: CaseRows) -> tuple[str, int]:
    """The SQL of ``item.build(case_pk)`` and how many times it takes the case's key (a
    statement may name it in several subqueries, and nothing else)."""
    cache_key = (connection.alias, connection.vendor, item.key)
    compiled = _compiled.get(cache_key)
    if compiled is None:
        sql, params = item.build(_SLOT).query.sql_with_params()
        if not params or set(params) != {_SLOT}:
            raise ValueError(f"{item.key}: the statement must take the case's key only")
        compiled = _compiled[cache_key] = (sql, len(params))
    return compiled


def rows_of(item: CaseRows, pk: int) -> list[Any]:
    """One ``CaseRows`` item's rows for the case ``pk``, from its statement compiled once
    per process (``raw()``: any database, the backend's converters applied). For callers
    whose rows did not come in ``load_lists``' round trip."""
    sql, count = _compiled_statement(item)
    return list(item.model._default_manager.raw(sql, [pk] * count))


def _needs_converters(model: type[Model]) -> bool:
    """Whether any field's database value needs converting (then only ``raw()`` is right)."""
    return any(
        field.get_db_converters(connection)
        or connection.ops.get_db_converters(field.get_col(model._meta.db_table))
        for field in model._meta.concrete_fields
    )


def _fetch_one_round_trip(pk: int, lists: Sequence[CaseRows]) -> list[list[Any]]:
    """Every list's rows, from one ``execute`` (PostgreSQL)."""
    statements = [_compiled_statement(item) for item in lists]
    sql = ";\n".join(statement for statement, _count in statements)
    results: list[list[Any]] = []
    with connection.cursor() as cursor:
        cursor.execute(sql, [pk] * sum(count for _statement, count in statements))
        for item in lists:
            names = [field.attname for field in item.model._meta.concrete_fields]
            results.append(
                [item.model.from_db(connection.alias, names, row) for row in cursor.fetchall()]
            )
            cursor.nextset()
    return results


def _fetch_one_by_one(pk: int) -> list[list[Any]]:
    """Every list's rows, one query each; the journal's authors come with the notes (a join
    ``raw()`` cannot fill, so the ORM as usual)."""
    lists = [
        list(item.model._default_manager.raw(_statement(item), [pk]))
        for item in _LISTS
        if item.key not in ("journal_notes", "authors")
    ]
    notes = list(m.JournalNote.objects.filter(case_id=pk).select_related("author"))
    authors = {note.author.pk: note.author for note in notes if note.author is not None}
    return [*lists, notes, list(authors.values())]


def _attach(instance: Model, accessor: str, rows: Sequence[Model]) -> None:
    """Make ``rows`` the prefetched value of the reverse relation ``accessor``."""
    manager = getattr(instance, accessor)
    queryset = manager.all()
    queryset._result_cache = list(rows)
    queryset._prefetch_done = True
    cache: dict[str, Any] = instance.__dict__.setdefault("_prefetched_objects_cache", {})
    cache[manager.field.remote_field.cache_name] = queryset


_round_trip_ok: dict[tuple[str, str], bool] = {}  # (database, rows) → no converters


def _one_round_trip(lists: Sequence[CaseRows]) -> bool:
    if connection.vendor != "postgresql":
        return False
    for item in lists:
        key = (connection.alias, item.key)
        if key not in _round_trip_ok:
            _round_trip_ok[key] = not _needs_converters(item.model)
        if not _round_trip_ok[key]:
            return False
    return True


def load_lists(case: m.ProgrammeCase, extra: Sequence[CaseRows] = ()) -> list[list[Any]] | None:
    """Attach every list ``case_to_facts`` and the case page read (plans with their items,
    meetings, activities, leave, extensions, journal notes with their authors): one round
    trip on PostgreSQL, seven queries elsewhere.

    ``extra`` rows (e.g. the page's recent changes) join the round trip on PostgreSQL and
    are returned in their order; elsewhere they are not read (``None``: the caller reads
    them its usual way, which costs no more queries than ``raw()`` would)."""
    lists = (*_LISTS, *extra)
    if _one_round_trip(lists):
        fetched = _fetch_one_round_trip(case.pk, lists)
        rows, extra_rows = fetched[: len(_LISTS)], fetched[len(_LISTS) :]
    else:
        rows, extra_rows = _fetch_one_by_one(case.pk), None
    plans, meetings, activities, leaves, extensions, items, notes, authors = rows
    for accessor, found in (
        ("plans", plans),
        ("meetings", meetings),
        ("activities", activities),
        ("leaves", leaves),
        ("extensions", extensions),
    ):
        _attach(case, accessor, found)
    by_plan: dict[int, list[m.PlanItem]] = defaultdict(list)
    for item in items:
        by_plan[item.plan_id].append(item)
    for plan in plans:
        _attach(plan, "items", by_plan.get(plan.pk, []))
    attach_users(notes, authors, "author")
    _attach(case, "journal_notes", notes)
    return extra_rows
