"""Clients with baskets of products, through the project's factories, for the offers tests."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from sampark.contacts.models import Contact, Transaction, TransactionKind
from sampark.contacts.tests.factories import ContactFactory
from sampark.contacts.tests.transaction_factories import TransactionFactory

GP, BRAC, SQUARE, BEXIMCO, SANCHAYAPATRA = (
    "GP",
    "BRAC Bank",
    "Square Pharma",
    "Beximco",
    "Sanchayapatra",
)

# Six clients whose affinities the tests work out by hand:
#   GP: c1 c2 c3 c5 c6 (5)   BRAC: c1 c2 c3 (3)   Square: c1 c4 c5 c6 (4)   Beximco: c3 c4 c5 (3)
#   Sanchayapatra: c5 (1)
BASKETS = (
    (GP, BRAC, SQUARE),
    (GP, BRAC),
    (GP, BRAC, BEXIMCO),
    (SQUARE, BEXIMCO),
    (GP, SQUARE, BEXIMCO, SANCHAYAPATRA),
    (GP, SQUARE),
)


def client_with(
    *products: str,
    kind: str = TransactionKind.PURCHASE,
    days_ago: int = 30,
    **values: Any,
) -> Contact:
    """A contact who had each of ``products`` (one transaction each)."""
    contact = ContactFactory(**values)
    for product in products:
        had(contact, product, kind=kind, days_ago=days_ago)
    return contact


def had(
    contact: Contact, product: str, *, kind: str = TransactionKind.PURCHASE, days_ago: int = 30
) -> Transaction:
    return TransactionFactory(
        contact=contact,
        owner=contact.owner,
        team=contact.team,
        product=product,
        kind=kind,
        occurred_at=timezone.now() - datetime.timedelta(days=days_ago),
    )


def the_six(**values: Any) -> list[Contact]:
    return [client_with(*basket, **values) for basket in BASKETS]
