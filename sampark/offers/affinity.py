"""Rebuilding the affinity table from a year of purchases and trades, in SQL.

A client "has" a product when they bought or traded it in the window; how often they deposit,
or how much, does not matter: each client counts once per product. Two products' affinity is
the cosine of their client sets, ``together / sqrt(product_clients * other_clients)``, so a
product everyone has does not crowd out everything else. The table is rebuilt whole in one
transaction by one ``INSERT … SELECT``: readers see the old table or the new one, never half,
and no transaction passes through Python however many there are.
"""

from __future__ import annotations

import datetime

from django.db import connection, transaction
from django.db.models import Min
from django.db.models.functions import Lower, Trim
from django.utils import timezone

from sampark.contacts.models import Transaction, TransactionKind
from sampark.offers.models import ProductAffinity

# What a client chose to buy or hold; deposits, withdrawals, refunds and fees say nothing of
# taste (a refund even says the opposite).
AFFINITY_KINDS = (TransactionKind.PURCHASE, TransactionKind.TRADE)


def product_key(field: str = "product") -> Lower:
    """A product's text as a key, in SQL: trimmed and in lower case. Computed by the database
    everywhere (never in Python), so keys compare alike on each backend (SQLite lowers ASCII
    letters only; Bengali has no case to fold)."""
    return Lower(Trim(field))


def refresh(
    window_days: int = 365, min_together: int = 2, *, now: datetime.datetime | None = None
) -> int:
    """Replace the whole table with the affinities of the last ``window_days``; pairs fewer than
    ``min_together`` clients share are left out (one client's basket is an anecdote, not a
    pattern). Returns how many rows (both directions of each pair) it wrote."""
    now = now or timezone.now()
    held = (
        Transaction.objects.filter(
            kind__in=AFFINITY_KINDS,
            occurred_at__gt=now - datetime.timedelta(days=window_days),
            occurred_at__lte=now,
        )
        .annotate(pkey=product_key(), shown=Trim("product"))
        .exclude(pkey="")
        .order_by()
        .values("contact_id", "pkey")
        .annotate(shown_name=Min("shown"))
    )
    held_sql, held_params = held.query.get_compiler(connection=connection).as_sql()
    table, columns = _target()
    # held: one row per client and product. clients: how many clients have each product, and
    # the name shown for it (the first of its spellings, as the database sorts them). The self-join by client pairs every
    # two products a client has, both ways round; grouped rows are per product pair, so few.
    # SQRT: PostgreSQL has it, and Django gives every SQLite connection one.
    # The WITH goes after INSERT INTO: before it, SQLite reports no row count.
    statement = f"""
        INSERT INTO {table} ({columns})
        WITH held (contact_id, product_key, product_name) AS ({held_sql}),
        clients (product_key, product_name, n) AS (
            SELECT product_key, MIN(product_name), COUNT(*) FROM held GROUP BY product_key
        )
        SELECT a.product_key, pa.product_name, b.product_key, pb.product_name,
               COUNT(*), pa.n, pb.n, COUNT(*) / SQRT(pa.n * pb.n), %s
        FROM held a
        JOIN held b ON b.contact_id = a.contact_id AND b.product_key <> a.product_key
        JOIN clients pa ON pa.product_key = a.product_key
        JOIN clients pb ON pb.product_key = b.product_key
        GROUP BY a.product_key, b.product_key, pa.product_name, pa.n, pb.product_name, pb.n
        HAVING COUNT(*) >= %s
    """  # noqa: S608 (names from the models' meta, values as placeholders)
    params = [*held_params, connection.ops.adapt_datetimefield_value(now), min_together]
    with transaction.atomic():
        ProductAffinity.objects.all().delete()
        with connection.cursor() as cursor:
            cursor.execute(statement, params)
            return max(cursor.rowcount, 0)


def _target() -> tuple[str, str]:
    """The affinity table and its columns in the order the SELECT above gives them, quoted."""
    quote = connection.ops.quote_name
    meta = ProductAffinity._meta
    fields = (
        "product_key",
        "product_name",
        "other_key",
        "other_name",
        "together",
        "product_clients",
        "other_clients",
        "score",
        "computed_at",
    )
    column = {field.name: field.column for field in meta.concrete_fields if field.column}
    columns = ", ".join(quote(column[name]) for name in fields)
    return quote(meta.db_table), columns
