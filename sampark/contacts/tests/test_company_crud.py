"""Companies through the web UI: create, read, edit and delete, each write audited."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sampark.contacts.models import Affiliation, Company
from sampark.contacts.tests.factories import CompanyFactory, ContactFactory
from sampark.core.models import AuditEntry

pytestmark = pytest.mark.django_db

FORM = {"name": "", "domain": "", "industry": "", "size": "", "country": "", "parent": ""}


def test_creating_a_company_makes_the_user_its_owner_in_their_team(client, people, teams):
    client.force_login(people["agent"])

    response = client.post(
        reverse("contacts:company_create"),
        {
            **FORM,
            "name": "Padma Textiles",
            "industry": "Garments",
            "size": "51-250",
            "country": "BD",
        },
    )

    company = Company.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("contacts:company_detail", args=[company.pk])
    assert (company.name, company.size, company.country) == ("Padma Textiles", "51-250", "BD")
    assert (company.owner, company.team) == (people["agent"], teams[0])
    assert AuditEntry.objects.for_record(company).get().action == "create"


def test_the_new_company_form_lists_countries_by_name(client, people):
    client.force_login(people["agent"])

    body = client.get(reverse("contacts:company_create")).content.decode()

    assert '<option value="BD">Bangladesh</option>' in body
    assert '<option value="EU">' not in body


def test_countries_are_named_in_the_users_language(client, people):
    people["agent"].language = "bn"
    people["agent"].save(update_fields=["language"])
    client.force_login(people["agent"])

    body = client.get(reverse("contacts:company_create")).content.decode()

    assert '<option value="BD">বাংলাদেশ</option>' in body


def test_an_unknown_country_code_is_a_field_error(client, people):
    client.force_login(people["agent"])

    response = client.post(
        reverse("contacts:company_create"), {**FORM, "name": "X", "country": "EU"}
    )

    assert response.status_code == 200
    assert 'class="field has-error"' in response.content.decode()
    assert not Company.objects.exists()


def test_the_detail_page_shows_the_company_its_group_and_its_people(client, people, teams):
    group = CompanyFactory(owner=people["agent"], team=teams[0], name="Padma Group")
    company = CompanyFactory(
        owner=people["agent"], team=teams[0], name="Padma Textiles", parent=group, country="BD"
    )
    CompanyFactory(owner=people["agent"], team=teams[0], name="Padma Dyeing", parent=company)
    asha = ContactFactory(owner=people["agent"], team=teams[0], display_name="Asha Rahman")
    Affiliation.objects.create(
        company=company, contact=asha, title="Buyer", role="decision maker", is_primary=True
    )
    client.force_login(people["agent"])

    body = client.get(reverse("contacts:company_detail", args=[company.pk])).content.decode()

    for text in ("Padma Textiles", "Padma Group", "Padma Dyeing", "Bangladesh"):
        assert text in body
    for text in ("Asha Rahman", "Buyer", "decision maker"):
        assert text in body
    assert reverse("contacts:company_person_remove", args=[company.pk, asha.pk]) in body


def test_a_parent_of_another_team_is_not_shown(client, people, teams):
    mumbai_group = CompanyFactory(owner=people["outsider"], team=teams[1], name="Mumbai Holdings")
    company = CompanyFactory(owner=people["agent"], team=teams[0], parent=mumbai_group)
    client.force_login(people["agent"])

    body = client.get(reverse("contacts:company_detail", args=[company.pk])).content.decode()

    assert "Mumbai Holdings" not in body


def test_editing_a_company_saves_and_audits_the_change(client, people, teams):
    company = CompanyFactory(owner=people["agent"], team=teams[0], name="Padma", domain="")
    client.force_login(people["agent"])

    response = client.post(
        reverse("contacts:company_edit", args=[company.pk]),
        {**FORM, "name": "Padma Textiles", "domain": "https://www.PadmaTex.com.bd/", "version": 1},
    )

    assert response.status_code == 302
    company.refresh_from_db()
    assert (company.name, company.domain, company.version) == (
        "Padma Textiles",
        "padmatex.com.bd",
        2,
    )
    entry = AuditEntry.objects.for_record(company).get()
    assert entry.changes["name"] == ["Padma", "Padma Textiles"]


def test_editing_keeps_a_parent_the_editor_cannot_see(client, people, teams):
    mumbai_group = CompanyFactory(owner=people["outsider"], team=teams[1])
    company = CompanyFactory(owner=people["agent"], team=teams[0], parent=mumbai_group)
    client.force_login(people["agent"])

    response = client.post(
        reverse("contacts:company_edit", args=[company.pk]),
        {**FORM, "name": "Renamed", "parent": mumbai_group.pk, "version": 1},
    )

    assert response.status_code == 302
    company.refresh_from_db()
    assert (company.name, company.parent) == ("Renamed", mumbai_group)


def test_the_history_tab_lists_the_companys_changes(client, people, teams):
    client.force_login(people["agent"])
    client.post(reverse("contacts:company_create"), {**FORM, "name": "Padma", "size": "2-10"})
    company = Company.objects.get()
    client.post(
        reverse("contacts:company_edit", args=[company.pk]),
        {**FORM, "name": "Padma", "size": "11-50", "version": 1},
    )

    body = client.get(reverse("contacts:company_history", args=[company.pk])).content.decode()

    assert "2 to 10 people" in body
    assert "11 to 50 people" in body


def test_deleting_asks_first_then_deletes_and_keeps_its_people(client, people, teams):
    company = CompanyFactory(owner=people["agent"], team=teams[0], name="Padma")
    asha = ContactFactory(owner=people["agent"], team=teams[0])
    Affiliation.objects.create(company=company, contact=asha)
    client.force_login(people["agent"])
    url = reverse("contacts:company_delete", args=[company.pk])

    confirm = client.get(url)
    assert "Delete Padma?" in confirm.content.decode()
    assert Company.objects.filter(pk=company.pk).exists()

    response = client.post(url)

    assert response["Location"] == reverse("contacts:companies")
    assert not Company.objects.filter(pk=company.pk).exists()
    assert not Affiliation.objects.exists()
    asha.refresh_from_db()
    assert AuditEntry.objects.filter(object_id=str(company.pk), action="delete").exists()
