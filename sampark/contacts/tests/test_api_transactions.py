"""The transactions API: record, read with an ETag, list in keyset pages, upsert, delete, figures."""

from __future__ import annotations

from decimal import Decimal

import pytest

from sampark.contacts.models import Transaction
from sampark.contacts.tests.factories import ContactFactory
from sampark.contacts.tests.transaction_factories import TransactionFactory, at
from sampark.core.models import AuditAction, AuditEntry
from sampark.core.tests.api_client import API, api_client, if_match

TRANSACTIONS = f"{API}/transactions"
TRADE = {
    "kind": "trade",
    "occurred_at": "2026-03-02T10:30:00+06:00",
    "product": "GP",
    "quantity": "10",
    "amount": "4000.50",
    "currency": "BDT",
    "profit": "-20",
}


@pytest.fixture
def contact(people, teams):  # type: ignore[no-untyped-def]
    return ContactFactory(owner=people["agent"], team=teams[0])


@pytest.fixture
def agent(people):  # type: ignore[no-untyped-def]
    return api_client(people["agent"])


def upsert_url(contact, external_id: str) -> str:  # type: ignore[no-untyped-def]
    return f"{TRANSACTIONS}/by-external-id/{contact.pk}/{external_id}"


def test_recording_returns_it_with_an_etag_and_location(agent, contact, people):  # type: ignore[no-untyped-def]
    response = agent.post_json(TRANSACTIONS, {"contact": contact.pk, **TRADE})

    assert response.status_code == 201
    body = response.json()
    record = Transaction.objects.get()
    assert response["ETag"] == '"1"'
    assert response["Location"] == f"{TRANSACTIONS}/{record.pk}"
    assert body["amount"] == "4000.50"
    assert body["profit"] == "-20.00"
    assert body["currency"] == "BDT"
    assert body["contact"] == contact.pk
    assert body["owner"] == people["agent"].pk
    assert body["occurred_at"].startswith("2026-03-02T04:30:00")


def test_get_sends_the_version_as_etag(agent, contact, people):  # type: ignore[no-untyped-def]
    record = TransactionFactory(contact=contact, owner=people["agent"], team=contact.team)

    response = agent.get(f"{TRANSACTIONS}/{record.pk}")

    assert response.status_code == 200
    assert response["ETag"] == '"1"'
    assert response.json()["id"] == record.pk


def test_the_list_filters_and_pages_newest_first(agent, contact, people, teams):  # type: ignore[no-untyped-def]
    other = ContactFactory(owner=people["agent"], team=teams[0])
    made = [
        TransactionFactory(
            contact=contact,
            owner=people["agent"],
            team=teams[0],
            kind="deposit" if n % 2 else "purchase",
            occurred_at=at(n + 1),
        )
        for n in range(5)
    ]
    TransactionFactory(contact=other, owner=people["agent"], team=teams[0])

    first = agent.get(TRANSACTIONS, {"contact": contact.pk, "limit": 3}).json()
    second = agent.get(
        TRANSACTIONS, {"contact": contact.pk, "limit": 3, "cursor": first["next_cursor"]}
    ).json()
    deposits = agent.get(TRANSACTIONS, {"contact": contact.pk, "kind": "deposit"}).json()

    ids = [t.pk for t in reversed(made)]
    assert [t["id"] for t in first["items"]] == ids[:3]
    assert [t["id"] for t in second["items"]] == ids[3:]
    assert second["next_cursor"] is None
    assert [t["id"] for t in deposits["items"]] == [made[3].pk, made[1].pk]


def test_an_unknown_kind_filter_is_a_field_error(agent):  # type: ignore[no-untyped-def]
    response = agent.get(TRANSACTIONS, {"kind": "gift"})

    assert response.status_code == 422
    assert "kind" in response.json()["error"]["fields"]


def test_upsert_creates_then_updates_and_is_idempotent(agent, contact):  # type: ignore[no-untyped-def]
    created = agent.put(upsert_url(contact, "T-1"), TRADE, content_type="application/json")
    again = agent.put(upsert_url(contact, "T-1"), TRADE, content_type="application/json")
    changed = agent.put(
        upsert_url(contact, "T-1"), {**TRADE, "amount": "4100"}, content_type="application/json"
    )

    assert created.status_code == 201
    assert again.status_code == 200
    assert again.json() == created.json()
    assert again["ETag"] == '"1"'
    assert changed.status_code == 200
    assert changed.json()["amount"] == "4100.00"
    assert changed["ETag"] == '"2"'
    record = Transaction.objects.get()
    assert record.external_id == "T-1"
    actions = AuditEntry.objects.for_record(record).values_list("action", flat=True)
    assert sorted(actions) == sorted([AuditAction.CREATE, AuditAction.UPDATE])


def test_upsert_honours_an_if_match_when_sent(agent, contact):  # type: ignore[no-untyped-def]
    agent.put(upsert_url(contact, "T-1"), TRADE, content_type="application/json")

    stale = agent.put(
        upsert_url(contact, "T-1"),
        {**TRADE, "amount": "1"},
        content_type="application/json",
        headers=if_match(7),
    )

    assert stale.status_code == 409
    assert Transaction.objects.get().amount == Decimal("4000.50")


def test_upsert_needs_the_time(agent, contact):  # type: ignore[no-untyped-def]
    body = {k: v for k, v in TRADE.items() if k != "occurred_at"}

    response = agent.put(upsert_url(contact, "T-1"), body, content_type="application/json")

    assert response.status_code == 422
    assert "occurred_at" in response.json()["error"]["fields"]


def test_delete_needs_if_match(agent, contact, people):  # type: ignore[no-untyped-def]
    record = TransactionFactory(contact=contact, owner=people["agent"], team=contact.team)
    url = f"{TRANSACTIONS}/{record.pk}"

    assert agent.delete(url).status_code == 428
    assert agent.delete(url, headers=if_match(2)).status_code == 409
    assert agent.delete(url, headers=if_match(1)).status_code == 204
    assert not Transaction.objects.exists()


def test_figures(agent, contact, people):  # type: ignore[no-untyped-def]
    def add(**values):  # type: ignore[no-untyped-def]
        TransactionFactory(contact=contact, owner=people["agent"], team=contact.team, **values)

    add(kind="purchase", amount=Decimal("100"), occurred_at=at(1), product="GP")
    add(kind="purchase", amount=Decimal("50"), occurred_at=at(31), product="GP")
    add(kind="trade", amount=Decimal("10"), currency="USD", profit=Decimal("1.5"), product="Gold")
    add(kind="deposit", amount=Decimal("1000"))

    response = agent.get(f"{API}/contacts/{contact.pk}/figures")

    assert response.status_code == 200
    assert response.json() == {
        "lifetime_value": {"BDT": "150.00", "USD": "10.00"},
        "first_purchase_at": "2026-03-01T10:00:00Z",
        "last_purchase_at": "2026-03-31T10:00:00Z",
        "purchase_count": 2,
        "purchase_frequency": "1.00",
        "net_deposits": {"BDT": "1000.00"},
        "trade_count": 1,
        "trade_profit": {"USD": "1.50"},
        "preferred_assets": ["GP", "Gold"],
    }
