"""Roles decide what the API shows and allows, exactly as in the web UI.

Everyone but the outsider is in the Dhaka desk; the outsider is an agent of the Mumbai desk.
"""

from __future__ import annotations

import pytest

from sampark.contacts.models import Contact
from sampark.contacts.tests.factories import ContactFactory
from sampark.core.tests.api_client import API, api_client, if_match

CONTACTS = f"{API}/contacts"


@pytest.fixture
def dhaka_contact(people, teams):  # type: ignore[no-untyped-def]
    return ContactFactory(owner=people["agent"], team=teams[0], display_name="Dhaka client")


def test_an_outsider_does_not_see_another_teams_contact_in_the_list(people, dhaka_contact):
    ContactFactory(owner=people["outsider"], display_name="Mumbai client")

    body = api_client(people["outsider"]).get(CONTACTS).json()

    assert [item["display_name"] for item in body["items"]] == ["Mumbai client"]


def test_an_outsider_guessing_an_id_gets_the_same_404_as_for_a_missing_one(people, dhaka_contact):
    client = api_client(people["outsider"])
    url = f"{CONTACTS}/{dhaka_contact.pk}"
    missing = client.get(f"{CONTACTS}/{dhaka_contact.pk + 1000}")

    for response in (
        client.get(url),
        client.patch_json(url, {"display_name": "Mine now"}, headers=if_match(1)),
        client.delete(url, headers=if_match(1)),
    ):
        assert response.status_code == 404
        assert response.json() == missing.json()
        assert "ETag" not in response
    dhaka_contact.refresh_from_db()
    assert dhaka_contact.display_name == "Dhaka client"


def test_an_outsider_without_a_version_still_gets_404_not_428(people, dhaka_contact):
    response = api_client(people["outsider"]).delete(f"{CONTACTS}/{dhaka_contact.pk}")

    assert response.status_code == 404


@pytest.mark.parametrize("role", ["admin", "manager", "agent", "colleague", "reader"])
def test_everyone_in_the_team_can_read_a_team_contact(people, dhaka_contact, role):
    client = api_client(people[role])

    assert client.get(f"{CONTACTS}/{dhaka_contact.pk}").status_code == 200
    assert [item["id"] for item in client.get(CONTACTS).json()["items"]] == [dhaka_contact.pk]


def test_a_reader_cannot_create_change_or_delete(people, dhaka_contact):
    client = api_client(people["reader"])
    url = f"{CONTACTS}/{dhaka_contact.pk}"

    responses = [
        client.post_json(CONTACTS, {"display_name": "New"}),
        client.patch_json(url, {"display_name": "Changed"}, headers=if_match(1)),
        client.delete(url, headers=if_match(1)),
    ]

    assert [r.status_code for r in responses] == [403, 403, 403]
    assert {r.json()["error"]["code"] for r in responses} == {"forbidden"}
    assert list(Contact.objects.values_list("display_name", flat=True)) == ["Dhaka client"]


def test_an_agent_can_change_their_own_contact(people, dhaka_contact):
    response = api_client(people["agent"]).patch_json(
        f"{CONTACTS}/{dhaka_contact.pk}", {"display_name": "Renamed"}, headers=if_match(1)
    )

    assert response.status_code == 200
    assert response.json()["display_name"] == "Renamed"


def test_an_agent_cannot_change_or_delete_a_colleagues_contact(people, dhaka_contact):
    client = api_client(people["colleague"])
    url = f"{CONTACTS}/{dhaka_contact.pk}"

    assert client.patch_json(url, {"display_name": "X"}, headers=if_match(1)).status_code == 403
    assert client.delete(url, headers=if_match(1)).status_code == 403
    dhaka_contact.refresh_from_db()
    assert dhaka_contact.display_name == "Dhaka client"


def test_a_manager_can_change_a_contact_of_their_team(people, dhaka_contact):
    response = api_client(people["manager"]).patch_json(
        f"{CONTACTS}/{dhaka_contact.pk}", {"phone": "+880 1711 000009"}, headers=if_match(1)
    )

    assert response.status_code == 200


def test_an_admin_can_delete_any_teams_contact(people):
    mumbai_contact = ContactFactory(owner=people["outsider"])

    response = api_client(people["admin"]).delete(
        f"{CONTACTS}/{mumbai_contact.pk}", headers=if_match(1)
    )

    assert response.status_code == 204
