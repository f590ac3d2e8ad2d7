"""Addresses follow their record's permissions, in the web UI and the API alike.

Everyone but the outsider is in the Dhaka desk; the outsider is an agent of the Mumbai desk.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from sampark.contacts import actions
from sampark.core.tests.api_client import API, api_client, if_match

pytestmark = pytest.mark.django_db

SECRET = {"line1": "House 7, Gulshan Avenue", "city": "Dhaka", "country": "BD"}
NEW = {
    "addresses-TOTAL_FORMS": 1,
    "addresses-INITIAL_FORMS": 0,
    "addresses-0-label": "home",
    "addresses-0-line1": "Somewhere else",
    "addresses-0-city": "Mumbai",
}


@pytest.fixture
def contact(people):  # type: ignore[no-untyped-def]
    return actions.create_contact(by=people["agent"], display_name="Asha", addresses=[SECRET])


@pytest.fixture
def company(people):  # type: ignore[no-untyped-def]
    return actions.create_company(by=people["agent"], name="Padma", addresses=[SECRET])


def _records(contact, company):  # type: ignore[no-untyped-def]
    return [
        (contact, "contacts:detail", "contacts:edit", f"{API}/contacts/{contact.pk}"),
        (
            company,
            "contacts:company_detail",
            "contacts:company_edit",
            f"{API}/companies/{company.pk}",
        ),
    ]


def _cities(record):  # type: ignore[no-untyped-def]
    return [a.city for a in record.addresses.all()]


def test_an_outsider_can_neither_see_nor_change_another_teams_addresses(
    client, people, contact, company
):
    client.force_login(people["outsider"])
    api = api_client(people["outsider"])

    for record, detail, edit, url in _records(contact, company):
        assert client.get(reverse(detail, args=[record.pk])).status_code == 404
        assert client.get(reverse(edit, args=[record.pk])).status_code == 404
        posted = client.post(reverse(edit, args=[record.pk]), {"version": 1, **NEW})
        assert posted.status_code == 404
        assert api.get(url).status_code == 404
        patched = api.patch_json(url, {"addresses": [{"city": "Mumbai"}]}, headers=if_match(1))
        assert patched.status_code == 404
        assert _cities(record) == ["Dhaka"]


def test_an_outsiders_lists_carry_no_trace_of_another_teams_addresses(people, contact, company):
    api = api_client(people["outsider"])

    for path in ("contacts", "companies"):
        response = api.get(f"{API}/{path}")
        assert response.json()["items"] == []
        assert "Gulshan" not in response.content.decode()
    assert api.get(f"{API}/search?q=Dhaka").json()["items"] == []


@pytest.mark.parametrize("role", ["admin", "manager", "agent", "colleague", "reader"])
def test_everyone_in_the_team_sees_the_addresses(client, people, contact, company, role):
    client.force_login(people[role])

    for record, detail, _edit, url in _records(contact, company):
        assert "Gulshan Avenue" in client.get(reverse(detail, args=[record.pk])).content.decode()
        body = api_client(people[role]).get(url).json()
        assert [a["city"] for a in body["addresses"]] == ["Dhaka"]


@pytest.mark.parametrize("role", ["colleague", "reader"])
def test_who_may_not_change_the_record_may_not_change_its_addresses(
    client, people, contact, company, role
):
    client.force_login(people[role])
    api = api_client(people[role])

    for record, _detail, edit, url in _records(contact, company):
        assert (
            client.post(reverse(edit, args=[record.pk]), {"version": 1, **NEW}).status_code == 403
        )
        patched = api.patch_json(url, {"addresses": []}, headers=if_match(1))
        assert patched.status_code == 403
        assert _cities(record) == ["Dhaka"]


def test_a_manager_may_change_a_team_members_addresses(people, contact):
    response = api_client(people["manager"]).patch_json(
        f"{API}/contacts/{contact.pk}", {"addresses": [{"city": "Khulna"}]}, headers=if_match(1)
    )

    assert response.status_code == 200
    assert _cities(contact) == ["Khulna"]
