"""Roles decide what each company page shows and allows, exactly as for contacts.

Everyone but the outsider is in the Dhaka desk; the outsider is an agent of the Mumbai desk.
A company the user may not see is "not found" on every page; one they may see but not change
is "forbidden".
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from sampark.contacts.models import Affiliation, Company
from sampark.contacts.tests.factories import CompanyFactory, ContactFactory

pytestmark = pytest.mark.django_db

FORM = {"domain": "", "industry": "", "size": "", "country": "", "parent": "", "version": 1}


@pytest.fixture
def company(people, teams):
    return CompanyFactory(owner=people["agent"], team=teams[0], name="Dhaka Jute")


@pytest.fixture
def linked(people, teams, company):
    """A Dhaka contact who works at the company."""
    contact = ContactFactory(owner=people["agent"], team=teams[0], display_name="Asha")
    Affiliation.objects.create(company=company, contact=contact)
    return contact


def _pages(company, contact):
    """Every company page, with what a POST to it would send."""
    return {
        "detail": (reverse("contacts:company_detail", args=[company.pk]), None),
        "history": (reverse("contacts:company_history", args=[company.pk]), None),
        "edit": (
            reverse("contacts:company_edit", args=[company.pk]),
            {**FORM, "name": "Mine now"},
        ),
        "delete": (reverse("contacts:company_delete", args=[company.pk]), {}),
        "add person": (
            reverse("contacts:company_person_add", args=[company.pk]),
            {"contact": contact.pk, "title": "Spy"},
        ),
        "remove person": (
            reverse("contacts:company_person_remove", args=[company.pk, contact.pk]),
            {},
        ),
    }


def test_an_outsider_gets_404_on_every_page_of_another_teams_company(
    client, people, company, linked
):
    client.force_login(people["outsider"])

    for name, (url, data) in _pages(company, linked).items():
        assert client.get(url).status_code == 404, name
        if data is not None:
            assert client.post(url, data).status_code == 404, name

    company.refresh_from_db()
    assert company.name == "Dhaka Jute"
    assert Affiliation.objects.get().title == ""


@pytest.mark.parametrize("role", ["admin", "manager", "agent", "colleague", "reader"])
def test_everyone_in_the_team_can_read_a_team_company(client, people, company, role):
    client.force_login(people[role])

    assert client.get(reverse("contacts:company_detail", args=[company.pk])).status_code == 200
    assert client.get(reverse("contacts:company_history", args=[company.pk])).status_code == 200
    assert "Dhaka Jute" in client.get(reverse("contacts:companies")).content.decode()


def test_a_reader_cannot_create_change_delete_or_link(client, people, company, linked):
    client.force_login(people["reader"])
    pages = _pages(company, linked)

    assert client.get(reverse("contacts:company_create")).status_code == 403
    assert client.post(reverse("contacts:company_create"), {**FORM, "name": "X"}).status_code == 403
    for name in ("edit", "delete", "add person", "remove person"):
        url, data = pages[name]
        assert client.post(url, data).status_code == 403, name

    assert list(Company.objects.values_list("name", flat=True)) == ["Dhaka Jute"]
    assert Affiliation.objects.get().title == ""


def test_a_reader_sees_no_edit_delete_or_people_controls(client, people, company, linked):
    client.force_login(people["reader"])

    body = client.get(reverse("contacts:company_detail", args=[company.pk])).content.decode()
    listing = client.get(reverse("contacts:companies")).content.decode()

    assert reverse("contacts:company_edit", args=[company.pk]) not in body
    assert reverse("contacts:company_delete", args=[company.pk]) not in body
    assert reverse("contacts:company_person_add", args=[company.pk]) not in body
    assert reverse("contacts:company_create") not in listing


def test_an_agent_cannot_change_a_colleagues_company(client, people, company, linked):
    client.force_login(people["colleague"])

    for name, (url, data) in _pages(company, linked).items():
        if data is not None:
            assert client.post(url, data).status_code == 403, name

    assert Company.objects.get().name == "Dhaka Jute"


def test_an_agent_changes_and_deletes_their_own_company(client, people, company):
    client.force_login(people["agent"])

    edited = client.post(
        reverse("contacts:company_edit", args=[company.pk]), {**FORM, "name": "Renamed"}
    )
    deleted = client.post(reverse("contacts:company_delete", args=[company.pk]))

    assert (edited.status_code, deleted.status_code) == (302, 302)
    assert not Company.objects.exists()


def test_a_manager_changes_a_company_of_their_team(client, people, company, linked):
    client.force_login(people["manager"])

    edited = client.post(
        reverse("contacts:company_edit", args=[company.pk]), {**FORM, "name": "Renamed"}
    )
    linked_again = client.post(
        reverse("contacts:company_person_add", args=[company.pk]),
        {"contact": linked.pk, "title": "Buyer"},
    )

    assert (edited.status_code, linked_again.status_code) == (302, 302)
    assert Affiliation.objects.get().title == "Buyer"


def test_an_admin_deletes_any_teams_company(client, people, teams):
    mumbai = CompanyFactory(owner=people["outsider"], team=teams[1])
    client.force_login(people["admin"])

    response = client.post(reverse("contacts:company_delete", args=[mumbai.pk]))

    assert response.status_code == 302
    assert not Company.objects.exists()


def test_signed_out_visitors_are_sent_to_sign_in(client, company):
    response = client.get(reverse("contacts:company_detail", args=[company.pk]))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
