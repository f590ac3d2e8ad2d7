"""/api/v1/products: the catalogue with its prices nested; everyone with a role reads it,
managers and admins change it; bad input is a 422 naming the field."""

from __future__ import annotations

from decimal import Decimal

import pytest

from sampark.core.models import TokenScope
from sampark.core.tests.api_client import API, api_client
from sampark.sales.actions_products import create_product
from sampark.sales.models import Product

pytestmark = pytest.mark.django_db

PRODUCTS = f"{API}/products"


@pytest.fixture
def gold(people):  # type: ignore[no-untyped-def]
    return create_product(
        by=people["admin"],
        name="Gold ETF",
        code="GOLDBEES",
        kind="asset",
        prices=[{"currency": "INR", "unit_price": Decimal("62.40")}],
    )


@pytest.mark.parametrize("role", ["admin", "manager", "agent", "reader", "outsider"])
def test_everyone_with_a_role_reads_the_catalogue(people, gold, role):  # type: ignore[no-untyped-def]
    client = api_client(people[role], TokenScope.READ)

    page = client.get(PRODUCTS).json()
    one = client.get(f"{PRODUCTS}/{gold.pk}")

    assert page["items"] == [one.json()]
    assert one.json() == {
        "id": gold.pk,
        "name": "Gold ETF",
        "code": "GOLDBEES",
        "kind": "asset",
        "unit": "",
        "description": "",
        "is_active": True,
        "prices": [{"currency": "INR", "unit_price": "62.40"}],
        "created_at": one.json()["created_at"],
    }


@pytest.mark.parametrize(
    ("role", "expected"), [("admin", 201), ("manager", 201), ("agent", 403), ("reader", 403)]
)
def test_managers_and_admins_add_products(people, role, expected):  # type: ignore[no-untyped-def]
    response = api_client(people[role]).post_json(
        PRODUCTS,
        {
            "name": "Advisory",
            "kind": "service",
            "prices": [{"currency": "usd", "unit_price": "45.5"}],
        },
    )

    assert response.status_code == expected
    if expected == 201:
        body = response.json()
        assert body["prices"] == [{"currency": "USD", "unit_price": "45.50"}]
        assert response["Location"].endswith(f"/products/{body['id']}")
    else:
        assert response.json()["error"]["code"] == "forbidden"
        assert not Product.objects.exists()


@pytest.mark.parametrize(
    ("role", "expected"), [("admin", 200), ("manager", 200), ("colleague", 403), ("outsider", 403)]
)
def test_managers_and_admins_change_products(people, gold, role, expected):  # type: ignore[no-untyped-def]
    response = api_client(people[role]).patch_json(f"{PRODUCTS}/{gold.pk}", {"is_active": False})

    assert response.status_code == expected
    gold.refresh_from_db()
    assert gold.is_active is (expected != 200)


def test_patch_changes_what_is_sent_and_replaces_the_prices(people, gold):  # type: ignore[no-untyped-def]
    client = api_client(people["manager"])

    renamed = client.patch_json(f"{PRODUCTS}/{gold.pk}", {"name": "Nippon Gold BeES"}).json()
    repriced = client.patch_json(
        f"{PRODUCTS}/{gold.pk}",
        {
            "prices": [
                {"currency": "INR", "unit_price": "63"},
                {"currency": "USD", "unit_price": "0.75"},
            ]
        },
    ).json()

    assert (renamed["name"], renamed["code"], renamed["prices"]) == (
        "Nippon Gold BeES",
        "GOLDBEES",
        [{"currency": "INR", "unit_price": "62.40"}],
    )
    assert repriced["prices"] == [
        {"currency": "INR", "unit_price": "63.00"},
        {"currency": "USD", "unit_price": "0.75"},
    ]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": "X", "code": "GOLDBEES"}, "code"),
        ({"name": ""}, "name"),
        ({"name": "X", "kind": "spaceship"}, "kind"),
        ({"name": "X", "prices": [{"currency": "XYZ", "unit_price": "1"}]}, "prices.0.currency"),
        ({"name": "X", "prices": [{"currency": "USD", "unit_price": "-1"}]}, "prices.0.unit_price"),
        (
            {"name": "X", "prices": [{"currency": "USD", "unit_price": "1.001"}]},
            "prices.0.unit_price",
        ),
        (
            {"name": "X", "prices": [{"currency": "USD", "unit_price": "oops"}]},
            "prices.0.unit_price",
        ),
        (
            {
                "name": "X",
                "prices": [
                    {"currency": "USD", "unit_price": "1"},
                    {"currency": "USD", "unit_price": "2"},
                ],
            },
            "prices.1.currency",
        ),
        ({"name": "X", "colour": "gold"}, "colour"),
    ],
)
def test_bad_input_is_a_422_naming_the_field(people, gold, body, field):  # type: ignore[no-untyped-def]
    response = api_client(people["manager"]).post_json(PRODUCTS, body)

    assert response.status_code == 422
    assert field in response.json()["error"]["fields"]
    assert Product.objects.count() == 1


def test_the_list_searches_and_filters(people, gold):  # type: ignore[no-untyped-def]
    create_product(by=people["admin"], name="Old plan", is_active=False)
    client = api_client(people["agent"])

    def names(**query: str) -> list[str]:
        return [p["name"] for p in client.get(PRODUCTS, query).json()["items"]]

    assert names() == ["Gold ETF", "Old plan"]
    assert names(q="bees") == ["Gold ETF"]
    assert names(active="false") == ["Old plan"]
    assert names(kind="asset") == ["Gold ETF"]
    bad = client.get(PRODUCTS, {"kind": "spaceship"})
    assert bad.status_code == 422
    assert "kind" in bad.json()["error"]["fields"]


def test_an_unknown_product_is_a_404(people):  # type: ignore[no-untyped-def]
    response = api_client(people["admin"]).get(f"{PRODUCTS}/999")

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
