"""Builders for transaction tests."""

from __future__ import annotations

import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from sampark.contacts.models import Transaction, TransactionKind
from sampark.core.tests.factories import UserFactory


class TransactionFactory(factory.django.DjangoModelFactory[Transaction]):
    """A transaction written straight to the table (no audit entry); use actions to test audit."""

    class Meta:
        model = Transaction

    kind = TransactionKind.PURCHASE
    occurred_at = factory.LazyFunction(timezone.now)
    product = "GP"
    amount = Decimal("1000.00")
    currency = "BDT"
    owner = factory.SubFactory(UserFactory)
    team = None


def at(day: int, month: int = 3, hour: int = 10) -> datetime.datetime:
    return datetime.datetime(2026, month, day, hour, tzinfo=datetime.UTC)
