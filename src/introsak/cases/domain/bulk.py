"""Fast bulk writes for import: plain rows, no model instances.

Import writes millions of rows (100,000 cases ≈ 3 million rows with their plans, meetings,
activities and findings). Building a Django model per row costs more than writing it, so
import sends plain value tuples: PostgreSQL's COPY through psycopg 3, or ``executemany`` on
SQLite. Primary keys are allocated up front (the identity sequence on PostgreSQL; past the
current maximum on SQLite, where the import transaction holds the write lock), so children
can refer to their parents without reading anything back.

Only import uses this module; everything else writes through the ORM. Statements go through
Django's cursor with ``%s`` placeholders on both databases (Django turns them into SQLite's
``?``), so DEBUG's SQL logging, which substitutes the parameters into the statement, works too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from typing import Any

from django.db import connection
from django.db.models import Model

Row = tuple[Any, ...]


def columns_of(model: type[Model], fields: Sequence[str]) -> list[str]:
    """Database columns of fields named by attribute (``case_id`` for a foreign key)."""
    by_attname = {f.attname: str(f.column) for f in model._meta.concrete_fields}
    return [by_attname[name] for name in fields]


def allocate_ids(model: type[Model], count: int) -> list[int]:
    """``count`` fresh primary keys for ``model`` (inside the import's transaction)."""
    if count == 0:
        return []
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [table, count],
            )
            return [row[0] for row in cursor.fetchall()]
        cursor.execute(f'SELECT COALESCE(MAX("id"), 0) FROM "{table}"')  # noqa: S608
        first = int(cursor.fetchone()[0]) + 1
    return list(range(first, first + count))


def insert_rows(model: type[Model], fields: Sequence[str], rows: Iterable[Row]) -> int:
    """Insert rows (values in the order of ``fields``); return the number written."""
    table = model._meta.db_table
    columns = ", ".join(f'"{c}"' for c in columns_of(model, fields))
    count = 0
    if connection.vendor == "postgresql":
        raw = connection.connection
        with raw.cursor() as cursor, cursor.copy(f'COPY "{table}" ({columns}) FROM STDIN') as copy:
            for row in rows:
                copy.write_row(row)
                count += 1
        return count
    adapt = _sqlite_adapter()
    batch = [adapt(row) for row in rows]
    placeholders = ", ".join("%s" for _ in fields)
    with connection.cursor() as cursor:
        cursor.executemany(
            f'INSERT INTO "{table}" ({columns}) VALUES ({placeholders})',  # noqa: S608
            batch,
        )
    return len(batch)


def update_rows(model: type[Model], fields: Sequence[str], rows: Iterable[Row]) -> None:
    """Update rows by primary key: each row is (values in the order of ``fields``..., pk)."""
    table = model._meta.db_table
    assignments = ", ".join(f'"{c}" = %s' for c in columns_of(model, fields))
    sql = f'UPDATE "{table}" SET {assignments} WHERE "id" = %s'  # noqa: S608
    adapt = _sqlite_adapter() if connection.vendor != "postgresql" else tuple
    batch = [adapt(r) for r in rows]
    with connection.cursor() as cursor:
        cursor.executemany(sql, batch)


def delete_where_in(model: type[Model], field: str, values: Sequence[int]) -> None:
    """Delete the rows whose ``field`` is one of ``values`` (no cascades, no signals)."""
    if not values:
        return
    table = model._meta.db_table
    column = columns_of(model, [field])[0]
    with connection.cursor() as cursor:
        for start in range(0, len(values), 5000):
            chunk = list(values[start : start + 5000])
            if connection.vendor == "postgresql":
                cursor.execute(
                    f'DELETE FROM "{table}" WHERE "{column}" = ANY(%s)',  # noqa: S608
                    [chunk],
                )
            else:
                marks = ", ".join("%s" for _ in chunk)
                cursor.execute(
                    f'DELETE FROM "{table}" WHERE "{column}" IN ({marks})',  # noqa: S608
                    chunk,
                )


def _sqlite_adapter() -> Callable[[Row], Row]:
    """A function giving values as Django itself stores them on SQLite (dates as text)."""
    ops = connection.ops
    adapt_datetime = ops.adapt_datetimefield_value

    def adapt(row: Row) -> Row:
        return tuple(
            (adapt_datetime(v) if type(v) is datetime else v.isoformat())
            if isinstance(v, date)
            else v
            for v in row
        )

    return adapt
