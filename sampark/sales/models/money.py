"""Money in several currencies, totalled in one: the base currency and the exchange rates.

Deals carry their own ISO currency. Boards, forecasts and reports add them up in the base
currency (``SAMPARK_BASE_CURRENCY``), at the rate in force on a date: each rate holds from its
``valid_from`` until the next one for that currency. A rate is the number of base units one unit
of the currency buys: with BDT as base, USD 1 = BDT 122.50 is stored as (USD, 122.50).
"""

from __future__ import annotations

import datetime

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from sampark.contacts.models.transactions import validate_currency


class ExchangeRate(models.Model):
    currency = models.CharField(_("currency"), max_length=3, validators=[validate_currency])
    rate = models.DecimalField(
        _("rate"),
        max_digits=20,
        decimal_places=10,
        validators=[MinValueValidator(0)],
        help_text=_("How many units of the base currency one unit of this currency buys."),
    )
    valid_from = models.DateField(_("valid from"), default=datetime.date.today)

    class Meta:
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")
        ordering = ["currency", "-valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["currency", "valid_from"], name="one_rate_a_day"),
        ]

    def __str__(self) -> str:
        return f"{self.currency} {self.rate} ({self.valid_from})"
