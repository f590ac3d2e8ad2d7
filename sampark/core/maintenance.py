"""Keeping the database's query planner informed.

The planner chooses between indexes by the statistics it holds on each table. PostgreSQL keeps
them fresh itself (autovacuum); SQLite has none until ANALYZE runs, and without them it may walk
a whole table for a page of fifty rows. So Sampark analyses every SQLite table that has none
(a new database; a table a migration rebuilt, which loses its statistics), and asks SQLite daily
to analyse again the tables that have changed much since (``PRAGMA optimize``).

Always over every row, never a sample (``analysis_limit``): sampled statistics estimate each
index's rows on its own, and on a table of a million rows those estimates differ several-fold
between indexes; SQLite then sorted the whole contact table for the first page of the list
instead of walking the index of its order (measured: 15 ms became 390 ms). A full analysis of
a million rows takes seconds, and it runs in the background, daily at most.
"""

from __future__ import annotations

from django.db import connection
from django.db.backends.utils import CursorWrapper


def optimize_database() -> str:
    """Refresh the planner's statistics; returns what was done, for logs."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE")
            return "analyzed"
        cursor.execute("PRAGMA analysis_limit = 0")  # every row: see the docstring
        unanalysed = _tables_without_statistics(cursor)
        if unanalysed:
            for table in unanalysed:
                cursor.execute(f'ANALYZE "{table}"')
            return "analyzed"
        # 0x10002: look at every table, not only those this connection has used.
        cursor.execute("PRAGMA optimize = 0x10002")
        return "optimized"


def _tables_without_statistics(cursor: CursorWrapper) -> list[str]:
    """Tables with an index (the only ones the planner wants statistics for), with rows (an
    empty table gets none from ANALYZE), and no statistics yet."""
    cursor.execute(
        "SELECT DISTINCT tbl_name FROM sqlite_master WHERE type = 'index'"
        " AND tbl_name NOT LIKE 'sqlite_%'"
    )
    indexed = [str(row[0]) for row in cursor.fetchall()]
    cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'")
    if cursor.fetchone() is None:
        return [table for table in indexed if _has_rows(cursor, table)]
    cursor.execute("SELECT DISTINCT tbl FROM sqlite_stat1")
    analysed = {str(row[0]) for row in cursor.fetchall()}
    return [table for table in indexed if table not in analysed and _has_rows(cursor, table)]


def _has_rows(cursor: CursorWrapper, table: str) -> bool:
    cursor.execute(f'SELECT 1 FROM "{table}" LIMIT 1')  # noqa: S608 - a name from sqlite_master
    return cursor.fetchone() is not None
