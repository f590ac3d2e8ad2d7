"""The catalogue is shared: everyone with a role looks products up; managers and admins alone
add and change them."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from sampark.core.tests.factories import UserFactory
from sampark.sales.actions_products import create_product
from sampark.sales.models import Product

pytestmark = pytest.mark.django_db


@pytest.fixture
def product(people):  # type: ignore[no-untyped-def]
    return create_product(
        by=people["admin"],
        name="Gold ETF",
        code="GOLDBEES",
        kind="asset",
        prices=[{"currency": "INR", "unit_price": Decimal("62.40")}],
    )


NEW = {
    "name": "Margin account",
    "kind": "service",
    "is_active": "on",
    "prices-TOTAL_FORMS": "0",
    "prices-INITIAL_FORMS": "0",
}


@pytest.mark.parametrize("role", ["admin", "manager", "agent", "reader", "outsider"])
def test_everyone_with_a_role_sees_the_catalogue(client, people, product, role):  # type: ignore[no-untyped-def]
    client.force_login(people[role])

    listing = client.get(reverse("sales:products")).content.decode()
    detail = client.get(reverse("sales:product", args=[product.pk])).content.decode()

    assert "Gold ETF" in listing
    assert "GOLDBEES" in detail
    assert "62.40" in detail


@pytest.mark.parametrize("role", ["agent", "colleague", "reader", "outsider"])
def test_only_managers_and_admins_change_it(client, people, product, role):  # type: ignore[no-untyped-def]
    client.force_login(people[role])

    assert (
        reverse("sales:product_create")
        not in client.get(reverse("sales:products")).content.decode()
    )
    assert client.get(reverse("sales:product_create")).status_code == 403
    assert client.post(reverse("sales:product_create"), NEW).status_code == 403
    edit = reverse("sales:product_edit", args=[product.pk])
    assert client.get(edit).status_code == 403
    assert client.post(edit, {**NEW, "name": "Renamed"}).status_code == 403
    assert list(Product.objects.values_list("name", flat=True)) == ["Gold ETF"]


@pytest.mark.parametrize("role", ["admin", "manager"])
def test_managers_and_admins_add_and_change_products(client, people, product, role):  # type: ignore[no-untyped-def]
    client.force_login(people[role])

    assert reverse("sales:product_create") in client.get(reverse("sales:products")).content.decode()
    assert client.post(reverse("sales:product_create"), NEW).status_code == 302
    edit = reverse("sales:product_edit", args=[product.pk])
    assert client.post(edit, {**NEW, "name": "Gold ETF (NSE)"}).status_code == 302
    assert sorted(Product.objects.values_list("name", flat=True)) == [
        "Gold ETF (NSE)",
        "Margin account",
    ]


def test_someone_without_a_role_is_refused(client, product):  # type: ignore[no-untyped-def]
    client.force_login(UserFactory())

    assert client.get(reverse("sales:products")).status_code == 403
    assert client.get(reverse("sales:product", args=[product.pk])).status_code == 403


def test_an_unknown_product_is_a_404(client, people):  # type: ignore[no-untyped-def]
    client.force_login(people["manager"])

    assert client.get(reverse("sales:product", args=[999])).status_code == 404
    assert client.get(reverse("sales:product_edit", args=[999])).status_code == 404
