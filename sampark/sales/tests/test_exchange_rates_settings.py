"""Settings → Sales → Exchange rates: the base currency, the rates by currency, adding and
deleting one, with every bad value refused beside its field."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from freezegun import freeze_time

from sampark.sales.models import ExchangeRate
from sampark.sales.tests.factories import make_deal, make_pipeline

pytestmark = pytest.mark.django_db

RATES = reverse("sales_settings:rates")


@pytest.fixture
def admin_client(client, people):  # type: ignore[no-untyped-def]
    client.force_login(people["admin"])
    return client


@freeze_time("2026-11-15")
def test_adding_a_rate_reprices_open_deals_in_its_currency(admin_client, people):  # type: ignore[no-untyped-def]
    deal = make_deal(people["agent"], make_pipeline(), amount=Decimal("250"), currency="USD")
    assert deal.amount_base is None

    response = admin_client.post(
        RATES, {"currency": " usd", "rate": "122.50", "valid_from": "2026-11-01"}, follow=True
    )

    page = response.content.decode()
    assert "The rate of USD from" in page
    deal.refresh_from_db()
    assert deal.amount_base == Decimal("30625.00")
    assert ExchangeRate.objects.get().currency == "USD"


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"currency": "XYZ", "rate": "1", "valid_from": "2026-11-01"}, "currency"),
        ({"currency": "", "rate": "1", "valid_from": "2026-11-01"}, "currency"),
        ({"currency": "BDT", "rate": "1", "valid_from": "2026-11-01"}, "currency"),
        ({"currency": "USD", "rate": "0", "valid_from": "2026-11-01"}, "rate"),
        ({"currency": "USD", "rate": "-1", "valid_from": "2026-11-01"}, "rate"),
        ({"currency": "USD", "rate": "lots", "valid_from": "2026-11-01"}, "rate"),
        ({"currency": "USD", "rate": "1e400", "valid_from": "2026-11-01"}, "rate"),
        ({"currency": "USD", "rate": "1", "valid_from": "2026-02-30"}, "valid_from"),
        ({"currency": "USD", "rate": "1", "valid_from": ""}, "valid_from"),
    ],
)
def test_bad_values_are_refused_beside_their_field(admin_client, values, field):  # type: ignore[no-untyped-def]
    response = admin_client.post(RATES, values)

    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert f'id="id_{field}_error"' in response.content.decode()
    assert not ExchangeRate.objects.exists()


@freeze_time("2026-11-15")
def test_the_page_shows_the_base_currency_the_rate_in_force_and_deals_without_a_rate(
    admin_client, people
):  # type: ignore[no-untyped-def]
    ExchangeRate.objects.create(currency="USD", rate=Decimal("110"), valid_from="2026-01-01")
    current = ExchangeRate.objects.create(
        currency="USD", rate=Decimal("122.5"), valid_from="2026-10-01"
    )
    ExchangeRate.objects.create(currency="USD", rate=Decimal("125"), valid_from="2026-12-01")
    ExchangeRate.objects.create(currency="INR", rate=Decimal("0.0083333"), valid_from="2026-12-01")
    make_deal(people["agent"], make_pipeline(), amount=Decimal("10"), currency="EUR")

    response = admin_client.get(RATES)

    page = response.content.decode()
    assert "The base currency is BDT" in page
    in_force = {row["rate"].pk for row in response.context["rows"] if row["in_force"]}
    # USD: the newest that has begun; INR: only a later one, which rate_on uses meanwhile.
    assert in_force == {current.pk, ExchangeRate.objects.get(currency="INR").pk}
    assert "0.0083333" in page  # every decimal shown
    assert "EUR · 1" in page


def test_deleting_a_rate(admin_client):  # type: ignore[no-untyped-def]
    rate = ExchangeRate.objects.create(currency="USD", rate=Decimal("110"), valid_from="2026-01-01")

    response = admin_client.post(reverse("sales_settings:rate_delete", args=[rate.pk]))

    assert response["Location"] == RATES
    assert not ExchangeRate.objects.exists()
    assert (
        admin_client.post(reverse("sales_settings:rate_delete", args=[rate.pk])).status_code == 404
    )


def test_rates_are_shown_in_the_readers_digits(admin_client, people):  # type: ignore[no-untyped-def]
    ExchangeRate.objects.create(
        currency="USD", rate=Decimal("122.5"), valid_from=datetime.date(2026, 1, 1)
    )
    people["admin"].language = "bn"
    people["admin"].save()

    page = admin_client.get(RATES, headers={"Accept-Language": "bn"}).content.decode()

    assert "১২২.৫" in page
