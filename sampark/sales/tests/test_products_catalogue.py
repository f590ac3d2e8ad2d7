"""The catalogue list, its search and filters, and the product form with a price per currency."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from sampark.core.models import AuditEntry
from sampark.sales.actions_products import create_product
from sampark.sales.models import Product, ProductPrice

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager_client(client, people):  # type: ignore[no-untyped-def]
    client.force_login(people["manager"])
    return client


def _form(prices: list[tuple[str, str]], initial: int = 0, **values: str) -> dict[str, str]:
    data = {
        "name": "Sanchayapatra advisory",
        "code": "",
        "kind": "service",
        "unit": "",
        "is_active": "on",
    }
    data.update(values)
    data.update({"prices-TOTAL_FORMS": str(len(prices)), "prices-INITIAL_FORMS": str(initial)})
    for n, (currency, price) in enumerate(prices):
        data.update({f"prices-{n}-currency": currency, f"prices-{n}-unit_price": price})
    return data


def _prices(product: Product) -> dict[str, Decimal]:
    return dict(ProductPrice.objects.filter(product=product).values_list("currency", "unit_price"))


def test_a_manager_adds_a_product_with_prices_in_two_currencies(manager_client, people):  # type: ignore[no-untyped-def]
    response = manager_client.post(
        reverse("sales:product_create"),
        _form([("bdt", "5000"), ("USD", "45.50"), ("", "")], code=" SA-1 ", unit="year"),
    )

    product = Product.objects.get()
    assert response["Location"] == reverse("sales:product", args=[product.pk])
    assert (product.code, product.unit, product.kind) == ("SA-1", "year", "service")
    assert _prices(product) == {"BDT": Decimal("5000"), "USD": Decimal("45.50")}
    entry = AuditEntry.objects.get(model_label="sales.product", object_id=str(product.pk))
    assert entry.actor == people["manager"]
    assert entry.changes["prices"] == [None, ["BDT 5000.00", "USD 45.50"]]


def test_editing_replaces_the_prices_and_the_history_shows_it(manager_client, people):  # type: ignore[no-untyped-def]
    product = create_product(
        by=people["admin"],
        name="Custody",
        prices=[{"currency": "BDT", "unit_price": "2000"}, {"currency": "USD", "unit_price": "20"}],
    )
    url = reverse("sales:product_edit", args=[product.pk])
    form = manager_client.get(url).context["prices"]
    assert [f.initial["currency"] for f in form.initial_forms] == ["BDT", "USD"]

    response = manager_client.post(
        url,
        {
            **_form([("BDT", "2500"), ("USD", "20")], initial=2, name="Custody", kind="product"),
            "prices-1-DELETE": "on",
        },
    )

    assert response.status_code == 302
    assert _prices(product) == {"BDT": Decimal("2500")}
    entry = AuditEntry.objects.filter(model_label="sales.product").latest("seq")
    assert entry.changes == {"prices": [["BDT 2000.00", "USD 20.00"], ["BDT 2500.00"]]}
    page = manager_client.get(url).content.decode()
    assert "BDT 2000.00, USD 20.00" in page  # History


def test_saving_other_fields_keeps_the_prices_as_they_are(manager_client, people):  # type: ignore[no-untyped-def]
    product = create_product(
        by=people["admin"], name="Custody", prices=[{"currency": "BDT", "unit_price": "2000"}]
    )

    response = manager_client.post(
        reverse("sales:product_edit", args=[product.pk]),
        _form(
            [("BDT", "2000.00"), ("", "")], initial=1, name="Custody and clearing", kind="product"
        ),
    )

    assert response.status_code == 302
    assert _prices(product) == {"BDT": Decimal("2000")}
    entry = AuditEntry.objects.filter(model_label="sales.product").latest("seq")
    assert entry.changes == {"name": ["Custody", "Custody and clearing"]}


@pytest.mark.parametrize(
    ("prices", "field"),
    [
        ([("XYZ", "10")], "currency"),
        ([("USD", "-1")], "unit_price"),
        ([("USD", "ten")], "unit_price"),
        ([("USD", "1.234")], "unit_price"),
        ([("USD", "")], "unit_price"),
        ([("", "10")], "currency"),
    ],
)
def test_a_bad_price_is_refused_beside_its_field(manager_client, prices, field):  # type: ignore[no-untyped-def]
    response = manager_client.post(reverse("sales:product_create"), _form(prices))

    assert response.status_code == 200
    assert response.context["prices"].forms[0].errors[field]
    assert f'id="id_prices-0-{field}_error"' in response.content.decode()
    assert not Product.objects.exists()


def test_a_currency_priced_twice_is_refused_on_the_second_row(manager_client):  # type: ignore[no-untyped-def]
    response = manager_client.post(
        reverse("sales:product_create"), _form([("USD", "10"), ("usd", "12")])
    )

    rows = response.context["prices"].forms
    assert not rows[0].errors
    assert rows[1].errors["currency"] == ["The product already has a price in USD."]
    assert not Product.objects.exists()


def test_a_code_is_unique_when_set(manager_client, people):  # type: ignore[no-untyped-def]
    create_product(by=people["admin"], name="Gold ETF", code="GOLDBEES")
    create_product(by=people["admin"], name="No code")

    taken = manager_client.post(reverse("sales:product_create"), _form([], code="GOLDBEES"))
    blank = manager_client.post(reverse("sales:product_create"), _form([], code=""))

    assert taken.context["form"].errors["code"] == ["Another product already has this code."]
    assert blank.status_code == 302


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, ["Custody", "Gold ETF", "Old plan", "সঞ্চয়পত্র পরামর্শ"]),
        ({"q": "gold"}, ["Gold ETF"]),
        ({"q": "BEES"}, ["Gold ETF"]),
        ({"q": "সঞ্চয়"}, ["সঞ্চয়পত্র পরামর্শ"]),
        ({"active": "yes"}, ["Custody", "Gold ETF", "সঞ্চয়পত্র পরামর্শ"]),
        ({"active": "no"}, ["Old plan"]),
        ({"kind": "asset"}, ["Gold ETF"]),
        (
            {"kind": "spaceship", "active": "maybe"},
            ["Custody", "Gold ETF", "Old plan", "সঞ্চয়পত্র পরামর্শ"],
        ),
    ],
)
def test_the_list_searches_and_filters(manager_client, people, query, expected):  # type: ignore[no-untyped-def]
    admin = people["admin"]
    create_product(by=admin, name="Gold ETF", code="GOLDBEES", kind="asset")
    create_product(by=admin, name="Custody", kind="service")
    create_product(by=admin, name="সঞ্চয়পত্র পরামর্শ", kind="service")
    create_product(by=admin, name="Old plan", is_active=False)

    response = manager_client.get(reverse("sales:products"), query)

    assert response.status_code == 200
    assert [p.name for p in response.context["page"]] == expected


def test_prices_are_shown_in_the_readers_format(client, people):  # type: ignore[no-untyped-def]
    product = create_product(
        by=people["admin"], name="Advisory", prices=[{"currency": "BDT", "unit_price": "1250000"}]
    )
    reader: Any = people["reader"]
    reader.language = "bn"
    reader.save()
    client.force_login(reader)

    page = client.get(
        reverse("sales:product", args=[product.pk]), headers={"Accept-Language": "bn"}
    ).content.decode()

    assert "১২,৫০,০০০" in page  # Bengali digits, lakh grouping  # noqa: RUF001
