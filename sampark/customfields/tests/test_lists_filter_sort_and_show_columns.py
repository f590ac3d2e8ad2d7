"""The contact list filters and sorts by custom fields and shows the ones chosen as columns."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sampark.contacts.tests.factories import ContactFactory
from sampark.core.tests.list_queries import list_queries
from sampark.customfields.models import FieldKind
from sampark.customfields.tests.factories import define

pytestmark = pytest.mark.django_db


@pytest.fixture
def clients(people):  # type: ignore[no-untyped-def]
    define(FieldKind.MONEY, "portfolio", currency="BDT", label="Portfolio", show_in_list=True)
    define(FieldKind.CHOICE, "risk", options=["low", "high"], label="Risk")
    define(FieldKind.BOOLEAN, "kyc_done", label="KYC done")
    agent = people["agent"]
    return {
        "Anika": ContactFactory(
            owner=agent, display_name="Anika", custom={"portfolio": 900000, "risk": "high"}
        ),
        "Bishal": ContactFactory(
            owner=agent,
            display_name="Bishal",
            custom={"portfolio": 50000, "risk": "low", "kyc_done": True},
        ),
        "Chitra": ContactFactory(owner=agent, display_name="Chitra", custom={"kyc_done": False}),
        "Outsider's": ContactFactory(
            owner=people["outsider"], display_name="Dev", custom={"risk": "high"}
        ),
    }


def names(response) -> list[str]:  # type: ignore[no-untyped-def]
    return [contact.display_name for contact in response.context["page"].items]


def test_filters_by_choice_range_and_yes_or_no_within_what_the_user_may_see(
    client, people, clients
):  # type: ignore[no-untyped-def]
    client.force_login(people["agent"])
    url = reverse("contacts:list")

    assert names(client.get(url, {"cf_risk": "high"})) == ["Anika"]
    assert names(client.get(url, {"cf_portfolio_min": "100000"})) == ["Anika"]
    assert names(client.get(url, {"cf_portfolio_max": "100000"})) == ["Bishal"]
    assert names(client.get(url, {"cf_kyc_done": "false"})) == ["Chitra"]


def test_sorting_by_a_custom_field_puts_contacts_without_a_value_last_and_pages_through_all(
    client, people, clients, monkeypatch
):  # type: ignore[no-untyped-def]
    monkeypatch.setattr("sampark.contacts.views.PAGE_SIZE", 2)
    client.force_login(people["agent"])

    first = client.get(reverse("contacts:list"), {"sort": "cf_portfolio"})
    assert names(first) == ["Bishal", "Anika"]
    second = client.get(first.context["next_url"])
    assert names(second) == ["Chitra"]


def test_a_chosen_column_shows_formatted_values(client, people, clients):  # type: ignore[no-untyped-def]
    client.force_login(people["agent"])

    page = client.get(reverse("contacts:list")).content.decode()

    assert '<th scope="col">Portfolio</th>' in page
    assert "BDT9,00,000.00" in page  # lakh grouping, as the workspace locale writes it
    assert '<th scope="col">Risk</th>' not in page  # not chosen as a column


def test_a_bad_filter_value_is_explained_and_the_rest_of_the_list_still_shows(
    client, people, clients
):  # type: ignore[no-untyped-def]
    client.force_login(people["agent"])

    response = client.get(reverse("contacts:list"), {"cf_portfolio_min": "lots", "cf_risk": "x"})

    assert response.status_code == 200
    page = response.content.decode()
    assert "Portfolio: Enter a number." in page
    assert "Risk: x is not one of the options: low, high." in page
    assert names(response) == ["Anika", "Bishal", "Chitra"]


def test_a_list_filtered_and_sorted_by_custom_fields_costs_what_any_list_does(
    client, people, clients, django_assert_max_num_queries
):  # type: ignore[no-untyped-def]
    client.force_login(people["agent"])
    url = reverse("contacts:list")
    params = {"cf_risk": "high", "sort": "cf_portfolio"}
    client.get(url, params)  # warm the session and the cache

    # The session, the user, the count and the page: the list is never read whole.
    with django_assert_max_num_queries(list_queries(4)):
        response = client.get(url, params)
    assert names(response) == ["Anika"]
