"""Roles decide what the companies API shows and allows, exactly as in the web UI.

Everyone but the outsider is in the Dhaka desk; the outsider is an agent of the Mumbai desk.
"""

from __future__ import annotations

import pytest

from sampark.contacts.models import Affiliation, Company
from sampark.contacts.tests.factories import CompanyFactory, ContactFactory
from sampark.core.models import TokenScope
from sampark.core.tests.api_client import API, api_client, if_match

COMPANIES = f"{API}/companies"


@pytest.fixture
def company(people, teams):
    return CompanyFactory(owner=people["agent"], team=teams[0], name="Dhaka Jute")


@pytest.fixture
def asha(people, teams, company):
    contact = ContactFactory(owner=people["agent"], team=teams[0], display_name="Asha")
    Affiliation.objects.create(company=company, contact=contact)
    return contact


def _writes(client, company, contact):
    url = f"{COMPANIES}/{company.pk}"
    return {
        "patch": client.patch_json(url, {"name": "Mine now"}, headers=if_match(1)),
        "delete": client.delete(url, headers=if_match(1)),
        "add person": client.post_json(f"{url}/people", {"contact_id": contact.pk, "title": "X"}),
        "remove person": client.delete(f"{url}/people/{contact.pk}"),
    }


def test_an_outsider_does_not_see_another_teams_company_in_the_list(people, company):
    CompanyFactory(owner=people["outsider"], name="Mumbai Spices")

    body = api_client(people["outsider"]).get(COMPANIES).json()

    assert [item["name"] for item in body["items"]] == ["Mumbai Spices"]


def test_an_outsider_gets_the_same_404_as_for_a_missing_company_everywhere(people, company, asha):
    client = api_client(people["outsider"])
    missing = client.get(f"{COMPANIES}/{company.pk + 1000}")

    responses = {
        "get": client.get(f"{COMPANIES}/{company.pk}"),
        "people": client.get(f"{COMPANIES}/{company.pk}/people"),
        **_writes(client, company, asha),
    }

    for name, response in responses.items():
        assert response.status_code == 404, name
        assert response.json() == missing.json(), name
    assert Company.objects.get().name == "Dhaka Jute"
    assert Affiliation.objects.get().title == ""


@pytest.mark.parametrize("role", ["admin", "manager", "agent", "colleague", "reader"])
def test_everyone_in_the_team_can_read_a_team_company_and_its_people(people, company, asha, role):
    client = api_client(people[role])

    assert client.get(f"{COMPANIES}/{company.pk}").status_code == 200
    assert [item["id"] for item in client.get(COMPANIES).json()["items"]] == [company.pk]
    people_list = client.get(f"{COMPANIES}/{company.pk}/people").json()["items"]
    assert [p["contact_id"] for p in people_list] == [asha.pk]


def test_a_reader_cannot_create_change_delete_or_link(people, company, asha):
    client = api_client(people["reader"])

    responses = {
        "create": client.post_json(COMPANIES, {"name": "New"}),
        **_writes(client, company, asha),
    }

    assert {name: r.status_code for name, r in responses.items()} == dict.fromkeys(responses, 403)
    assert {r.json()["error"]["code"] for r in responses.values()} == {"forbidden"}
    assert list(Company.objects.values_list("name", flat=True)) == ["Dhaka Jute"]
    assert Affiliation.objects.get().title == ""


def test_a_read_only_token_cannot_write_even_for_the_owner(people, company, asha):
    client = api_client(people["agent"], TokenScope.READ)

    responses = _writes(client, company, asha)

    assert {r.status_code for r in responses.values()} == {403}


def test_an_agent_cannot_change_a_colleagues_company(people, company, asha):
    responses = _writes(api_client(people["colleague"]), company, asha)

    assert {name: r.status_code for name, r in responses.items()} == dict.fromkeys(responses, 403)
    assert Company.objects.get().name == "Dhaka Jute"


def test_an_agent_can_change_their_own_company(people, company):
    response = api_client(people["agent"]).patch_json(
        f"{COMPANIES}/{company.pk}", {"name": "Renamed"}, headers=if_match(1)
    )

    assert response.status_code == 200
    assert response.json()["name"] == "Renamed"


def test_a_manager_can_change_a_company_of_their_team_and_its_people(people, company, asha):
    client = api_client(people["manager"])

    patched = client.patch_json(
        f"{COMPANIES}/{company.pk}", {"industry": "Jute"}, headers=if_match(1)
    )
    removed = client.delete(f"{COMPANIES}/{company.pk}/people/{asha.pk}")

    assert (patched.status_code, removed.status_code) == (200, 204)


def test_an_admin_can_delete_any_teams_company(people, teams):
    mumbai = CompanyFactory(owner=people["outsider"], team=teams[1])

    response = api_client(people["admin"]).delete(f"{COMPANIES}/{mumbai.pk}", headers=if_match(1))

    assert response.status_code == 204


def test_a_caller_without_credentials_gets_401(db):
    from django.test import Client

    response = Client().get(COMPANIES)

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthorized"
