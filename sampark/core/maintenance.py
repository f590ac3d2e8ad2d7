"""Keeping the database's query planner informed.

The planner chooses between indexes by the statistics it holds on each table. PostgreSQL keeps
them fresh itself (autovacuum); SQLite has none until ANALYZE runs, and without them it may walk
a whole table for a page of fifty rows. So Sampark analyses SQLite once when a table has none,
and asks it daily to refresh what has drifted.
"""

from __future__ import annotations

from django.db import connection


def optimize_database() -> str:
    """Refresh the planner's statistics; returns what was done, for logs."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE")
            return "analyzed"
        # A sample per index is as good for choosing plans and keeps this to a moment on
        # millions of rows.
        cursor.execute("PRAGMA analysis_limit = 1000")
        cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'")
        has_statistics = cursor.fetchone() is not None
        if has_statistics:
            cursor.execute("SELECT COUNT(*) FROM sqlite_stat1")
            has_statistics = cursor.fetchone()[0] > 0
        if not has_statistics:
            cursor.execute("ANALYZE")
            return "analyzed"
        # 0x10002: look at every table, not only those this connection has used.
        cursor.execute("PRAGMA optimize = 0x10002")
        return "optimized"
