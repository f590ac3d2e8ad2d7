"""Addresses over the API: created with the record, replaced by PATCH, 422 naming the field."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sampark.contacts import actions
from sampark.contacts.models import Address, Contact
from sampark.contacts.tests.factories import CompanyFactory, ContactFactory
from sampark.core.tests.api_client import API, api_client, if_match

pytestmark = pytest.mark.django_db

CONTACTS = f"{API}/contacts"
COMPANIES = f"{API}/companies"
KOLKATA = {"label": "work", "line1": "12 Park Street", "city": "Kolkata", "postal_code": "700 016"}


def test_a_contact_is_created_with_its_addresses_primary_first(people):
    response = api_client(people["agent"]).post_json(
        CONTACTS,
        {
            "display_name": "শ্রেয়া ব্যানার্জি",
            "country": "IN",
            "addresses": [KOLKATA, {"city": "ঢাকা", "country": "BD", "is_primary": True}],
        },
    )

    assert response.status_code == 201, response.json()
    assert response.json()["addresses"] == [
        {
            "label": "home",
            "line1": "",
            "line2": "",
            "city": "ঢাকা",
            "region": "",
            "postal_code": "",
            "country": "BD",
            "is_primary": True,
        },
        {
            "label": "work",
            "line1": "12 Park Street",
            "line2": "",
            "city": "Kolkata",
            "region": "",
            "postal_code": "700016",
            "country": "IN",
            "is_primary": False,
        },
    ]


def test_patch_replaces_the_addresses_only_when_sent(people):
    contact = actions.create_contact(
        by=people["agent"], display_name="Client", country="IN", addresses=[KOLKATA]
    )
    client = api_client(people["agent"])
    url = f"{CONTACTS}/{contact.pk}"

    kept = client.patch_json(url, {"source": "Fair"}, headers=if_match(1))
    assert [a["city"] for a in kept.json()["addresses"]] == ["Kolkata"]

    replaced = client.patch_json(
        url, {"addresses": [{"city": "Pune"}, {"city": "Goa"}]}, headers=if_match(2)
    )
    assert replaced.status_code == 200
    assert [(a["city"], a["is_primary"]) for a in replaced.json()["addresses"]] == [
        ("Pune", True),
        ("Goa", False),
    ]
    assert replaced["ETag"] == '"3"'

    cleared = client.patch_json(url, {"addresses": []}, headers=if_match(3))
    assert cleared.json()["addresses"] == []
    assert not Address.objects.exists()


@pytest.mark.parametrize(
    ("address", "field", "message"),
    [
        ({"city": "Dhaka", "country": "ZZ"}, "addresses.1.country", "not a country code"),
        ({"city": "Dhaka", "postal_code": "12", "country": "BD"}, "addresses.1.postal_code", "4"),
        ({"region": "Sylhet"}, "addresses.1.line1", "street or the town"),
        ({"city": "Dhaka", "label": "palace"}, "addresses.1.label", "not a valid choice"),
        ({"city": "Dhaka", "zip": "1212"}, "addresses.1.zip", "not accepted"),
        ({"city": "Dhaka", "is_primary": "maybe"}, "addresses.1.is_primary", "bool"),
        ({"city": "x" * 101}, "addresses.1.city", "at most 100"),
    ],
)
def test_a_bad_address_is_a_422_naming_its_field(people, address, field, message):
    response = api_client(people["agent"]).post_json(
        CONTACTS, {"display_name": "Client", "addresses": [KOLKATA, address]}
    )

    assert response.status_code == 422
    fields = response.json()["error"]["fields"]
    assert list(fields) == [field]
    assert message in fields[field][0]
    assert not Contact.objects.exists()


def test_a_422_reports_a_bad_address_with_the_records_other_bad_fields(people):
    company = CompanyFactory(owner=people["agent"], country="BD")
    response = api_client(people["agent"]).patch_json(
        f"{COMPANIES}/{company.pk}",
        {"domain": "not a domain", "addresses": [{"city": "Dhaka", "postal_code": "99"}]},
        headers=if_match(1),
    )

    assert response.status_code == 422
    assert set(response.json()["error"]["fields"]) == {"domain", "addresses.0.postal_code"}
    assert not company.addresses.exists()


def test_a_company_is_created_and_changed_with_its_addresses(people):
    client = api_client(people["agent"])
    created = client.post_json(
        COMPANIES,
        {
            "name": "Padma Traders",
            "country": "GB",
            "addresses": [{"line1": "1 Dock Road", "city": "London", "postal_code": "e16 1aa"}],
        },
    )
    assert created.status_code == 201, created.json()
    body = created.json()
    assert [(a["label"], a["postal_code"], a["country"]) for a in body["addresses"]] == [
        ("work", "E16 1AA", "GB")
    ]

    url = f"{COMPANIES}/{body['id']}"
    patched = client.patch_json(
        url, {"addresses": [{"label": "billing", "city": "Leeds"}]}, headers=if_match(1)
    )
    assert patched.status_code == 200
    assert [a["city"] for a in patched.json()["addresses"]] == ["Leeds"]
    assert [a["city"] for a in client.get(url).json()["addresses"]] == ["Leeds"]


@pytest.mark.parametrize("path", ["contacts", "companies"])
def test_a_list_costs_the_same_queries_however_many_addresses(
    people, teams, path, django_assert_num_queries
):
    client = api_client(people["agent"])
    url = f"{API}/{path}"
    factory = ContactFactory if path == "contacts" else CompanyFactory
    owner = "contact" if path == "contacts" else "company"
    first = factory(owner=people["agent"], team=teams[0])
    Address.objects.create(**{owner: first}, city="Dhaka", is_primary=True)
    client.get(url)

    with CaptureQueriesContext(connection) as before:
        client.get(url)
    for n in range(10):
        record = factory(owner=people["agent"], team=teams[0])
        Address.objects.bulk_create(
            Address(**{owner: record}, city=f"Town {n}.{k}", position=k) for k in range(3)
        )

    with django_assert_num_queries(len(before.captured_queries)):
        response = client.get(url)

    assert len(response.json()["items"]) == 11
    assert sum(len(item["addresses"]) for item in response.json()["items"]) == 31
