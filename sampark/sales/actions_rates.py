"""Exchange rates: set (add, or replace the one of the same day) and delete, each audited, each
bringing the open deals of that currency to the new rate in the same transaction.

A deal's amount in the base currency is taken at the rate in force on its expected close date,
or today when it has none (``currency.to_base``). Won and lost deals keep the amount they
closed with: a rate published later does not rewrite what was booked.
"""

from __future__ import annotations

import bisect
import datetime
from collections.abc import Callable
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sampark.contacts.models.transactions import validate_currency
from sampark.core import audited
from sampark.core.models import User
from sampark.sales.currency import base_currency, rate_on
from sampark.sales.models import Deal, DealStatus, ExchangeRate

RATE_FIELDS = ("currency", "rate", "valid_from")
# Deals read and written per round trip when amounts are brought up to date.
BATCH = 1000
_CENTS = Decimal("0.01")


def _check(currency: str, rate: Decimal) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    try:
        validate_currency(currency)
    except ValidationError as error:
        errors["currency"] = error.messages
    else:
        if currency == base_currency():
            errors["currency"] = [
                _("%(currency)s is the base currency: its rate is always 1.")
                % {"currency": currency}
            ]
    if rate <= 0:
        errors["rate"] = [_("A rate is more than zero.")]
    return errors


def set_rate(
    *, by: User, currency: str, rate: Decimal, valid_from: datetime.date
) -> tuple[ExchangeRate, bool]:
    """The rate of ``currency`` from ``valid_from`` on; it replaces one of the same day.
    Returns the rate and whether it is new."""
    currency = currency.strip().upper()
    errors = _check(currency, rate)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        existing = (
            ExchangeRate.objects.select_for_update()
            .filter(currency=currency, valid_from=valid_from)
            .first()
        )
        if existing is None:
            found = ExchangeRate(currency=currency, rate=rate, valid_from=valid_from)
            audited.create(found, by=by, fields=RATE_FIELDS)
        else:
            found = existing
            audited.update(found, by=by, values={"rate": rate}, fields=RATE_FIELDS)
        update_base_amounts(currency)
    return found, existing is None


def delete_rate(rate: ExchangeRate, *, by: User) -> None:
    with transaction.atomic():
        audited.delete(rate, by=by, fields=RATE_FIELDS)
        update_base_amounts(rate.currency)


def update_base_amounts(currency: str, *, today: datetime.date | None = None) -> int:
    """Bring ``amount_base`` of the open deals in ``currency`` to the rates stored now, a batch
    at a time with one bulk update each; returns how many deals changed.

    Derived bookkeeping, not an edit of the deals: neither their version (an edit someone has
    open is not refused because a rate changed) nor the audit trail (the rate's own entry says
    what happened) moves.
    """
    if currency == base_currency():
        return 0
    rate_for = _rates(currency, today or timezone.localdate())
    changed = 0
    last_pk = 0
    deals = Deal.objects.filter(currency=currency, status=DealStatus.OPEN).order_by("pk")
    while True:
        batch = list(
            deals.filter(pk__gt=last_pk).only("pk", "amount", "expected_close", "amount_base")[
                :BATCH
            ]
        )
        if not batch:
            return changed
        last_pk = batch[-1].pk
        stale = []
        for deal in batch:
            rate = rate_for(deal.expected_close)
            amount = None if rate is None else (deal.amount * rate).quantize(_CENTS)
            if amount != deal.amount_base:
                deal.amount_base = amount
                stale.append(deal)
        Deal.objects.bulk_update(stale, ["amount_base"])
        changed += len(stale)


def _rates(currency: str, today: datetime.date) -> Callable[[datetime.date | None], Decimal | None]:
    """A function from a deal's expected close (None: today) to the rate ``rate_on`` gives for
    that day, asking ``rate_on`` once per rate period rather than once per deal."""
    starts = sorted(
        ExchangeRate.objects.filter(currency=currency).values_list("valid_from", flat=True)
    )
    by_start = {start: rate_on(currency, start) for start in starts}

    def rate_for(day: datetime.date | None) -> Decimal | None:
        if not starts:
            return None
        # The period the day falls in; a day before the first rate takes the first (rate_on's
        # rule: the oldest rate known when all are later).
        index = max(bisect.bisect_right(starts, day or today) - 1, 0)
        return by_start[starts[index]]

    return rate_for
