"""A hint for SQLite's query planner on list pages.

A list page asks for 50 rows in some order ("by name") out of the rows a filter keeps ("mine or
my teams'"). A planner can either find the filtered rows through the filter's index and sort
them all, or walk the order's index and keep the first 50 that pass the filter. When the filter
keeps few rows the first wins; when it keeps many (an agent's team holds 50,000 of a million)
the second does, by a hundred times. PostgreSQL weighs the LIMIT and chooses well; SQLite,
with only sampled statistics, often sorts 50,000 rows to show 50.

The lists know which case they are in, because they count the matches (up to a cap) anyway:
above the cap, they build the filter with ``unindexed`` columns. On SQLite that writes the
column as ``+column``, the same value, which the planner will not look up through an index, so
it walks the order's index instead. Elsewhere the column is left as it is.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import F, Func


class Unindexed(Func):
    template = "+%(expressions)s"

    def as_sql(  # type: ignore[override]
        self, compiler: Any, connection: Any, **extra: Any
    ) -> Any:
        if connection.vendor != "sqlite":
            return compiler.compile(self.source_expressions[0])
        return super().as_sql(compiler, connection, **extra)


def unindexed(column: str | models.Expression, output_field: models.Field[Any, Any]) -> Unindexed:
    expression = F(column) if isinstance(column, str) else column
    return Unindexed(expression, output_field=output_field)
