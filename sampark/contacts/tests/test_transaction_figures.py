"""A client's key figures, on a known set of transactions in several currencies."""

from __future__ import annotations

from decimal import Decimal

import pytest

from sampark.contacts.figures import client_figures, purchase_frequency
from sampark.contacts.models import TransactionKind as K
from sampark.contacts.tests.factories import ContactFactory
from sampark.contacts.tests.transaction_factories import TransactionFactory, at


@pytest.fixture
def contact(people, teams):  # type: ignore[no-untyped-def]
    return ContactFactory(owner=people["agent"], team=teams[0])


def add(contact, kind, amount, currency="BDT", *, day=1, month=3, product="", profit=None):  # type: ignore[no-untyped-def]
    return TransactionFactory(
        contact=contact,
        owner=contact.owner,
        team=contact.team,
        kind=kind,
        amount=Decimal(amount),
        currency=currency,
        occurred_at=at(day, month),
        product=product,
        profit=None if profit is None else Decimal(profit),
    )


@pytest.fixture
def history(contact):  # type: ignore[no-untyped-def]
    add(contact, K.PURCHASE, "1000.00", day=1, product="GP")
    add(contact, K.PURCHASE, "2500.50", day=31, product="GP")
    add(contact, K.PURCHASE, "300.00", "USD", day=15, month=4, product="Sanchayapatra")
    add(contact, K.PURCHASE, "700.00", day=30, month=5, product="Sanchayapatra")
    add(contact, K.TRADE, "5000.00", day=2, product="BRAC", profit="250.25")
    add(contact, K.TRADE, "4000.00", day=3, product="GP", profit="-50.00")
    add(contact, K.TRADE, "80.00", "USD", day=4, product="Gold", profit="12.00")
    add(contact, K.REFUND, "500.00", day=5)
    add(contact, K.REFUND, "20.00", "USD", day=6)
    add(contact, K.DEPOSIT, "10000.00", day=7)
    add(contact, K.DEPOSIT, "200.00", "USD", day=8)
    add(contact, K.WITHDRAWAL, "2500.00", day=9)
    add(contact, K.WITHDRAWAL, "10.00", "INR", day=10)
    add(contact, K.FEE, "99.00", day=11, product="Gold")  # in no figure but the list


def test_lifetime_value_is_purchases_and_trades_less_refunds_per_currency(history, contact):  # type: ignore[no-untyped-def]
    figures = client_figures(contact)

    assert figures.lifetime_value == {
        "BDT": Decimal("1000.00") + Decimal("2500.50") + Decimal("700.00") + 9000 - 500,
        "USD": Decimal("300.00") + 80 - 20,
    }


def test_net_deposits_per_currency(history, contact):  # type: ignore[no-untyped-def]
    assert client_figures(contact).net_deposits == {
        "BDT": Decimal("7500.00"),
        "INR": Decimal("-10.00"),
        "USD": Decimal("200.00"),
    }


def test_trades_and_their_profit_per_currency(history, contact):  # type: ignore[no-untyped-def]
    figures = client_figures(contact)

    assert figures.trade_count == 3
    assert figures.trade_profit == {"BDT": Decimal("200.25"), "USD": Decimal("12.00")}


def test_first_and_last_purchase_and_frequency(history, contact):  # type: ignore[no-untyped-def]
    figures = client_figures(contact)

    assert figures.purchase_count == 4
    assert figures.first_purchase_at == at(1, 3)
    assert figures.last_purchase_at == at(30, 5)
    # Three intervals over the 90 days from 1 March to 30 May: one purchase per 30 days.
    assert figures.purchase_frequency == Decimal("1.00")


def test_preferred_assets_are_the_three_most_bought_or_traded(history, contact):  # type: ignore[no-untyped-def]
    # GP 3, Sanchayapatra 2, then BRAC and Gold once each (by name); the fee on Gold is no trade.
    assert client_figures(contact).preferred_assets == ["GP", "Sanchayapatra", "BRAC"]


def test_a_client_without_transactions_has_empty_figures(contact):  # type: ignore[no-untyped-def]
    figures = client_figures(contact)

    assert figures.is_empty
    assert figures.lifetime_value == {}
    assert figures.purchase_count == 0
    assert figures.first_purchase_at is None
    assert figures.purchase_frequency is None
    assert figures.preferred_assets == []


def test_frequency_needs_two_purchases(contact):  # type: ignore[no-untyped-def]
    add(contact, K.PURCHASE, "10.00", day=1)

    assert client_figures(contact).purchase_frequency is None
    assert purchase_frequency(2, at(1), at(1)) == Decimal("30.00")  # same day: one day's span


def test_other_contacts_transactions_do_not_count(history, contact, people, teams):  # type: ignore[no-untyped-def]
    other = ContactFactory(owner=people["agent"], team=teams[0])
    add(other, K.PURCHASE, "99999.00", day=2, product="Other")

    assert client_figures(contact).lifetime_value["BDT"] == Decimal("12700.50")


def test_with_a_user_only_the_transactions_they_may_see_count(contact, people, teams):  # type: ignore[no-untyped-def]
    add(contact, K.PURCHASE, "100.00", day=1)
    hidden = add(contact, K.PURCHASE, "900.00", day=2)
    hidden.team = teams[1]
    hidden.owner = people["outsider"]
    hidden.save()

    assert client_figures(contact).lifetime_value == {"BDT": Decimal("1000.00")}
    assert client_figures(contact, user=people["reader"]).lifetime_value == {
        "BDT": Decimal("100.00")
    }


def test_the_figures_take_two_queries_however_many_transactions(  # type: ignore[no-untyped-def]
    history, contact, django_assert_num_queries
):
    with django_assert_num_queries(2):
        client_figures(contact)
