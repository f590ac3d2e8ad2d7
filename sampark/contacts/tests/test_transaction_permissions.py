"""Who may see the purchases section, and record, change or delete transactions.

Everyone but the outsider is in the Dhaka desk, where the agent owns the client; the outsider
is an agent of the Mumbai desk. Seeing the client is enough to record a transaction on it;
changing or deleting one is for its author, or a manager or admin of its team.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from sampark.contacts.actions_transactions import delete_transaction, record_transaction
from sampark.contacts.models import Transaction
from sampark.contacts.tests.factories import ContactFactory
from sampark.contacts.tests.transaction_factories import TransactionFactory

HTMX = {"HX-Request": "true"}
SEE = ["admin", "manager", "agent", "colleague", "reader"]
PURCHASE = {
    "kind": "purchase",
    "occurred_at": "2026-03-02T15:30",
    "amount": "100",
    "currency": "BDT",
}


@pytest.fixture
def contact(people, teams):  # type: ignore[no-untyped-def]
    return ContactFactory(owner=people["agent"], team=teams[0])


@pytest.mark.parametrize("role", [*SEE, "outsider"])
def test_the_section_follows_the_contacts_reach(client, people, contact, role):  # type: ignore[no-untyped-def]
    TransactionFactory(contact=contact, owner=people["agent"], team=contact.team, product="GP")
    client.force_login(people[role])
    url = reverse("contacts:contact_transactions", args=[contact.pk])

    for headers in (HTMX, {}):
        response = client.get(url, headers=headers)
        assert response.status_code == (404 if role == "outsider" else 200)
    if role != "outsider":
        assert "GP" in response.content.decode()


def test_the_reader_sees_no_form(client, people, contact):  # type: ignore[no-untyped-def]
    client.force_login(people["reader"])

    response = client.get(reverse("contacts:contact_transactions", args=[contact.pk]), headers=HTMX)

    assert response.context["can_record"] is False
    assert "record-transaction-form" not in response.content.decode()


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("admin", 200),
        ("manager", 200),
        ("agent", 200),
        ("colleague", 200),  # covers for a teammate: records a purchase on their client
        ("reader", 403),
        ("outsider", 404),
    ],
)
def test_who_may_record_in_the_web_ui(client, people, contact, role, expected):  # type: ignore[no-untyped-def]
    client.force_login(people[role])
    url = reverse("contacts:contact_record_transaction", args=[contact.pk])

    assert client.get(url).status_code == expected
    assert client.post(url, PURCHASE, headers=HTMX).status_code == expected
    assert Transaction.objects.count() == (1 if expected == 200 else 0)


def test_anonymous_visitors_are_sent_to_sign_in(client, contact):  # type: ignore[no-untyped-def]
    for name in ("contacts:contact_transactions", "contacts:contact_record_transaction"):
        response = client.get(reverse(name, args=[contact.pk]))
        assert response.status_code == 302
        assert "login" in response["Location"]


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("admin", True),
        ("manager", True),
        ("agent", True),
        ("colleague", False),
        ("reader", False),
        ("outsider", False),
    ],
)
def test_who_may_delete_the_agents_transaction(people, contact, role, allowed):  # type: ignore[no-untyped-def]
    record = record_transaction(
        by=people["agent"], contact=contact, kind="purchase", amount=Decimal(1), currency="BDT"
    )

    if allowed:
        delete_transaction(record, by=people[role])
        assert not Transaction.objects.exists()
    else:
        with pytest.raises(PermissionDenied):
            delete_transaction(record, by=people[role])


@pytest.mark.parametrize("role", ["reader", "outsider"])
def test_the_action_refuses_who_may_not_record(people, contact, role):  # type: ignore[no-untyped-def]
    with pytest.raises(PermissionDenied):
        record_transaction(by=people[role], contact=contact, amount="1", currency="BDT")
