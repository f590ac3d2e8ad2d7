"""Roles decide what the transactions API shows and allows, exactly as in the web UI.

Everyone but the outsider is in the Dhaka desk, where the agent owns the client; the outsider
is an agent of the Mumbai desk.
"""

from __future__ import annotations

import pytest

from sampark.contacts.models import Transaction
from sampark.contacts.tests.factories import ContactFactory
from sampark.contacts.tests.transaction_factories import TransactionFactory
from sampark.core.models import TokenScope
from sampark.core.tests.api_client import API, api_client, if_match

TRANSACTIONS = f"{API}/transactions"
GOOD = {"kind": "purchase", "amount": "100", "currency": "BDT", "occurred_at": "2026-03-02T10:00Z"}


@pytest.fixture
def contact(people, teams):  # type: ignore[no-untyped-def]
    return ContactFactory(owner=people["agent"], team=teams[0])


@pytest.fixture
def record(people, teams, contact):  # type: ignore[no-untyped-def]
    return TransactionFactory(
        contact=contact, owner=people["agent"], team=teams[0], external_id="T-1"
    )


def test_an_outsider_sees_nothing_of_another_team(people, contact, record):  # type: ignore[no-untyped-def]
    client = api_client(people["outsider"])
    url = f"{TRANSACTIONS}/{record.pk}"
    missing = client.get(f"{TRANSACTIONS}/{record.pk + 1000}").json()

    assert client.get(TRANSACTIONS).json()["items"] == []
    assert client.get(TRANSACTIONS, {"contact": contact.pk}).json()["items"] == []
    for response in (
        client.get(url),
        client.delete(url, headers=if_match(1)),
        client.get(f"{API}/contacts/{contact.pk}/figures"),
        client.post_json(TRANSACTIONS, {"contact": contact.pk, **GOOD}),
        client.put(
            f"{TRANSACTIONS}/by-external-id/{contact.pk}/T-1", GOOD, content_type="application/json"
        ),
    ):
        assert response.status_code == 404
        assert response.json() == missing
    assert Transaction.objects.count() == 1
    assert Transaction.objects.get().amount == record.amount


@pytest.mark.parametrize("role", ["admin", "manager", "agent", "colleague", "reader"])
def test_the_team_may_read(people, contact, record, role):  # type: ignore[no-untyped-def]
    client = api_client(people[role], TokenScope.READ)

    assert client.get(f"{TRANSACTIONS}/{record.pk}").status_code == 200
    assert [t["id"] for t in client.get(TRANSACTIONS).json()["items"]] == [record.pk]
    assert client.get(f"{API}/contacts/{contact.pk}/figures").status_code == 200


@pytest.mark.parametrize(
    ("role", "expected"),
    [("admin", 201), ("manager", 201), ("agent", 201), ("colleague", 201), ("reader", 403)],
)
def test_who_may_record(people, contact, role, expected):  # type: ignore[no-untyped-def]
    client = api_client(people[role])

    assert client.post_json(TRANSACTIONS, {"contact": contact.pk, **GOOD}).status_code == expected
    new = client.put(
        f"{TRANSACTIONS}/by-external-id/{contact.pk}/N-{role}",
        GOOD,
        content_type="application/json",
    )
    assert new.status_code == expected


@pytest.mark.parametrize(
    ("role", "expected"),
    [("admin", 200), ("manager", 200), ("agent", 200), ("colleague", 403), ("reader", 403)],
)
def test_who_may_upsert_over_the_agents_transaction(people, contact, record, role, expected):  # type: ignore[no-untyped-def]
    response = api_client(people[role]).put(
        f"{TRANSACTIONS}/by-external-id/{contact.pk}/T-1", GOOD, content_type="application/json"
    )

    assert response.status_code == expected
    if expected == 403:
        assert response.json()["error"]["code"] == "forbidden"


@pytest.mark.parametrize(
    ("role", "expected"),
    [("admin", 204), ("manager", 204), ("agent", 204), ("colleague", 403), ("reader", 403)],
)
def test_who_may_delete(people, record, role, expected):  # type: ignore[no-untyped-def]
    response = api_client(people[role]).delete(f"{TRANSACTIONS}/{record.pk}", headers=if_match(1))

    assert response.status_code == expected
    assert Transaction.objects.exists() is (expected != 204)


def test_a_read_token_cannot_write(people, contact):  # type: ignore[no-untyped-def]
    client = api_client(people["agent"], TokenScope.READ)

    assert client.post_json(TRANSACTIONS, {"contact": contact.pk, **GOOD}).status_code == 403
    assert Transaction.objects.count() == 0


def test_no_token_is_a_401(client):  # type: ignore[no-untyped-def]
    assert client.get(TRANSACTIONS).status_code == 401
