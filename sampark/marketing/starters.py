"""The segments a firm starts with, shipped as ordinary editable segments (see the migration
that adds them): the groups a brokerage or adviser talks to differently from the first day."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from sampark.contacts.conditions import Rule


@dataclass(frozen=True)
class Starter:
    name: Promise
    description: Promise
    rules: Rule


def _all(*conditions: dict[str, object]) -> Rule:
    return {"match": "all", "conditions": list(conditions)}


def _any(*conditions: dict[str, object]) -> Rule:
    return {"match": "any", "conditions": list(conditions)}


def _count(
    field: str, op: str, value: int | None = None, days: int | None = None
) -> dict[str, object]:
    condition: dict[str, object] = {"field": field, "op": op}
    if value is not None:
        condition["value"] = value
    if days is not None:
        condition["days"] = days
    return condition


CUSTOMER: dict[str, object] = {"field": "lifecycle_stage", "op": "is", "value": ["customer"]}

STARTERS: dict[str, Starter] = {
    "new_clients": Starter(
        _("New clients"),
        _("Became clients in the last 90 days: send them the getting-started material."),
        _all(CUSTOMER, {"field": "created_at", "op": "within_last", "value": 90}),
    ),
    "experienced_traders": Starter(
        _("Experienced traders"),
        _("Clients for more than a year who traded at least 24 times in the last year: "
          "give them the in-depth analysis."),
        _all(
            {"field": "created_at", "op": "more_than_ago", "value": 365},
            _count("trades", "at_least", 24, 365),
        ),
    ),
    "high_risk": Starter(
        _("High-risk takers"),
        _("Three or more losing trades in 90 days, or 20 or more trades in 30 days: "
          "offer a risk-management conversation."),
        _any(_count("losing_trades", "at_least", 3, 90), _count("trades", "at_least", 20, 30)),
    ),
    "low_risk": Starter(
        _("Low-risk takers"),
        _("Clients active this year who trade rarely (at most twice in 90 days) and had no "
          "losing trade in a year."),
        _all(
            CUSTOMER,
            _count("transactions", "at_least", 1, 365),
            _count("trades", "at_most", 2, 90),
            _count("losing_trades", "none", days=365),
        ),
    ),
    "dormant": Starter(
        _("Dormant clients"),
        _("Clients with transactions before, but none in the last 90 days: win them back."),
        _all(_count("transactions", "at_least", 1), _count("transactions", "none", days=90)),
    ),
    "vip": Starter(
        _("VIP (RFM)"),
        _("Recency, frequency and monetary value: a transaction in the last 30 days, at least "
          "12 in the last year, and at least 10,00,000 in the base currency in that year."),
        _all(
            _count("transactions", "at_least", 1, 30),
            _count("transactions", "at_least", 12, 365),
            {"field": "transaction_total", "op": "at_least", "value": "1000000", "days": 365},
        ),
    ),
}  # fmt: skip


def shown_name(key: str, name: str) -> str:
    """``name`` in the reader's language if it is still the starter ``key``'s English name."""
    starter = STARTERS.get(key)
    if starter is None:
        return name
    with translation.override("en"):
        english = str(starter.name)
    return str(starter.name) if name == english else name
