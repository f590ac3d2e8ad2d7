"""/api/v1/exchange-rates: everyone reads the rates; admins set and delete them, which brings
open deals in that currency up to date."""

from __future__ import annotations

from decimal import Decimal

import pytest
from freezegun import freeze_time

from sampark.core.models import TokenScope
from sampark.core.tests.api_client import API, api_client
from sampark.sales.models import ExchangeRate
from sampark.sales.tests.factories import make_deal, make_pipeline

pytestmark = pytest.mark.django_db

RATES = f"{API}/exchange-rates"


@pytest.mark.parametrize("role", ["admin", "manager", "agent", "reader", "outsider"])
def test_everyone_reads_the_rates_with_the_base_currency(people, role):  # type: ignore[no-untyped-def]
    rate = ExchangeRate.objects.create(
        currency="USD", rate=Decimal("122.5"), valid_from="2026-10-01"
    )

    items = api_client(people[role], TokenScope.READ).get(RATES).json()["items"]

    assert items == [
        {
            "id": rate.pk,
            "currency": "USD",
            "rate": "122.5000000000",
            "valid_from": "2026-10-01",
            "base_currency": "BDT",
        }
    ]


@pytest.mark.parametrize("role", ["manager", "agent", "reader"])
def test_only_admins_set_or_delete_rates(people, role):  # type: ignore[no-untyped-def]
    rate = ExchangeRate.objects.create(
        currency="USD", rate=Decimal("122.5"), valid_from="2026-10-01"
    )
    client = api_client(people[role])

    created = client.post_json(
        RATES, {"currency": "INR", "rate": "1.45", "valid_from": "2026-10-01"}
    )
    deleted = client.delete(f"{RATES}/{rate.pk}")

    assert (created.status_code, deleted.status_code) == (403, 403)
    assert list(ExchangeRate.objects.values_list("currency", flat=True)) == ["USD"]


@freeze_time("2026-11-15")
def test_an_admin_sets_a_rate_and_open_deals_follow(people):  # type: ignore[no-untyped-def]
    deal = make_deal(people["agent"], make_pipeline(), amount=Decimal("100"), currency="USD")
    client = api_client(people["admin"])

    created = client.post_json(
        RATES, {"currency": "usd", "rate": "120", "valid_from": "2026-11-01"}
    )
    replaced = client.post_json(
        RATES, {"currency": "USD", "rate": "121", "valid_from": "2026-11-01"}
    )

    assert (created.status_code, replaced.status_code) == (201, 200)
    assert created.json()["id"] == replaced.json()["id"]
    deal.refresh_from_db()
    assert deal.amount_base == Decimal("12100.00")
    assert client.delete(f"{RATES}/{created.json()['id']}").status_code == 204
    deal.refresh_from_db()
    assert deal.amount_base is None
    assert client.delete(f"{RATES}/{created.json()['id']}").status_code == 404


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"currency": "XYZ", "rate": "1", "valid_from": "2026-11-01"}, "currency"),
        ({"currency": "BDT", "rate": "1", "valid_from": "2026-11-01"}, "currency"),
        ({"currency": "USD", "rate": "0", "valid_from": "2026-11-01"}, "rate"),
        ({"currency": "USD", "rate": "much", "valid_from": "2026-11-01"}, "rate"),
        ({"currency": "USD", "rate": "1", "valid_from": "2026-02-30"}, "valid_from"),
        ({"currency": "USD", "rate": "1"}, "valid_from"),
    ],
)
def test_bad_rates_are_a_422_naming_the_field(people, body, field):  # type: ignore[no-untyped-def]
    response = api_client(people["admin"]).post_json(RATES, body)

    assert response.status_code == 422
    assert field in response.json()["error"]["fields"]
    assert not ExchangeRate.objects.exists()


def test_the_list_narrows_to_a_currency(people):  # type: ignore[no-untyped-def]
    ExchangeRate.objects.create(currency="USD", rate=Decimal("110"), valid_from="2026-01-01")
    ExchangeRate.objects.create(currency="USD", rate=Decimal("120"), valid_from="2026-10-01")
    ExchangeRate.objects.create(currency="INR", rate=Decimal("1.4"), valid_from="2026-01-01")

    items = api_client(people["agent"]).get(RATES, {"currency": "usd"}).json()["items"]

    assert [(i["currency"], i["valid_from"]) for i in items] == [
        ("USD", "2026-10-01"),
        ("USD", "2026-01-01"),
    ]
