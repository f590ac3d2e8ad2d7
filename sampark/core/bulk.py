"""Inserting many model instances at once, faster than ``bulk_create``.

``bulk_create`` builds one statement with a placeholder per value and compiles each value
through the SQL compiler; for an import's batch (500 contacts of 20 columns, their emails,
phones, audit entries…) building those statements cost more than the database took to run
them. ``insert`` prepares each value as ``bulk_create`` does (``pre_save`` fills automatic
dates, ``get_db_prep_save`` adapts JSON, dates and decimals for the database) and sends one
statement with all the rows through the driver's ``executemany``.

Like ``bulk_create`` it sends no signals and calls no ``save()``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import connection, models


def insert(objs: Sequence[models.Model], *, ids: bool = False) -> None:
    """INSERT ``objs`` (all of one model). With ``ids``, their primary keys are drawn first
    (from the table's sequence) and set on them, as ``bulk_create`` would return them;
    without, keys already set are written, and otherwise left to the database (the instances
    then keep none)."""
    if not objs:
        return
    opts = type(objs[0])._meta
    auto = opts.auto_field
    if ids:
        assert auto is not None, f"{opts.label} has no automatic key to draw"
        drawn = _next_ids(opts.db_table, _column(auto), len(objs))
        for obj, pk in zip(objs, drawn, strict=True):
            obj.pk = pk
    # Keys the caller set (an audit entry's sequence number) are written as they are.
    keyed = ids or objs[0].pk is not None
    fields = [f for f in opts.concrete_fields if keyed or f is not auto]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(_column(f)) for f in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    rows = [[f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields] for obj in objs]
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {quote(opts.db_table)} ({columns}) VALUES ({placeholders})",  # noqa: S608 (names from the model)
            rows,
        )
    for obj in objs:
        obj._state.adding = False
        obj._state.db = connection.alias


def _column(field: models.Field[Any, Any]) -> str:
    assert field.column is not None  # a concrete field has its column
    return field.column


def _next_ids(table: str, column: str, count: int) -> list[int]:
    """``count`` keys no row has had: what the table's sequence would hand out next."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [table, column, count],
            )
            return [row[0] for row in cursor.fetchall()]
        # SQLite: its write transactions are IMMEDIATE, so no other writer draws meanwhile;
        # the larger of the highest key and AUTOINCREMENT's record, so a deleted row's key is
        # never handed out again (inserting these keys moves the record on).
        cursor.execute(
            f"SELECT MAX(COALESCE((SELECT MAX({column}) FROM {table}), 0), "  # noqa: S608 (names from the model)
            "COALESCE((SELECT seq FROM sqlite_sequence WHERE name = %s), 0))",
            [table],
        )
        first = int(cursor.fetchone()[0]) + 1
        return list(range(first, first + count))
