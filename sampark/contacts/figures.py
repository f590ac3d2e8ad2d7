"""A client's key figures from their transactions, in two aggregate queries whatever their number.

Money is never added across currencies: every money figure is a mapping from currency code to
amount, in code order.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Max, Min, Sum

from sampark.contacts.models import Contact, Transaction, TransactionKind, TransactionQuerySet
from sampark.core.models import User

PREFERRED_ASSETS = 3
# The kinds that say what a client buys or holds, for their preferred assets.
ASSET_KINDS = (TransactionKind.PURCHASE, TransactionKind.TRADE)
_DAYS_PER_PERIOD = Decimal(30)
_ZERO = Decimal("0.00")


@dataclass(frozen=True)
class ClientFigures:
    lifetime_value: dict[str, Decimal] = field(default_factory=dict)
    """Purchases and trades less refunds, per currency."""
    first_purchase_at: datetime.datetime | None = None
    last_purchase_at: datetime.datetime | None = None
    purchase_count: int = 0
    purchase_frequency: Decimal | None = None
    """Purchases per 30 days between the first and the last; None with fewer than two."""
    net_deposits: dict[str, Decimal] = field(default_factory=dict)
    """Deposits less withdrawals, per currency."""
    trade_count: int = 0
    trade_profit: dict[str, Decimal] = field(default_factory=dict)
    """The trades' total profit, per currency in which there were trades."""
    preferred_assets: list[str] = field(default_factory=list)
    """The products bought or traded most often, most often first (at most three)."""

    @property
    def is_empty(self) -> bool:
        return not (self.lifetime_value or self.net_deposits or self.trade_count)


def purchase_frequency(
    count: int, first: datetime.datetime | None, last: datetime.datetime | None
) -> Decimal | None:
    """Purchases per 30 days: the intervals between purchases over the days they span.

    Two purchases 30 days apart are one purchase per 30 days. Purchases on the same day count as
    spanning one day, so a burst reads as frequent rather than dividing by zero.
    """
    if count < 2 or first is None or last is None:
        return None
    days = max(Decimal((last - first).total_seconds()) / Decimal(86400), Decimal(1))
    return ((count - 1) * _DAYS_PER_PERIOD / days).quantize(Decimal("0.01"))


def client_figures(contact: Contact, *, user: User | None = None) -> ClientFigures:
    """The contact's figures; with ``user``, from only the transactions that user may see."""
    transactions: TransactionQuerySet = (
        Transaction.objects.visible_to(user) if user is not None else Transaction.objects.all()
    )
    transactions = transactions.on_contact(contact)
    # One row per kind and currency: a handful, however many transactions there are.
    groups = list(
        transactions.order_by()
        .values("kind", "currency")
        .annotate(
            count=Count("id"),
            amount=Sum("amount"),
            profit=Sum("profit"),
            first=Min("occurred_at"),
            last=Max("occurred_at"),
        )
    )
    assets = (
        transactions.filter(kind__in=ASSET_KINDS)
        .exclude(product="")
        .order_by()
        .values("product")
        .annotate(count=Count("id"))
        .order_by("-count", "product")[:PREFERRED_ASSETS]
    )

    lifetime: dict[str, Decimal] = {}
    deposits: dict[str, Decimal] = {}
    profit: dict[str, Decimal] = {}
    purchases = trades = 0
    first: datetime.datetime | None = None
    last: datetime.datetime | None = None
    signs: dict[str, tuple[dict[str, Decimal], int]] = {
        TransactionKind.PURCHASE: (lifetime, 1),
        TransactionKind.TRADE: (lifetime, 1),
        TransactionKind.REFUND: (lifetime, -1),
        TransactionKind.DEPOSIT: (deposits, 1),
        TransactionKind.WITHDRAWAL: (deposits, -1),
    }
    for group in groups:
        kind, currency, amount = group["kind"], group["currency"], group["amount"] or _ZERO
        if kind in signs:
            totals, sign = signs[kind]
            totals[currency] = totals.get(currency, _ZERO) + sign * amount
        if kind == TransactionKind.PURCHASE:
            purchases += group["count"]
            first = group["first"] if first is None else min(first, group["first"])
            last = group["last"] if last is None else max(last, group["last"])
        elif kind == TransactionKind.TRADE:
            trades += group["count"]
            profit[currency] = profit.get(currency, _ZERO) + (group["profit"] or _ZERO)

    return ClientFigures(
        lifetime_value=dict(sorted(lifetime.items())),
        first_purchase_at=first,
        last_purchase_at=last,
        purchase_count=purchases,
        purchase_frequency=purchase_frequency(purchases, first, last),
        net_deposits=dict(sorted(deposits.items())),
        trade_count=trades,
        trade_profit=dict(sorted(profit.items())),
        preferred_assets=[row["product"] for row in assets],
    )
