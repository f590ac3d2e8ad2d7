"""How many rows a list holds, without counting a million of them on every page view.

A list says "12 contacts" or "More than 1,000 contacts": it counts up to a cap and stops. That
stops early when the rows it counts are many and come first, but a filter that keeps one row in
seventy (a custom field's value, within one team) reads seventy thousand rows to find a
thousand, and took PostgreSQL 22 ms. PostgreSQL's planner knows roughly how many rows a query
keeps; when it expects many times the cap, "more than the cap" is said without reading any.
Near the cap, or on SQLite (whose planner has no such estimate to give), the rows are counted.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import QuerySet

# How far above the cap an estimate must be to be believed without counting.
TRUSTED_MARGIN = 10


def count_up_to(queryset: QuerySet[Any], cap: int) -> int:
    """The number of rows, exact up to ``cap``; ``cap + 1`` stands for "more than ``cap``"."""
    queryset = queryset.order_by()
    if connection.vendor == "postgresql" and estimated_rows(queryset) > TRUSTED_MARGIN * cap:
        return cap + 1
    return queryset[: cap + 1].count()


def estimated_rows(queryset: QuerySet[Any]) -> int:
    """The PostgreSQL planner's estimate of the rows ``queryset`` returns."""
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:
        return 0
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    return int(plan[0]["Plan"]["Plan Rows"])
