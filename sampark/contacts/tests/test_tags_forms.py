"""Tags in the contact and company forms, and on their pages as links to the filtered list."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sampark.contacts import actions
from sampark.contacts.models import Company, Contact

pytestmark = pytest.mark.django_db


def test_a_new_contact_takes_comma_separated_tags(client, people):
    client.force_login(people["agent"])
    response = client.post(
        reverse("contacts:create"),
        {
            "display_name": "Asha",
            "language": "en",
            "preferred_channel": "email",
            "lifecycle_stage": "lead",
            "tags": "vip, Wholesale ,VIP,",
        },
    )

    contact = Contact.objects.get()
    assert response.status_code == 302
    assert {t.name for t in contact.tags.all()} == {"vip", "Wholesale"}


def test_editing_shows_the_tags_and_a_long_one_is_a_field_error(client, people):
    contact = actions.create_contact(by=people["agent"], display_name="Asha", tags=["vip", "b2b"])
    client.force_login(people["agent"])
    url = reverse("contacts:edit", args=[contact.pk])

    form = client.get(url).context["form"]
    assert form["tags"].value() == "b2b, vip"

    data = {**form.initial, "display_name": "Asha", "tags": "ok, " + "x" * 61}
    data = {k: v for k, v in data.items() if v is not None}
    response = client.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].errors["tags"]
    assert sorted(t.name for t in contact.tags.all()) == ["b2b", "vip"]


def test_the_company_form_takes_tags(client, people):
    client.force_login(people["agent"])
    client.post(reverse("contacts:company_create"), {"name": "Rahman Textiles", "tags": "Exporter"})
    company = Company.objects.get()
    assert [t.name for t in company.tags.all()] == ["Exporter"]

    page = client.get(reverse("contacts:company_detail", args=[company.pk])).content.decode()
    assert f'href="{reverse("contacts:companies")}?tag=Exporter"' in page


def test_the_detail_page_links_each_tag_to_the_filtered_list(client, people):
    contact = actions.create_contact(by=people["agent"], display_name="Asha", tags=["Jute & Co"])
    client.force_login(people["agent"])

    page = client.get(reverse("contacts:detail", args=[contact.pk])).content.decode()

    assert f'href="{reverse("contacts:list")}?tag=Jute%20%26%20Co"' in page


def test_history_shows_the_tag_change_by_name(client, people):
    contact = actions.create_contact(by=people["agent"], display_name="Asha", tags=["vip"])
    actions.set_tags(contact, ["vip", "export"], by=people["agent"])
    client.force_login(people["agent"])

    history = client.get(reverse("contacts:history", args=[contact.pk])).context["history"]

    change = history[0].changes[0]
    assert (change.label, change.before, change.after) == ("Tags", "vip", "export, vip")
