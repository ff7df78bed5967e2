"""Loading everything about one case, for the page that shows it, in the case's own query.

``facts.facts_queryset`` loads many cases with ``prefetch_related``: one query per related
list. For the one case of the page advisers open most, that is a dozen queries and most of
the page's ORM time. Here the case's row (read through the access gateway, with its single
related rows) carries every list as a column of its own, with public Django APIs only:

- each list is a ``CaseList``, a query expression of our own (Django's documented
  ``Expression`` API: ``get_source_expressions``, ``as_sql``, ``as_postgresql``): one
  correlated subquery that aggregates the related rows into one JSON array, each row a JSON
  array of the model's concrete fields in their order (``JSON_ARRAY`` and
  ``JSON_GROUP_ARRAY`` on SQLite, ``JSONB_BUILD_ARRAY`` and ``JSONB_AGG`` on PostgreSQL).
  Its SQL names tables and columns from the models' metadata and the case's key as Django
  compiles it; no value is written into it. It is read as a ``JSONField``;
- ``case_rows`` turns the arrays into model instances with the models' public constructor
  and each field's ``to_python``, puts each list in its model's ``Meta.ordering`` (an
  aggregate keeps no order), sets the users the rows name, and hands them on as explicit
  lists (``CaseRows``, with ``facts.CaseLists``), not as relation caches.

Why not querysets in ``Subquery`` expressions (tried first: the same single query): Django
resolved and compiled the ten subqueries on every request, 3.4 ms of CPU against the 0.9 ms
the page's lists cost before (docs/benchmarks/workspace.md); ``CaseList`` costs about 0.3 ms.

One query and one code path on SQLite and PostgreSQL; the same rows, in the same order, as
``facts_queryset`` (``tests/cases/test_single.py`` holds the two against each other on both
databases). A value goes through JSON: dates and times as ISO text, numbers as JSON numbers
(SQLite writes a float with 15 significant digits: the page's hours per week have one
decimal). Text is ordered as Python orders it, by code point; the ordered text field (the
plan items' kind) takes ASCII values only.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import (
    AutoField,
    BooleanField,
    CharField,
    DateTimeField,
    Expression,
    F,
    Field,
    IntegerField,
    JSONField,
    Model,
    QuerySet,
    TextField,
)

from introsak.accounts.models import User
from introsak.cases import models as m
from introsak.cases.domain.facts import CaseLists


@dataclass(frozen=True)
class _Names:
    """A model's table and columns, quoted for the backend the query is compiled for."""

    quote: Callable[[str], str]

    def table(self, model: type[Model]) -> str:
        return self.quote(model._meta.db_table)

    def column(self, model: type[Model], name: str) -> str:
        field = model._meta.get_field(name)
        if not isinstance(field, Field):
            raise TypeError(f"{model.__name__}.{name}: not a column")
        return self.quote(str(field.column))


class CaseList(Expression):
    """Every row of ``model`` that belongs to the case, as one JSON array (``[]`` for none)
    of JSON arrays holding the model's concrete fields in their order: one correlated
    subquery in the case's own query, its SQL written from the models' metadata (tables,
    columns, ``Meta.ordering``) by ``rows``, with no value in it.

    ``rows(names, case)`` gives the ``FROM … WHERE …`` of the rows, naming them ``t``;
    ``case`` is the case's key (the outer query's ``pk``, compiled by Django). The row and
    the aggregate are the backend's JSON functions: ``JSON_ARRAY``/``JSON_GROUP_ARRAY``
    (SQLite), ``JSONB_BUILD_ARRAY``/``JSONB_AGG`` (PostgreSQL)."""

    def __init__(self, model: type[Model], rows: Callable[[_Names, str], str]) -> None:
        super().__init__(output_field=JSONField())
        self.model, self.rows, self.case = model, rows, F("pk")

    def get_source_expressions(self) -> list[Any]:
        return [self.case]

    def set_source_expressions(self, exprs: Sequence[Any]) -> None:
        (self.case,) = exprs

    def as_sql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, Any]:
        return self._sql(compiler, connection, "JSON_GROUP_ARRAY({})", "JSON_ARRAY")

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, Any]:
        aggregate = "COALESCE(JSONB_AGG({}), '[]')"
        return self._sql(compiler, connection, aggregate, "JSONB_BUILD_ARRAY")

    def _sql(
        self, compiler: Any, connection: Any, aggregate: str, row: str
    ) -> tuple[str, tuple[Any, ...]]:
        case_sql, case_params = compiler.compile(self.case)
        names = _Names(connection.ops.quote_name)
        fields = self.model._meta.concrete_fields
        columns = ", ".join(f"t.{names.quote(str(f.column))}" for f in fields)
        rows = self.rows(names, case_sql)
        values = aggregate.format(f"{row}({columns})")
        sql = f"(SELECT {values} FROM {rows})"  # noqa: S608 - identifiers and the key only
        return sql, tuple(case_params) * rows.count(case_sql)


def _of_case(model: type[Model]) -> CaseList:
    """The model's rows whose ``case`` is the case."""

    def rows(names: _Names, case: str) -> str:
        return f"{names.table(model)} t WHERE t.{names.column(model, 'case')} = {case}"

    return CaseList(model, rows)


def _plan_items() -> CaseList:
    plan, item = m.IntegrationPlan, m.PlanItem

    def rows(names: _Names, case: str) -> str:
        plans = (
            f"SELECT p.{names.column(plan, 'id')} FROM {names.table(plan)} p "  # noqa: S608
            f"WHERE p.{names.column(plan, 'case')} = {case}"
        )
        return f"{names.table(item)} t WHERE t.{names.column(item, 'plan')} IN ({plans})"

    return CaseList(item, rows)


def _recent_changes(count: int) -> CaseList:
    """The case's last ``count`` changes (by ``CaseChange.Meta.ordering``)."""
    change = m.CaseChange
    ordering = [str(name) for name in change._meta.ordering or ()]

    def rows(names: _Names, case: str) -> str:
        order = ", ".join(
            f"c.{names.column(change, name.lstrip('-'))}"
            + (" DESC" if name.startswith("-") else "")
            for name in ordering
        )
        last = (
            f"SELECT * FROM {names.table(change)} c "  # noqa: S608
            f"WHERE c.{names.column(change, 'case')} = {case} "
            f"ORDER BY {order} LIMIT {int(count)}"
        )
        return f"({last}) t"

    return CaseList(change, rows)


# The users the case's rows name: authors of journal notes, who recorded an event or made a
# change or a correction.
_NAMING: tuple[tuple[type[Model], str], ...] = (
    (m.JournalNote, "author"),
    (m.CaseChange, "user"),
    (m.EventCorrection, "user"),
    (m.Meeting, "recorded_by"),
    (m.Activity, "recorded_by"),
    (m.Leave, "recorded_by"),
    (m.Extension, "recorded_by"),
    (m.EducationRecognition, "recorded_by"),
)


def _staff() -> CaseList:
    user = get_user_model()

    def rows(names: _Names, case: str) -> str:
        named = " UNION ".join(
            f"SELECT {names.column(model, field)} FROM {names.table(model)} "  # noqa: S608
            f"WHERE {names.column(model, 'case')} = {case}"
            for model, field in _NAMING
        )
        return f"{names.table(user)} t WHERE t.{names.column(user, 'id')} IN ({named})"

    return CaseList(user, rows)


def _lists(recent_changes: int) -> dict[str, CaseList]:
    return {
        "plans": _of_case(m.IntegrationPlan),
        "plan_items": _plan_items(),
        "meetings": _of_case(m.Meeting),
        "activities": _of_case(m.Activity),
        "leaves": _of_case(m.Leave),
        "extensions": _of_case(m.Extension),
        "journal_notes": _of_case(m.JournalNote),
        "recent_changes": _recent_changes(recent_changes),
        "corrections": _of_case(m.EventCorrection),
        "staff": _staff(),
    }


_PREFIX = "rows_"  # the annotations' names: ``rows_meetings`` …


def select_case(queryset: QuerySet[m.ProgrammeCase]) -> QuerySet[m.ProgrammeCase]:
    """A gateway loader: the case's own row with the single rows ``case_to_facts`` reads."""
    return queryset.select_related(
        "person", "district", "adviser", "education_recognition", "work_profile", "training"
    )


def case_page_loader(
    *, recent_changes: int
) -> Callable[[QuerySet[m.ProgrammeCase]], QuerySet[m.ProgrammeCase]]:
    """A gateway loader for the case page: ``select_case`` and, as columns of the same row,
    every list the page shows (the last ``recent_changes`` changes). Read the lists with
    ``case_rows``."""
    lists = {_PREFIX + name: rows for name, rows in _lists(recent_changes).items()}

    def load(queryset: QuerySet[m.ProgrammeCase]) -> QuerySet[m.ProgrammeCase]:
        return select_case(queryset).annotate(**lists)

    return load


@dataclass(frozen=True)
class CaseRows:
    """Everything the case page reads of a case besides its own row: the lists
    ``case_to_facts`` reads, the recent changes (newest first) and the corrections of
    events (oldest first), each change, correction and journal note with its user, and
    every user these rows name (``staff``, by key)."""

    lists: CaseLists
    recent_changes: list[m.CaseChange]
    corrections: list[m.EventCorrection]
    staff: dict[int, User]


def case_rows(case: m.ProgrammeCase) -> CaseRows:
    """The lists of a case read with ``case_page_loader`` (no query)."""
    staff = {user.pk: user for user in _instances(get_user_model(), _read(case, "staff"))}
    plans = _instances(m.IntegrationPlan, _read(case, "plans"))
    plan_items: dict[int, list[m.PlanItem]] = {plan.pk: [] for plan in plans}
    for item in _instances(m.PlanItem, _read(case, "plan_items")):
        plan_items[item.plan_id].append(item)
    notes = _instances(m.JournalNote, _read(case, "journal_notes"))
    changes = _instances(m.CaseChange, _read(case, "recent_changes"))
    corrections = _instances(m.EventCorrection, _read(case, "corrections"))
    _set_users(notes, "author", staff)
    _set_users(changes, "user", staff)
    _set_users(corrections, "user", staff)
    return CaseRows(
        lists=CaseLists(
            plans=plans,
            plan_items=plan_items,
            meetings=_instances(m.Meeting, _read(case, "meetings")),
            activities=_instances(m.Activity, _read(case, "activities")),
            leaves=_instances(m.Leave, _read(case, "leaves")),
            extensions=_instances(m.Extension, _read(case, "extensions")),
            journal_notes=notes,
        ),
        recent_changes=changes,
        corrections=corrections,
        staff=staff,
    )


def _read(case: m.ProgrammeCase, name: str) -> list[list[Any]]:
    rows = getattr(case, _PREFIX + name, None)
    if rows is None:
        raise ValueError(f"{name}: the case was not loaded with case_page_loader")
    return list(rows)


def _set_users(rows: Sequence[Model], field: str, staff: dict[int, User]) -> None:
    for row in rows:
        user_pk = getattr(row, f"{field}_id")
        if user_pk is not None:
            setattr(row, field, staff[user_pk])


def _instances(model: type[Model], rows: list[list[Any]]) -> list[Any]:
    """Model instances from JSON rows of the model's concrete fields, in the model's
    order."""
    converters = _converters(model)
    instances = [
        model(
            *(
                value if convert is None else convert(value)
                for convert, value in zip(converters, row, strict=True)
            )
        )
        for row in rows
    ]
    return _in_order(model, instances)


Converter = Callable[[Any], Any] | None


@cache
def _converters(model: type[Model]) -> tuple[Converter, ...]:
    return tuple(_converter(field) for field in model._meta.concrete_fields)


def _converter(field: Field[Any, Any]) -> Converter:
    """How a field's JSON value becomes its Python value (``None``: it already is)."""
    target = field.target_field if field.is_relation else field  # type: ignore[attr-defined]
    if isinstance(target, JSONField):
        raise TypeError(f"{field.name}: a JSON field cannot be read from a JSON row")
    if isinstance(target, CharField | TextField | IntegerField | AutoField):
        return None
    if isinstance(target, DateTimeField):
        return _datetime
    if isinstance(target, BooleanField):
        return lambda value: None if value is None else bool(value)
    return target.to_python


def _datetime(value: Any) -> datetime | None:
    """A stored time: ISO text with its offset (PostgreSQL) or without (SQLite, which
    stores UTC)."""
    if value is None:
        return None
    parsed = datetime.fromisoformat(value)
    if settings.USE_TZ and parsed.tzinfo is None:
        return parsed.replace(tzinfo=UTC)
    return parsed


def _in_order(model: type[Model], instances: list[Any]) -> list[Any]:
    """The instances in the model's ``Meta.ordering``, as the database orders them (a
    missing value sorts last ascending on PostgreSQL, first on SQLite)."""
    nulls_last = connection.vendor == "postgresql"
    for name in map(str, reversed(model._meta.ordering or ())):
        descending = name.startswith("-")
        field = (
            model._meta.pk if name.lstrip("-") == "pk" else model._meta.get_field(name.lstrip("-"))
        )
        attname = field.attname if isinstance(field, Field) else field.name

        def key(instance: Any, attname: str = attname) -> tuple[bool, Any]:
            value = getattr(instance, attname)
            return ((value is None) == nulls_last, value)

        instances.sort(key=key, reverse=descending)
    return instances
