"""What a contact list page costs in queries, for the tests that hold pages to it."""

from __future__ import annotations

from django.db import connection


def list_queries(on_sqlite: int) -> int:
    """``on_sqlite`` queries; one more on PostgreSQL, where the list asks the planner's estimate
    before it counts (core/counting.py)."""
    return on_sqlite + (connection.vendor == "postgresql")
