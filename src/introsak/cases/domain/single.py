"""Loading everything about one case, for the page that shows it, in the case's own query.

``facts.facts_queryset`` loads many cases with ``prefetch_related``: one query per related
list. For the one case of the page advisers open most, that is a dozen queries and most of
the page's ORM time. Here the case's row (read through the access gateway, with its single
related rows) carries every list as a column of its own, built in the database with the
public ORM:

- each list is a correlated subquery over the related model, one JSON array per row
  (``JSONArray``: ``JSON_ARRAY`` on SQLite, ``JSONB_BUILD_ARRAY`` on PostgreSQL) holding the
  model's concrete fields in their order;
- ``JSONRows`` (a ``Subquery`` with its own template, as Django documents for aggregating
  in a subquery) aggregates those rows into one JSON array (``JSON_GROUP_ARRAY`` /
  ``JSONB_AGG``), read as a ``JSONField``;
- ``case_rows`` turns the arrays into model instances with the models' public constructor
  and each field's ``to_python``, puts each list in its model's ``Meta.ordering`` (an
  aggregate keeps no order on SQLite), and hands them on as explicit lists (``CaseRows``,
  with ``facts.CaseLists``), not as relation caches.

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
    F,
    Field,
    Func,
    IntegerField,
    JSONField,
    Model,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    TextField,
)

from introsak.accounts.models import User
from introsak.cases import models as m
from introsak.cases.domain.facts import CaseLists


class JSONArray(Func):
    """One row as a JSON array of its expressions."""

    function = "JSON_ARRAY"
    output_field = JSONField()

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(compiler, connection, function="JSONB_BUILD_ARRAY", **extra)


class JSONRows(Subquery):
    """The rows of a queryset with one column, ``json_row`` (a ``JSONArray``), as one JSON
    array; ``[]`` when there is no row. SQLite's ``JSON()`` keeps each row an array rather
    than a string: a value loses its JSON type on its way out of a subquery."""

    template = "(SELECT JSON_GROUP_ARRAY(JSON(json_rows.json_row)) FROM (%(subquery)s) json_rows)"

    def __init__(self, queryset: QuerySet[Any]) -> None:
        super().__init__(queryset, output_field=JSONField())

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        template = (
            "(SELECT COALESCE(JSONB_AGG(json_rows.json_row), '[]') FROM (%(subquery)s) json_rows)"
        )
        return self.as_sql(compiler, connection, template=template, **extra)


def _as_json_rows(rows: QuerySet[Any]) -> JSONRows:
    fields = rows.model._meta.concrete_fields
    return JSONRows(rows.values(json_row=JSONArray(*(F(f.attname) for f in fields))))


def _staff(case: OuterRef) -> QuerySet[Any]:
    """The users the case's rows name: authors of journal notes, who recorded an event or
    made a change or a correction."""
    named: list[tuple[type[Model], str]] = [
        (m.JournalNote, "author_id"),
        (m.CaseChange, "user_id"),
        (m.EventCorrection, "user_id"),
        (m.Meeting, "recorded_by_id"),
        (m.Activity, "recorded_by_id"),
        (m.Leave, "recorded_by_id"),
        (m.Extension, "recorded_by_id"),
        (m.EducationRecognition, "recorded_by_id"),
    ]
    condition = Q()
    for model, column in named:
        condition |= Q(pk__in=model._default_manager.filter(case_id=case).values(column))
    return get_user_model()._default_manager.filter(condition)


def _lists(recent_changes: int) -> dict[str, QuerySet[Any]]:
    """The rows of every list, correlated with the case (``OuterRef``; the staff's
    conditions are subqueries of their own, so the case is one level further out)."""
    case = OuterRef("pk")

    def of_case(model: type[Model]) -> QuerySet[Any]:
        return model._default_manager.filter(case_id=case)

    return {
        "plans": of_case(m.IntegrationPlan),
        "plan_items": m.PlanItem.objects.filter(plan__case_id=case),
        "meetings": of_case(m.Meeting),
        "activities": of_case(m.Activity),
        "leaves": of_case(m.Leave),
        "extensions": of_case(m.Extension),
        "journal_notes": of_case(m.JournalNote),
        "recent_changes": of_case(m.CaseChange)[:recent_changes],
        "corrections": of_case(m.EventCorrection),
        "staff": _staff(OuterRef(case)),
    }


_PREFIX = "rows_"  # the annotations' names: ``rows_meetings`` …


def select_case(
    *, recent_changes: int
) -> Callable[[QuerySet[m.ProgrammeCase]], QuerySet[m.ProgrammeCase]]:
    """A gateway loader: the case's row with the single rows ``case_to_facts`` reads and,
    as columns of the same row, every list the case page shows (the last
    ``recent_changes`` changes). Read the lists with ``case_rows``.

    The lists' expressions are built once, here: their querysets resolve their columns
    when built, and ``annotate`` resolves a copy of each for every query it joins."""
    lists = {_PREFIX + name: _as_json_rows(rows) for name, rows in _lists(recent_changes).items()}

    def load(queryset: QuerySet[m.ProgrammeCase]) -> QuerySet[m.ProgrammeCase]:
        return queryset.select_related(
            "person", "district", "adviser", "education_recognition"
        ).annotate(**lists)

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
    """The lists of a case read with ``select_case`` (no query)."""
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
        raise ValueError(f"{name}: the case was not loaded with select_case")
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
