"""Custom values over the API: in every contact and company, checked like the form, 422 with
the field named; lists filter and sort by them; definitions are listed."""

from __future__ import annotations

import pytest

from sampark.contacts.models import Contact
from sampark.contacts.tests.factories import CompanyFactory, ContactFactory
from sampark.core.tests.api_client import API, api_client, if_match
from sampark.customfields.models import CustomObject, FieldKind
from sampark.customfields.tests.factories import define

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fields():  # type: ignore[no-untyped-def]
    define(FieldKind.MONEY, "portfolio", currency="BDT")
    define(FieldKind.CHOICE, "risk", options=["low", "high"], required=True)
    define(FieldKind.MULTI_CHOICE, "interests", options=["bonds", "equity"])
    define(FieldKind.URL, "filings", obj=CustomObject.COMPANY)


def test_a_contact_is_created_with_custom_values_and_returns_them(people):  # type: ignore[no-untyped-def]
    response = api_client(people["agent"]).post_json(
        f"{API}/contacts",
        {"display_name": "Rahim Uddin", "custom": {"risk": "low", "portfolio": "150000.255"}},
    )

    assert response.status_code == 201, response.json()
    assert response.json()["custom"] == {"risk": "low", "portfolio": 150000.26}


def test_bad_custom_values_are_a_422_naming_each_field(people):  # type: ignore[no-untyped-def]
    response = api_client(people["agent"]).post_json(
        f"{API}/contacts",
        {
            "display_name": "Rahim Uddin",
            "phone": "12",
            "custom": {"portfolio": "lots", "interests": "bonds", "colour": "red"},
        },
    )

    assert response.status_code == 422
    fields = response.json()["error"]["fields"]
    assert fields["custom.portfolio"] == ["Enter a number."]
    assert fields["custom.interests"] == ["Give a list of options."]
    assert fields["custom.colour"] == ["There is no custom field with this key."]
    assert fields["custom.risk"] == ["This field is required."]
    assert "phone" in fields  # reported together with the record's own fields
    assert not Contact.objects.exists()


def test_a_patch_changes_only_the_custom_values_sent_and_null_clears_one(people):  # type: ignore[no-untyped-def]
    contact = ContactFactory(
        owner=people["agent"], custom={"risk": "low", "portfolio": 10, "interests": ["bonds"]}
    )
    client = api_client(people["agent"])

    response = client.patch_json(
        f"{API}/contacts/{contact.pk}",
        {"custom": {"portfolio": None, "interests": ["equity", "bonds"]}},
        headers=if_match(contact.version),
    )

    assert response.status_code == 200, response.json()
    assert response.json()["custom"] == {"risk": "low", "interests": ["bonds", "equity"]}
    refused = client.patch_json(
        f"{API}/contacts/{contact.pk}",
        {"custom": {"risk": None}},
        headers=if_match(contact.version + 1),
    )
    assert refused.status_code == 422
    assert refused.json()["error"]["fields"] == {"custom.risk": ["This field is required."]}


def test_lists_filter_and_sort_by_custom_values_within_what_the_caller_may_see(people):  # type: ignore[no-untyped-def]
    agent = people["agent"]
    ContactFactory(owner=agent, display_name="Anika", custom={"risk": "high", "portfolio": 9})
    ContactFactory(owner=agent, display_name="Bishal", custom={"risk": "low", "portfolio": 5})
    ContactFactory(owner=agent, display_name="Chitra", custom={"interests": ["equity"]})
    ContactFactory(owner=people["outsider"], display_name="Dev", custom={"risk": "high"})
    client = api_client(agent)

    def names(query: str) -> list[str]:
        response = client.get(f"{API}/contacts?{query}")
        assert response.status_code == 200, response.json()
        return [item["display_name"] for item in response.json()["items"]]

    assert names("cf_risk=high") == ["Anika"]
    assert names("cf_interests=equity") == ["Chitra"]
    assert names("sort=cf_portfolio") == ["Bishal", "Anika", "Chitra"]
    bad = client.get(f"{API}/contacts?cf_portfolio_min=lots&sort=cf_nothing")
    assert bad.status_code == 422
    assert bad.json()["error"]["fields"] == {"cf_portfolio_min": ["Portfolio: Enter a number."]}
    assert client.get(f"{API}/contacts?sort=cf_nothing").status_code == 422


def test_companies_carry_their_own_custom_fields(people):  # type: ignore[no-untyped-def]
    company = CompanyFactory(owner=people["agent"])
    client = api_client(people["agent"])

    response = client.patch_json(
        f"{API}/companies/{company.pk}",
        {"custom": {"filings": "ftp:/nowhere"}},
        headers=if_match(company.version),
    )
    assert response.status_code == 422
    assert "custom.filings" in response.json()["error"]["fields"]
    response = client.patch_json(
        f"{API}/companies/{company.pk}",
        {"custom": {"filings": "https://example.com/f"}},
        headers=if_match(company.version),
    )
    assert response.json()["custom"] == {"filings": "https://example.com/f"}


def test_definitions_are_listed_for_every_signed_in_caller(people):  # type: ignore[no-untyped-def]
    client = api_client(people["reader"])

    response = client.get(f"{API}/custom-fields?object=contact")

    assert response.status_code == 200
    items = response.json()["items"]
    assert [item["key"] for item in items] == ["portfolio", "risk", "interests"]
    assert items[1]["options"] == [{"key": "low", "label": "Low"}, {"key": "high", "label": "High"}]
    assert items[0]["currency"] == "BDT"
    assert client.get(f"{API}/custom-fields?object=deal").status_code == 422
    every = client.get(f"{API}/custom-fields").json()["items"]
    assert {item["object"] for item in every} == {"contact", "company"}
