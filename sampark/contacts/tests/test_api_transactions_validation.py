"""Bad values in the transactions API are 422s naming the field, in the API's one error shape."""

from __future__ import annotations

import pytest

from sampark.contacts.models import Transaction
from sampark.contacts.tests.factories import ContactFactory
from sampark.core.tests.api_client import API, api_client

TRANSACTIONS = f"{API}/transactions"
GOOD = {"kind": "purchase", "amount": "100", "currency": "BDT", "occurred_at": "2026-03-02T10:00Z"}


@pytest.fixture
def contact(people, teams):  # type: ignore[no-untyped-def]
    return ContactFactory(owner=people["agent"], team=teams[0])


CASES = [
    ({"amount": "lots"}, "amount"),
    ({"amount": "12.345"}, "amount"),
    ({"amount": "-1"}, "amount"),
    ({"amount": "1e30"}, "amount"),
    ({"currency": "XYZ"}, "currency"),
    ({"currency": "TAKA"}, "currency"),
    ({"occurred_at": "2026-02-30T10:00Z"}, "occurred_at"),
    ({"occurred_at": "yesterday"}, "occurred_at"),
    ({"kind": "gift"}, "kind"),
    ({"profit": "5"}, "profit"),  # a purchase has no profit
    ({"colour": "red"}, "colour"),
]


@pytest.mark.parametrize(("change", "field"), CASES)
def test_creating_with_a_bad_value(people, contact, change, field):  # type: ignore[no-untyped-def]
    response = api_client(people["agent"]).post_json(
        TRANSACTIONS, {"contact": contact.pk, **GOOD, **change}
    )

    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert field in error["fields"]
    assert Transaction.objects.count() == 0


@pytest.mark.parametrize(("change", "field"), CASES)
def test_upserting_with_a_bad_value(people, contact, change, field):  # type: ignore[no-untyped-def]
    response = api_client(people["agent"]).put(
        f"{TRANSACTIONS}/by-external-id/{contact.pk}/T-1",
        {**GOOD, **change},
        content_type="application/json",
    )

    assert response.status_code == 422
    assert field in response.json()["error"]["fields"]
    assert Transaction.objects.count() == 0


def test_a_too_long_external_id_is_a_field_error(people, contact):  # type: ignore[no-untyped-def]
    response = api_client(people["agent"]).put(
        f"{TRANSACTIONS}/by-external-id/{contact.pk}/{'x' * 101}",
        GOOD,
        content_type="application/json",
    )

    assert response.status_code == 422
    assert "external_id" in response.json()["error"]["fields"]


def test_a_repeated_external_id_on_create_is_refused(people, contact):  # type: ignore[no-untyped-def]
    client = api_client(people["agent"])
    body = {"contact": contact.pk, "external_id": "X", **GOOD}

    assert client.post_json(TRANSACTIONS, body).status_code == 201
    response = client.post_json(TRANSACTIONS, body)

    assert response.status_code == 422
    assert Transaction.objects.count() == 1
