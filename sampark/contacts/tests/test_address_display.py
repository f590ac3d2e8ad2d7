"""Addresses on the contact and company pages: laid out as each country posts them, escaped,
and at a fixed cost in queries."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sampark.contacts import actions
from sampark.contacts.models import Address
from sampark.contacts.tests.factories import CompanyFactory, ContactFactory

pytestmark = pytest.mark.django_db

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.mark.parametrize(
    ("values", "lines"),
    [
        (
            {"line1": "House 12, Road 5", "city": "Dhaka", "postal_code": "1212", "country": "BD"},
            ["House 12, Road 5", "Dhaka 1212"],
        ),
        (
            {"line1": "12 MG Road", "city": "Pune", "region": "Maharashtra", "country": "IN"},
            ["12 MG Road", "Pune", "Maharashtra"],
        ),
        (
            {
                "line1": "1 Main St",
                "city": "Springfield",
                "region": "IL",
                "postal_code": "62704",
                "country": "US",
            },
            ["1 Main St", "Springfield, IL 62704"],
        ),
        (
            {
                "line1": "10 Downing St",
                "city": "London",
                "postal_code": "SW1A 2AA",
                "country": "GB",
            },
            ["10 Downing St", "London", "SW1A 2AA"],
        ),
        (
            {
                "line1": "Unter den Linden 1",
                "city": "Berlin",
                "postal_code": "10117",
                "country": "DE",
            },
            ["Unter den Linden 1", "10117 Berlin"],
        ),
    ],
)
def test_an_address_is_laid_out_as_its_country_posts_it(values, lines):
    assert Address(**values).postal_lines() == lines


def test_the_contact_page_shows_each_address_with_its_label_and_country_name(client, people):
    contact = actions.create_contact(
        by=people["agent"],
        display_name="Client",
        addresses=[
            {"label": "work", "line1": "Agrabad C/A", "city": "চট্টগ্রাম", "country": "BD"},
            {"label": "home", "line1": "12 MG Road", "city": "Pune", "country": "IN"},
        ],
    )
    client.force_login(people["agent"])

    page = client.get(reverse("contacts:detail", args=[contact.pk])).content.decode()

    assert "<address>Agrabad C/A<br>চট্টগ্রাম<br>Bangladesh</address>" in page
    assert "<address>12 MG Road<br>Pune<br>India</address>" in page
    assert page.index("Agrabad") < page.index("MG Road")
    assert "Work · primary" in page


def test_the_company_page_shows_its_addresses(client, people, teams):
    company = CompanyFactory(owner=people["agent"], team=teams[0])
    actions.update_company(
        company,
        by=people["agent"],
        values={"addresses": [{"line1": "72 Motijheel", "city": "Dhaka", "country": "BD"}]},
    )
    client.force_login(people["agent"])

    page = client.get(reverse("contacts:company_detail", args=[company.pk])).content.decode()

    assert "<address>72 Motijheel<br>Dhaka<br>Bangladesh</address>" in page


def test_markup_typed_into_an_address_stays_text_on_every_page(client, people):
    contact = actions.create_contact(
        by=people["agent"], display_name="Client", addresses=[{"line1": XSS, "city": XSS}]
    )
    client.force_login(people["agent"])

    for name in ("detail", "edit", "history"):
        page = client.get(reverse(f"contacts:{name}", args=[contact.pk])).content.decode()
        assert "<script>alert" not in page, name
        assert "<img src=x" not in page, name
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page, name


@pytest.mark.parametrize("page", ["contacts:detail", "contacts:company_detail"])
def test_the_page_costs_the_same_queries_however_many_addresses(client, people, teams, page):
    record = (
        ContactFactory(owner=people["agent"], team=teams[0])
        if page == "contacts:detail"
        else CompanyFactory(owner=people["agent"], team=teams[0])
    )
    owner = "contact" if page == "contacts:detail" else "company"
    client.force_login(people["agent"])
    url = reverse(page, args=[record.pk])
    client.get(url)  # warm the session
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    Address.objects.bulk_create(
        Address(**{owner: record}, city=f"Town {n}", position=n, is_primary=n == 0)
        for n in range(5)
    )

    with CaptureQueriesContext(connection) as after:
        response = client.get(url)

    assert "Town 4" in response.content.decode()
    assert len(after.captured_queries) == len(before.captured_queries)
