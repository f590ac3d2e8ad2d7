"""Over the API, phones arrive in any format and are kept in E.164; bad ones are field errors."""

from __future__ import annotations

from sampark.contacts.models import Contact
from sampark.core.tests.api_client import API, api_client, if_match

CONTACTS = f"{API}/contacts"


def test_local_numbers_are_read_in_the_contacts_country(people):  # type: ignore[no-untyped-def]
    response = api_client(people["agent"]).post_json(
        CONTACTS,
        {
            "display_name": "তানভীর হাসান",
            "country": "BD",
            "phone": "01711-000001",
            "phones": ["+91 98300 00006", "01711 000001"],
            "email": "Tanvir@Example.COM",
            "emails": ["tanvir.h@example.org"],
        },
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["phone"] == "+8801711000001"
    assert body["phones"] == ["+8801711000001", "+919830000006"]  # the repeat is dropped
    assert body["emails"] == ["Tanvir@example.com", "tanvir.h@example.org"]
    assert body["time_zone"] == "Asia/Dhaka"


def test_every_bad_field_is_reported_at_once_with_a_422(people):  # type: ignore[no-untyped-def]
    response = api_client(people["agent"]).post_json(
        CONTACTS,
        {"display_name": "", "phone": "12345", "country": "BD", "email": "not-an-address"},
    )
    assert response.status_code == 422
    fields = response.json()["error"]["fields"]
    assert {"display_name", "phone", "email"} <= set(fields)
    assert "12345" in fields["phone"][0]
    assert not Contact.objects.exists()


def test_a_local_number_without_a_country_asks_for_one(people):  # type: ignore[no-untyped-def]
    response = api_client(people["agent"]).post_json(
        CONTACTS, {"display_name": "Meera", "phone": "098300 00006"}
    )
    assert response.status_code == 422
    assert "country code" in response.json()["error"]["fields"]["phone"][0]


def test_patching_the_phones_replaces_the_list(people):  # type: ignore[no-untyped-def]
    client = api_client(people["agent"])
    created = client.post_json(
        CONTACTS, {"display_name": "Meera", "phone": "+919845000017", "phones": ["+919845000018"]}
    ).json()
    response = client.patch_json(
        f"{CONTACTS}/{created['id']}", {"phones": ["+919845000019"]}, headers=if_match(1)
    )
    assert response.status_code == 200, response.json()
    assert response.json()["phones"] == ["+919845000017", "+919845000019"]


def test_the_api_names_only_companies_the_caller_may_see(people):  # type: ignore[no-untyped-def]
    from sampark.contacts.actions import create_company, create_contact, link_company

    agent, outsider = people["agent"], people["outsider"]
    contact = create_contact(by=agent, display_name="Meera")
    link_company(contact, create_company(by=agent, name="Dhaka Traders"), by=agent)
    link_company(contact, create_company(by=outsider, name="Mumbai Secret"), by=outsider)
    client = api_client(agent)
    one = client.get(f"{CONTACTS}/{contact.pk}").json()
    listed = client.get(CONTACTS).json()["items"][0]
    assert [c["name"] for c in one["companies"]] == ["Dhaka Traders"]
    assert [c["name"] for c in listed["companies"]] == ["Dhaka Traders"]
