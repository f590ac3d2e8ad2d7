"""Recording a transaction checks each value, and names the field that is wrong."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from sampark.contacts.actions_transactions import record_transaction
from sampark.contacts.models import Transaction, TransactionKind
from sampark.contacts.tests.factories import ContactFactory

GOOD = {"kind": TransactionKind.PURCHASE, "amount": Decimal("100"), "currency": "BDT"}


@pytest.fixture
def contact(people, teams):  # type: ignore[no-untyped-def]
    return ContactFactory(owner=people["agent"], team=teams[0])


def errors(people, contact, **values):  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as error:
        record_transaction(by=people["agent"], contact=contact, **{**GOOD, **values})
    return error.value.message_dict


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"amount": "12.345"}, "amount"),
        ({"amount": "-1"}, "amount"),
        ({"amount": "lots"}, "amount"),
        ({"amount": "1e30"}, "amount"),
        ({"amount": None}, "amount"),
        ({"currency": "XYZ"}, "currency"),
        ({"currency": "TAKA"}, "currency"),
        ({"currency": ""}, "currency"),
        ({"kind": "gift"}, "kind"),
        ({"occurred_at": "yesterday"}, "occurred_at"),
        ({"quantity": "some"}, "quantity"),
        ({"profit": Decimal("5")}, "profit"),  # a purchase has no profit
    ],
)
def test_a_bad_value_is_an_error_on_its_field(people, contact, values, field):  # type: ignore[no-untyped-def]
    assert field in errors(people, contact, **values)
    assert Transaction.objects.count() == 0


def test_values_are_normalised(people, contact):  # type: ignore[no-untyped-def]
    naive = datetime.datetime(2026, 3, 2, 10, 0)  # noqa: DTZ001 - a time without a zone
    record = record_transaction(
        by=people["agent"],
        contact=contact,
        kind=TransactionKind.TRADE,
        amount="100",
        currency=" usd ",
        profit="-3.5",
        product="  GP ",
        occurred_at=naive,
    )

    record.refresh_from_db()
    assert record.currency == "USD"
    assert record.amount == Decimal("100.00")
    assert record.profit == Decimal("-3.50")
    assert record.product == "GP"
    assert record.occurred_at == timezone.make_aware(naive)


def test_an_external_id_is_used_once_per_contact(people, contact):  # type: ignore[no-untyped-def]
    record_transaction(by=people["agent"], contact=contact, external_id="X", **GOOD)

    with pytest.raises(ValidationError):
        record_transaction(by=people["agent"], contact=contact, external_id="X", **GOOD)
    record_transaction(by=people["agent"], contact=contact, **GOOD)  # no ID: no clash
    record_transaction(by=people["agent"], contact=contact, **GOOD)

    assert Transaction.objects.count() == 3


def test_ownership_is_not_the_callers_to_set(people, contact):  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError, match="owner"):
        record_transaction(by=people["agent"], contact=contact, owner=people["admin"], **GOOD)
