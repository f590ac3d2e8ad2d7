"""/api/v1/deals/{id}/lines: read by whoever sees the deal, replaced by whoever may change it,
with the deal's version as If-Match; products fill what a line leaves out."""

from __future__ import annotations

from decimal import Decimal

import pytest

from sampark.core.models import TokenScope
from sampark.core.tests.api_client import API, api_client, if_match
from sampark.sales import actions
from sampark.sales.actions_products import create_product
from sampark.sales.models import Deal, DealLine
from sampark.sales.tests.factories import make_deal, make_pipeline

pytestmark = pytest.mark.django_db


@pytest.fixture
def deal(people):  # type: ignore[no-untyped-def]
    deal = make_deal(people["agent"], make_pipeline(), amount=Decimal("0"), currency="INR")
    return actions.set_lines(
        deal,
        [{"name": "Onboarding", "quantity": Decimal(1), "unit_price": Decimal("500")}],
        by=people["agent"],
    )


@pytest.fixture
def sip(people):  # type: ignore[no-untyped-def]
    return create_product(
        by=people["admin"],
        name="SIP advisory",
        prices=[{"currency": "INR", "unit_price": Decimal("1500")}],
    )


def _url(deal: Deal) -> str:
    return f"{API}/deals/{deal.pk}/lines"


@pytest.mark.parametrize("role", ["admin", "manager", "agent", "colleague", "reader"])
def test_whoever_sees_the_deal_reads_its_lines_and_version(people, deal, role):  # type: ignore[no-untyped-def]
    response = api_client(people[role], TokenScope.READ).get(_url(deal))

    assert response.status_code == 200
    assert response["ETag"] == f'"{deal.version}"'
    assert response.json() == {
        "deal": deal.pk,
        "currency": "INR",
        "amount": "500.00",
        "version": deal.version,
        "lines": [
            {
                "product": None,
                "name": "Onboarding",
                "quantity": "1.0000",
                "unit_price": "500.00",
                "discount_percent": "0.00",
                "total": "500.00",
            }
        ],
    }


def test_another_team_finds_nothing(people, deal):  # type: ignore[no-untyped-def]
    client = api_client(people["outsider"])
    missing = client.get(f"{API}/deals/{deal.pk + 1000}/lines").json()

    for response in (
        client.get(_url(deal)),
        client.put(
            _url(deal),
            {"lines": []},
            content_type="application/json",
            headers=if_match(deal.version),
        ),
    ):
        assert response.status_code == 404
        assert response.json() == missing
    assert DealLine.objects.count() == 1


@pytest.mark.parametrize(
    ("role", "expected"),
    [("admin", 200), ("manager", 200), ("agent", 200), ("colleague", 403), ("reader", 403)],
)
def test_who_may_change_the_deal_replaces_its_lines(people, deal, sip, role, expected):  # type: ignore[no-untyped-def]
    response = api_client(people[role]).put(
        _url(deal),
        {"lines": [{"product": sip.pk, "quantity": "2", "discount_percent": "10"}]},
        content_type="application/json",
        headers=if_match(deal.version),
    )

    assert response.status_code == expected
    names = list(DealLine.objects.values_list("name", flat=True))
    if expected == 200:
        body = response.json()
        assert names == ["SIP advisory"]
        assert (body["amount"], body["lines"][0]["unit_price"], body["lines"][0]["total"]) == (
            "2700.00",
            "1500.00",
            "2700.00",
        )
        assert response["ETag"] == f'"{body["version"]}"' != f'"{deal.version}"'
    else:
        assert names == ["Onboarding"]


def test_a_put_needs_the_version_and_refuses_a_stale_one(people, deal):  # type: ignore[no-untyped-def]
    client = api_client(people["agent"])
    body = {"lines": []}

    without = client.put(_url(deal), body, content_type="application/json")
    stale = client.put(
        _url(deal), body, content_type="application/json", headers=if_match(deal.version - 1)
    )
    in_body = client.put(
        _url(deal), {**body, "version": deal.version}, content_type="application/json"
    )

    assert without.status_code == 428
    assert stale.status_code == 409
    assert stale.json()["error"]["current_version"] == deal.version
    assert in_body.status_code == 200
    assert in_body.json()["lines"] == []
    assert not DealLine.objects.exists()


@pytest.mark.parametrize(
    ("line", "field"),
    [
        ({"product": 999999}, "lines.0.product"),
        ({"name": "", "unit_price": "1"}, "lines.0.name"),
        ({"name": "Fee"}, "lines.0.unit_price"),
        ({"name": "Fee", "unit_price": "-1"}, "lines.0.unit_price"),
        ({"name": "Fee", "unit_price": "1", "quantity": "-2"}, "lines.0.quantity"),
        ({"name": "Fee", "unit_price": "1", "discount_percent": "101"}, "lines.0.discount_percent"),
        ({"name": "Fee", "unit_price": "1", "quantity": "1e30"}, "lines.0.quantity"),
        ({"name": "Fee", "unit_price": "twelve"}, "lines.0.unit_price"),
        ({"name": "Fee", "unit_price": "1", "colour": "red"}, "lines.0.colour"),
    ],
)
def test_bad_lines_are_a_422_naming_the_line_and_field(people, deal, line, field):  # type: ignore[no-untyped-def]
    response = api_client(people["agent"]).put(
        _url(deal),
        {"lines": [line]},
        content_type="application/json",
        headers=if_match(deal.version),
    )

    assert response.status_code == 422
    assert field in response.json()["error"]["fields"]
    assert list(DealLine.objects.values_list("name", flat=True)) == ["Onboarding"]


def test_a_product_without_a_price_in_the_deals_currency_is_a_field_error(people, deal):  # type: ignore[no-untyped-def]
    custody = create_product(
        by=people["admin"], name="Custody", prices=[{"currency": "BDT", "unit_price": "2000"}]
    )

    response = api_client(people["agent"]).put(
        _url(deal),
        {"lines": [{"product": custody.pk}]},
        content_type="application/json",
        headers=if_match(deal.version),
    )

    assert response.json()["error"]["fields"] == {
        "lines.0.product": [
            "Custody has no price in INR. Enter a unit price, or add one to the catalogue."
        ]
    }
