"""A company's people over the API: listed, linked with title and role, and unlinked, each change
recorded in the contact's history."""

from __future__ import annotations

import pytest

from sampark.contacts.models import Affiliation
from sampark.contacts.tests.factories import CompanyFactory, ContactFactory
from sampark.core.models import AuditEntry, Channel
from sampark.core.tests.api_client import API, api_client

COMPANIES = f"{API}/companies"


@pytest.fixture
def company(people, teams):
    return CompanyFactory(owner=people["agent"], team=teams[0], name="Padma Textiles")


@pytest.fixture
def asha(people, teams):
    return ContactFactory(owner=people["agent"], team=teams[0], display_name="Asha Rahman")


def test_linking_a_contact_returns_201_and_is_audited_on_the_contact(people, company, asha):
    response = api_client(people["agent"]).post_json(
        f"{COMPANIES}/{company.pk}/people",
        {"contact_id": asha.pk, "title": "Buyer", "role": "decision maker", "is_primary": True},
    )

    assert response.status_code == 201
    assert response.json() == {
        "contact_id": asha.pk,
        "display_name": "Asha Rahman",
        "title": "Buyer",
        "role": "decision maker",
        "is_primary": True,
    }
    entry = AuditEntry.objects.for_record(asha).get()
    assert (entry.channel, entry.changes) == (
        Channel.API,
        {"companies": [None, "Padma Textiles (Buyer)"]},
    )


def test_linking_again_changes_the_title_and_returns_200(people, company, asha):
    Affiliation.objects.create(company=company, contact=asha, title="Buyer")

    response = api_client(people["agent"]).post_json(
        f"{COMPANIES}/{company.pk}/people", {"contact_id": asha.pk, "title": "Head of buying"}
    )

    assert response.status_code == 200
    assert Affiliation.objects.get().title == "Head of buying"


def test_a_contact_the_caller_may_not_see_is_a_field_error(people, company, teams):
    mumbai = ContactFactory(owner=people["outsider"], team=teams[1])

    for contact_id in (mumbai.pk, mumbai.pk + 1000):
        response = api_client(people["agent"]).post_json(
            f"{COMPANIES}/{company.pk}/people", {"contact_id": contact_id}
        )
        assert response.status_code == 422
        assert response.json()["error"]["fields"] == {
            "contact_id": ["No such contact, or you may not see it."]
        }
    assert not Affiliation.objects.exists()


def test_a_title_too_long_is_a_field_error(people, company, asha):
    response = api_client(people["agent"]).post_json(
        f"{COMPANIES}/{company.pk}/people", {"contact_id": asha.pk, "title": "x" * 121}
    )

    assert response.status_code == 422
    assert "title" in response.json()["error"]["fields"]


def test_the_list_holds_only_people_the_caller_may_see_by_name(people, company, teams):
    names = ["Zara", "Asha", "Meera"]
    for name in names:
        Affiliation.objects.create(
            company=company,
            contact=ContactFactory(owner=people["agent"], team=teams[0], display_name=name),
        )
    Affiliation.objects.create(
        company=company, contact=ContactFactory(owner=people["outsider"], team=teams[1])
    )
    client = api_client(people["colleague"])

    first = client.get(f"{COMPANIES}/{company.pk}/people", {"limit": 2}).json()
    rest = client.get(
        f"{COMPANIES}/{company.pk}/people", {"limit": 2, "cursor": first["next_cursor"]}
    ).json()

    assert [p["display_name"] for p in first["items"] + rest["items"]] == ["Asha", "Meera", "Zara"]
    assert rest["next_cursor"] is None


def test_unlinking_a_contact_returns_204_and_is_audited_on_the_contact(people, company, asha):
    Affiliation.objects.create(company=company, contact=asha)

    response = api_client(people["agent"]).delete(f"{COMPANIES}/{company.pk}/people/{asha.pk}")

    assert response.status_code == 204
    assert not Affiliation.objects.exists()
    assert AuditEntry.objects.for_record(asha).get().changes == {
        "companies": ["Padma Textiles", None]
    }


def test_unlinking_someone_not_linked_or_not_visible_is_404(people, company, asha, teams):
    mumbai = ContactFactory(owner=people["outsider"], team=teams[1])
    Affiliation.objects.create(company=company, contact=mumbai)
    client = api_client(people["agent"])

    not_linked = client.delete(f"{COMPANIES}/{company.pk}/people/{asha.pk}")
    hidden = client.delete(f"{COMPANIES}/{company.pk}/people/{mumbai.pk}")

    assert (not_linked.status_code, hidden.status_code) == (404, 404)
    assert not_linked.json() == hidden.json()
    assert Affiliation.objects.count() == 1
