"""Where custom values live, and how lists filter and sort by them quickly on both databases.

Design: each record keeps its custom values in one JSON column, ``custom``, keyed by field key,
and each filterable field gets an *expression index* on that column, created when the field is
defined and dropped when it is deleted.

Why not a table of values (entity-attribute-value)? Reading a record, a list page or an API page
would then need a join or a second query per page for the values, and sorting a million-row list
by a value would have to join every row before it could sort. With the values on the row, a page
is one query, and an index on the expression ``json_extract(custom, '$.key')`` (SQLite) or
``(custom ->> 'key')`` (PostgreSQL) lets "sort by Risk profile" and "Portfolio ≥ 5,00,000" walk
an index just as a built-in column does. Why not a real column per field? Adding columns means
schema migrations at run time, which SQLite handles poorly and which lock big tables.

The planner uses an expression index only for the very same expression, with the key written
into the SQL as a literal (a bound parameter does not match). ``CustomValue`` below renders that
expression for queries, and ``index_sql`` renders it for the index, so the two cannot drift
apart. Keys are restricted to ``[a-z][a-z0-9_]*`` (see ``models.KEY_PATTERN``), so inlining them
is safe.

Several-choice fields hold a JSON list. PostgreSQL filters them with ``@>`` on one GIN index
over the whole column; SQLite gets a small partial index per option, matched by the same
``instr(...)`` term the filter uses.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

from django.db import connection, models
from django.db.models import Q
from django.db.models.expressions import Expression, RawSQL
from django.db.models.sql.compiler import SQLCompiler

from sampark.customfields.models import KEY_PATTERN, CustomField, FieldKind

_SAFE = re.compile(KEY_PATTERN)

# PostgreSQL's casts per kind; ``->>`` gives text. Money and numbers become float8, the same
# number SQLite's json_extract returns, so both databases sort and compare them alike.
_PG_CAST = {
    FieldKind.NUMBER: "::float8",
    FieldKind.MONEY: "::float8",
    FieldKind.BOOLEAN: "::boolean",
}
_OUTPUT = {
    FieldKind.NUMBER: models.FloatField,
    FieldKind.MONEY: models.FloatField,
    FieldKind.BOOLEAN: models.BooleanField,
}
SORTABLE = frozenset(set(FieldKind) - {FieldKind.MULTI_CHOICE})


def _checked(key: str) -> str:
    if not _SAFE.match(key):
        raise ValueError(f"unsafe custom field key {key!r}")
    return key


def _expression_sql(column: str, field: CustomField, vendor: str) -> str:
    key = _checked(field.key)
    if vendor == "postgresql":
        return f"(({column} ->> '{key}'){_PG_CAST.get(FieldKind(field.kind), '')})"
    return f"json_extract({column}, '$.{key}')"


class CustomValue(Expression):
    """A custom field's value, as the SQL expression its index is built on."""

    def __init__(self, field: CustomField) -> None:
        self.custom_field = field
        super().__init__(output_field=_OUTPUT.get(FieldKind(field.kind), models.TextField)())

    def as_sql(self, compiler: SQLCompiler, connection: Any) -> tuple[str, tuple[Any, ...]]:
        table = compiler.query.get_meta().db_table
        column = f"{connection.ops.quote_name(table)}.{connection.ops.quote_name('custom')}"
        return _expression_sql(column, self.custom_field, connection.vendor), ()

    def __repr__(self) -> str:
        return f"CustomValue({self.custom_field.object}.{self.custom_field.key})"


def has_option(field: CustomField, option: str, *, many: bool = False) -> Q:
    """Records whose several-choice ``field`` includes ``option``, in indexable SQL (or, with
    ``many``, as a condition SQLite checks row by row: see core/planner.py)."""
    key, option = _checked(field.key), _checked(option)
    if connection.vendor == "postgresql":
        return Q(custom__contains={key: [option]})
    # Options are stored as JSON strings, so the quotes keep "low" from matching "very_low".
    term = f"""instr(json_extract("custom", '$.{key}'), '"{option}"') > 0"""
    if many:
        inline = term.replace('"custom"', f'"{_table(field)}"."custom"')
        return Q(RawSQL(inline, [], output_field=models.BooleanField()))  # noqa: S611
    # Key and option are checked against KEY_PATTERN above, so nothing here needs quoting.
    subquery = f"SELECT id FROM {_table(field)} WHERE {term}"  # noqa: S608
    return Q(pk__in=RawSQL(subquery, []))  # noqa: S611


def _table(field: CustomField) -> str:
    from sampark.customfields.objects import model_of

    return model_of(field.object)._meta.db_table


def _index_name(field: CustomField, option: str = "") -> str:
    # PostgreSQL cuts names at 63 characters; a digest keeps long keys unique within that.
    digest = hashlib.sha256(f"{field.key}/{option}".encode()).hexdigest()[:10]
    return f"cf_{field.object}_{digest}"


def index_sql(field: CustomField, vendor: str) -> list[str]:
    """The CREATE INDEX statements that serve this field's filters and sorts."""
    table = _table(field)
    if field.kind == FieldKind.MULTI_CHOICE:
        if vendor == "postgresql":
            return []  # the GIN index on the whole column serves every option
        key = _checked(field.key)
        return [
            f'CREATE INDEX IF NOT EXISTS "{_index_name(field, option["key"])}" ON "{table}" (id) '
            f"""WHERE instr(json_extract("custom", '$.{key}'), '"{_checked(option["key"])}"') > 0"""
            for option in field.options
        ]
    expression = _expression_sql('"custom"', field, vendor)
    return [f'CREATE INDEX IF NOT EXISTS "{_index_name(field)}" ON "{table}" ({expression}, id)']


def create_indexes(field: CustomField) -> None:
    with connection.cursor() as cursor:
        for statement in index_sql(field, connection.vendor):
            cursor.execute(statement)


def drop_indexes(field: CustomField, options: list[dict[str, str]] | None = None) -> None:
    """Drop the field's indexes (or, with ``options``, only those options' partial indexes)."""
    if options is not None:
        names = [_index_name(field, option["key"]) for option in options]
    else:
        names = [_index_name(field)] + [_index_name(field, o["key"]) for o in field.options]
    with connection.cursor() as cursor:
        for name in names:
            cursor.execute(f'DROP INDEX IF EXISTS "{name}"')


def remove_values(field: CustomField) -> None:
    """Take a deleted field's values off every record (run before its index is dropped)."""
    table, key = _table(field), _checked(field.key)
    if connection.vendor == "postgresql":
        statement = f"UPDATE \"{table}\" SET custom = custom - '{key}' WHERE custom ? '{key}'"  # noqa: S608
    else:
        statement = (
            f"UPDATE \"{table}\" SET custom = json_remove(custom, '$.{key}') "  # noqa: S608
            f"WHERE json_extract(custom, '$.{key}') IS NOT NULL"  # the field's own index
        )
    with connection.cursor() as cursor:
        cursor.execute(statement)  # the key is checked: nothing here needs quoting
