"""Linking people to a company from its page: added with title and role, removed after asking,
each change recorded in the contact's history."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sampark.contacts.models import Affiliation
from sampark.contacts.tests.factories import CompanyFactory, ContactFactory
from sampark.core.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def company(people, teams):
    return CompanyFactory(owner=people["agent"], team=teams[0], name="Padma Textiles")


@pytest.fixture
def asha(people, teams):
    return ContactFactory(owner=people["agent"], team=teams[0], display_name="Asha Rahman")


def test_adding_a_person_links_them_with_title_and_role(client, people, company, asha):
    client.force_login(people["agent"])

    response = client.post(
        reverse("contacts:company_person_add", args=[company.pk]),
        {
            "contact": asha.pk,
            "title": "Head of buying",
            "role": "decision maker",
            "is_primary": "on",
        },
    )

    assert response["Location"] == reverse("contacts:company_detail", args=[company.pk])
    affiliation = Affiliation.objects.get()
    assert (affiliation.contact, affiliation.company) == (asha, company)
    assert (affiliation.title, affiliation.role, affiliation.is_primary) == (
        "Head of buying",
        "decision maker",
        True,
    )


def test_adding_a_person_is_recorded_in_the_contacts_history(client, people, company, asha):
    client.force_login(people["agent"])

    client.post(
        reverse("contacts:company_person_add", args=[company.pk]),
        {"contact": asha.pk, "title": "Buyer"},
    )

    entry = AuditEntry.objects.for_record(asha).get()
    assert (entry.action, entry.actor) == ("update", people["agent"])
    assert entry.changes == {"companies": [None, "Padma Textiles (Buyer)"]}


def test_making_a_company_the_main_one_unmarks_the_others(client, people, company, asha, teams):
    old = CompanyFactory(owner=people["agent"], team=teams[0])
    Affiliation.objects.create(company=old, contact=asha, is_primary=True)
    client.force_login(people["agent"])

    client.post(
        reverse("contacts:company_person_add", args=[company.pk]),
        {"contact": asha.pk, "is_primary": "on"},
    )

    assert list(asha.affiliations.filter(is_primary=True).values_list("company", flat=True)) == [
        company.pk
    ]


def test_only_contacts_the_user_may_see_are_offered_or_accepted(client, people, company, teams):
    mumbai = ContactFactory(owner=people["outsider"], team=teams[1], display_name="Mumbai Client")
    client.force_login(people["agent"])

    page = client.get(reverse("contacts:company_detail", args=[company.pk])).content.decode()
    response = client.post(
        reverse("contacts:company_person_add", args=[company.pk]), {"contact": mumbai.pk}
    )

    assert "Mumbai Client" not in page
    assert response.status_code == 200
    assert 'id="id_contact_error"' in response.content.decode()
    assert not Affiliation.objects.exists()


def test_the_people_list_leaves_out_contacts_the_user_may_not_see(client, people, company, teams):
    mumbai = ContactFactory(owner=people["outsider"], team=teams[1], display_name="Mumbai Client")
    Affiliation.objects.create(company=company, contact=mumbai)
    client.force_login(people["agent"])

    body = client.get(reverse("contacts:company_detail", args=[company.pk])).content.decode()

    assert "Mumbai Client" not in body
    assert "Nobody from this company yet." in body


def test_removing_a_person_asks_first(client, people, company, asha):
    Affiliation.objects.create(company=company, contact=asha)
    client.force_login(people["agent"])

    response = client.get(reverse("contacts:company_person_remove", args=[company.pk, asha.pk]))

    body = response.content.decode()
    assert "Remove Asha Rahman from Padma Textiles?" in body
    assert 'method="post"' in body
    assert "csrfmiddlewaretoken" in body
    assert Affiliation.objects.exists()


def test_removing_a_person_unlinks_them_and_is_recorded_on_the_contact(
    client, people, company, asha
):
    Affiliation.objects.create(company=company, contact=asha)
    client.force_login(people["agent"])

    response = client.post(reverse("contacts:company_person_remove", args=[company.pk, asha.pk]))

    assert response["Location"] == reverse("contacts:company_detail", args=[company.pk])
    assert not Affiliation.objects.exists()
    asha.refresh_from_db()
    entry = AuditEntry.objects.for_record(asha).get()
    assert entry.changes == {"companies": ["Padma Textiles", None]}


def test_removing_someone_who_is_not_linked_is_404(client, people, company, asha):
    client.force_login(people["agent"])

    url = reverse("contacts:company_person_remove", args=[company.pk, asha.pk])

    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404


def test_the_add_form_needs_a_post_with_the_csrf_token(people, company, asha):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(people["agent"])

    response = client.post(
        reverse("contacts:company_person_add", args=[company.pk]), {"contact": asha.pk}
    )

    assert response.status_code == 403
    assert not Affiliation.objects.exists()
