"""Converting deal amounts into the base currency (see models/money.py)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.utils import timezone

from sampark.sales.models import ExchangeRate

_CENTS = Decimal("0.01")


def base_currency() -> str:
    return str(settings.SAMPARK_BASE_CURRENCY)


def rate_on(currency: str, day: datetime.date) -> Decimal | None:
    """Base units per unit of ``currency`` on ``day``: the newest rate from that day or before
    (the oldest one known if all are later); None if there is none at all."""
    if currency == base_currency():
        return Decimal(1)
    rates = ExchangeRate.objects.filter(currency=currency)
    found = rates.filter(valid_from__lte=day).order_by("-valid_from").first()
    if found is None:
        found = rates.order_by("valid_from").first()
    return found.rate if found else None


def to_base(amount: Decimal, currency: str, day: datetime.date | None = None) -> Decimal | None:
    """``amount`` of ``currency`` in the base currency on ``day`` (today if None), to the cent;
    None if the currency has no rate."""
    rate = rate_on(currency, day or timezone.localdate())
    return None if rate is None else (amount * rate).quantize(_CENTS)
