"""Addresses in the contact and company forms: added, changed and removed without script."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from sampark.contacts import actions
from sampark.contacts.models import Company, Contact

pytestmark = pytest.mark.django_db

CONTACT = {
    "display_name": "প্রবীর মুখোপাধ্যায়",
    "language": "bn",
    "preferred_channel": "whatsapp",
    "lifecycle_stage": "lead",
    "country": "BD",
}
COMPANY = {"name": "Padma Traders", "domain": "", "industry": "", "size": "", "country": "BD"}
BLANK = {"label": "home", "line1": "", "line2": "", "city": "", "region": "", "postal_code": ""}


def addresses(*forms: dict[str, Any], initial: int = 0) -> dict[str, Any]:
    """The formset's POST data: the management form, then each address's fields."""
    data: dict[str, Any] = {
        "addresses-TOTAL_FORMS": len(forms),
        "addresses-INITIAL_FORMS": initial,
        "addresses-MIN_NUM_FORMS": 0,
        "addresses-MAX_NUM_FORMS": 10,
    }
    for n, form in enumerate(forms):
        data.update({f"addresses-{n}-{name}": value for name, value in form.items()})
    return data


def test_a_new_contact_is_saved_with_two_addresses_and_an_empty_form_is_skipped(client, people):
    client.force_login(people["agent"])
    home = {**BLANK, "line1": "বাড়ি ১২, রোড ৫", "city": "চট্টগ্রাম", "postal_code": "৪১০০"}
    work = {**BLANK, "label": "work", "line1": "Motijheel C/A", "city": "Dhaka", "is_primary": "on"}

    response = client.post(reverse("contacts:create"), {**CONTACT, **addresses(home, work, BLANK)})

    assert response.status_code == 302, response.context["form"].errors
    contact = Contact.objects.get()
    stored = [(a.label, a.line1, a.city, a.postal_code, a.country) for a in contact.addresses.all()]
    assert stored == [
        ("work", "Motijheel C/A", "Dhaka", "", "BD"),
        ("home", "বাড়ি ১২, রোড ৫", "চট্টগ্রাম", "4100", "BD"),
    ]


def test_the_edit_form_changes_one_address_deletes_another_and_adds_a_third(client, people):
    contact = actions.create_contact(
        by=people["agent"],
        display_name="Client",
        country="IN",
        addresses=[{"city": "Mumbai", "postal_code": "400001"}, {"city": "Pune"}],
    )
    client.force_login(people["agent"])
    url = reverse("contacts:edit", args=[contact.pk])
    page = client.get(url)
    formset = page.context["form"].addresses
    assert [f.initial["city"] for f in formset.initial_forms] == ["Mumbai", "Pune"]
    assert len(formset.extra_forms) == 1
    mumbai = {**BLANK, "city": "Mumbai", "line1": "Nariman Point", "postal_code": "400 021"}
    pune = {**BLANK, "city": "Pune", "DELETE": "on"}
    kolkata = {**BLANK, "label": "billing", "city": "Kolkata", "country": "IN"}

    response = client.post(
        url,
        {
            **CONTACT,
            "country": "IN",
            "version": contact.version,
            **addresses(mumbai, pune, kolkata, initial=2),
        },
    )

    assert response.status_code == 302, response.context["form"].errors
    stored = [(a.city, a.line1, a.postal_code, a.label) for a in contact.addresses.all()]
    assert stored == [
        ("Mumbai", "Nariman Point", "400021", "home"),
        ("Kolkata", "", "", "billing"),
    ]


def test_each_bad_address_shows_its_error_beside_its_field_and_nothing_is_saved(client, people):
    client.force_login(people["agent"])
    good = {**BLANK, "city": "Dhaka", "postal_code": "1212"}
    bad_code = {**BLANK, "city": "Dhaka", "postal_code": "12"}
    no_street = {**BLANK, "region": "Sylhet", "country": "IN"}

    response = client.post(
        reverse("contacts:create"), {**CONTACT, **addresses(good, bad_code, no_street)}
    )

    assert response.status_code == 200
    assert not Contact.objects.exists()
    form = response.context["form"]
    forms = form.addresses.forms
    assert forms[0].errors == {}
    assert "4 digits" in forms[1].errors["postal_code"][0]
    assert list(forms[2].errors) == ["line1"]
    assert "Check the addresses below." in form.non_field_errors()
    page = response.content.decode()
    assert 'id="id_addresses-1-postal_code_error"' in page
    assert 'value="Sylhet"' in page  # what was typed is kept for the next try


def test_an_error_the_action_finds_lands_beside_the_field(client, people):
    # The form does not know the country a phone tells; the action does, and checks for it.
    client.force_login(people["agent"])
    data = {**CONTACT, "country": "", "phone": "+919830000007"}

    response = client.post(
        reverse("contacts:create"),
        {**data, **addresses({**BLANK, "city": "Kolkata", "postal_code": "7000"})},
    )

    assert response.status_code == 200
    form = response.context["form"]
    assert "6 digits" in form.addresses.forms[0].errors["postal_code"][0]
    assert not Contact.objects.exists()


def test_a_post_without_the_address_section_leaves_the_addresses_alone(client, people):
    contact = actions.create_contact(
        by=people["agent"], display_name="Client", addresses=[{"city": "Dhaka"}]
    )
    client.force_login(people["agent"])

    response = client.post(
        reverse("contacts:edit", args=[contact.pk]),
        {**CONTACT, "display_name": "Renamed", "version": contact.version},
    )

    assert response.status_code == 302
    assert [a.city for a in contact.addresses.all()] == ["Dhaka"]


def test_tampered_management_data_is_a_form_error_not_a_crash(client, people):
    client.force_login(people["agent"])
    data = {**CONTACT, **addresses({**BLANK, "city": "Dhaka"})}
    data["addresses-TOTAL_FORMS"] = "many"

    response = client.post(reverse("contacts:create"), data)

    assert response.status_code == 200
    assert response.context["form"].addresses.non_form_errors()
    assert not Contact.objects.exists()


def test_a_new_form_offers_two_empty_addresses_with_the_records_default_label(client, people):
    client.force_login(people["agent"])

    contact_form = client.get(reverse("contacts:create")).context["form"]
    company_form = client.get(reverse("contacts:company_create")).context["form"]

    assert len(contact_form.addresses.forms) == 2
    assert contact_form.addresses.forms[0]["label"].value() == "home"
    assert company_form.addresses.forms[0]["label"].value() == "work"


def test_the_company_form_saves_and_removes_addresses(client, people):
    client.force_login(people["agent"])
    office = {**BLANK, "label": "work", "line1": "72 Motijheel", "city": "Dhaka"}
    warehouse = {**BLANK, "label": "shipping", "line1": "Port Road", "city": "Chattogram"}

    created = client.post(
        reverse("contacts:company_create"), {**COMPANY, **addresses(office, warehouse)}
    )
    assert created.status_code == 302, created.context["form"].errors
    company = Company.objects.get()
    assert [a.city for a in company.addresses.all()] == ["Dhaka", "Chattogram"]

    edited = client.post(
        reverse("contacts:company_edit", args=[company.pk]),
        {
            **COMPANY,
            "version": company.version,
            **addresses(office, {**warehouse, "DELETE": "on"}, BLANK, initial=2),
        },
    )
    assert edited.status_code == 302, edited.context["form"].errors
    assert [a.city for a in company.addresses.all()] == ["Dhaka"]
