"""Transactions: a contact's purchases, deposits, withdrawals, trades, refunds and fees.

Amounts are always positive; the kind says which way the money went. ``external_id`` is the key
another system (a trading platform, a shop) uses for the same transaction, so feeding the same
transaction twice updates it instead of adding it again.
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from babel.numbers import list_currencies
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sampark.contacts.models.people import Contact
from sampark.core.records import OwnedQuerySet, OwnedRecord

_CURRENCY = re.compile(r"^[A-Z]{3}$")
_CENTS = Decimal("0.01")
QUANTITY_PLACES = 6
_QUANTUM = Decimal(1).scaleb(-QUANTITY_PLACES)


class TransactionKind(models.TextChoices):
    PURCHASE = "purchase", _("Purchase")
    DEPOSIT = "deposit", _("Deposit")
    WITHDRAWAL = "withdrawal", _("Withdrawal")
    TRADE = "trade", _("Trade")
    REFUND = "refund", _("Refund")
    FEE = "fee", _("Fee")


def validate_currency(value: str) -> None:
    """An ISO 4217 code that CLDR (through Babel) knows, in capitals: BDT, INR, USD."""
    if not _CURRENCY.match(value or "") or value not in list_currencies():
        raise ValidationError(
            _("%(value)s is not a currency code; use three letters such as BDT, INR or USD."),
            code="invalid_currency",
            params={"value": value},
        )


class TransactionQuerySet(OwnedQuerySet["Transaction"]):
    def on_contact(self, contact: Contact) -> TransactionQuerySet:
        return self.filter(contact=contact)


class Transaction(OwnedRecord):
    """One movement of money or assets with a contact. ``owner`` recorded it; ``team`` is the
    contact's team when it was recorded."""

    contact = models.ForeignKey(
        Contact,
        on_delete=models.CASCADE,
        related_name="transactions",
        verbose_name=_("contact"),
    )
    occurred_at = models.DateTimeField(_("when"), default=timezone.now)
    kind = models.CharField(_("kind"), max_length=10, choices=TransactionKind.choices)
    product = models.CharField(
        _("product or asset"),
        max_length=200,
        blank=True,
        help_text=_("What was bought or traded, such as GP or Sanchayapatra."),
    )
    quantity = models.DecimalField(
        _("quantity"), max_digits=24, decimal_places=QUANTITY_PLACES, null=True, blank=True
    )
    amount = models.DecimalField(
        _("amount"), max_digits=18, decimal_places=2, validators=[MinValueValidator(0)]
    )
    currency = models.CharField(_("currency"), max_length=3, validators=[validate_currency])
    profit = models.DecimalField(
        _("profit"),
        max_digits=18,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Trades only: the gain, or a loss as a negative amount."),
    )
    external_id = models.CharField(
        _("external ID"),
        max_length=100,
        blank=True,
        help_text=_("The transaction's ID in the system it came from; unique per contact."),
    )
    notes = models.TextField(_("notes"), blank=True)

    objects = TransactionQuerySet.as_manager()

    class Meta:
        verbose_name = _("transaction")
        verbose_name_plural = _("transactions")
        ordering = ["-occurred_at", "-id"]
        indexes = [
            # A client's history in time order (the 360 page), and what segment rules count and
            # add up per client in a window ("10 trades in 30 days", "amount in a year"): with
            # kind, profit, currency and amount in the index those are read from it alone, with
            # no visit to the table per row (a tenth of the time at a million clients).
            models.Index(
                fields=["contact", "occurred_at", "id", "kind", "profit", "currency", "amount"],
                name="transaction_contact_facts",
            ),
            # Counts and totals of one kind in a window ("trades in the last 90 days"), read
            # from the index alone, and the firm's recent transactions of a kind.
            models.Index(
                fields=["kind", "occurred_at", "contact", "profit", "currency", "amount"],
                name="transaction_kind_facts",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["contact", "external_id"],
                condition=~models.Q(external_id=""),
                name="transaction_external_id_once",
                violation_error_message=_(
                    "This contact already has a transaction with this external ID."
                ),
            ),
        ]

    def __str__(self) -> str:
        label = str(self.get_kind_display())
        return f"{label}: {self.product}" if self.product else label

    def clean_fields(self, exclude: Any = None) -> None:
        # Normalise what people and other systems type before the field checks see it.
        if isinstance(self.currency, str):
            self.currency = self.currency.strip().upper()
        self.product = (self.product or "").strip()
        self.external_id = (self.external_id or "").strip()
        super().clean_fields(exclude=exclude)

    def clean(self) -> None:
        """Run by every audited write, after the field checks."""
        if isinstance(self.occurred_at, datetime.datetime):
            if timezone.is_naive(self.occurred_at):
                # A time without a zone means the writer's own (active) time zone.
                self.occurred_at = timezone.make_aware(self.occurred_at)
            # Stored and compared in UTC, so the same moment given in another zone is no change.
            self.occurred_at = self.occurred_at.astimezone(datetime.UTC)
        # The scale the database keeps, so that 100 and 100.00 are the same value in audit diffs.
        self.amount = _quantize(self.amount, _CENTS)
        self.profit = _quantize(self.profit, _CENTS)
        self.quantity = _quantize(self.quantity, _QUANTUM)
        if self.profit is not None and self.kind != TransactionKind.TRADE:
            raise ValidationError({"profit": _("Only a trade has a profit.")})


def _quantize[V](value: V, quantum: Decimal) -> V:
    """A decimal at ``quantum``'s scale; anything else (or one too large) as it is, for the
    field checks, which run first, to have reported."""
    if not isinstance(value, Decimal) or not value.is_finite():
        return value
    try:
        return value.quantize(quantum)  # type: ignore[return-value]
    except InvalidOperation:
        return value
