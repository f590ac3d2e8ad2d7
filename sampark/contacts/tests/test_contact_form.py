"""Adding and editing a contact in the web form: phones in any format, errors by field."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sampark.contacts.actions import create_contact
from sampark.contacts.models import Contact

pytestmark = pytest.mark.django_db

BASE = {
    "display_name": "শ্রেয়া ব্যানার্জি",
    "language": "bn",
    "preferred_channel": "whatsapp",
    "lifecycle_stage": "lead",
    "country": "IN",
}


def test_local_phones_are_kept_in_e164_and_the_time_zone_is_learnt(client, people):  # type: ignore[no-untyped-def]
    client.force_login(people["agent"])
    response = client.post(
        reverse("contacts:create"),
        {
            **BASE,
            "phone": "098300 00007",
            "other_phones": "+880 1711-000002\n",
            "email": "shreya@example.in",
        },
    )
    assert response.status_code == 302
    contact = Contact.objects.get()
    assert contact.phone == "+919830000007"
    assert [p.number for p in contact.phones.all()] == ["+919830000007", "+8801711000002"]
    assert contact.time_zone == "Asia/Kolkata"
    page = client.get(response["Location"]).content.decode()
    assert "+8801711000002" in page
    assert "ভারত" not in page  # the agent reads English: the country is named in English
    assert "India" in page


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("phone", "12345", "not a valid phone number"),
        ("other_phones", "+91 98300 00007\nabc", "not a phone number"),
        ("email", "shreya@", "Enter a valid email address"),
        ("other_emails", "shreya@example.in\nnot an address", "not an address"),
        ("time_zone", "Mars/Olympus", "Mars/Olympus"),
    ],
)
def test_bad_values_are_field_errors_and_nothing_is_saved(client, people, field, value, message):  # type: ignore[no-untyped-def]
    client.force_login(people["agent"])
    response = client.post(reverse("contacts:create"), {**BASE, field: value})
    assert response.status_code == 200
    form = response.context["form"]
    assert field in form.errors, form.errors
    assert message in " ".join(form.errors[field])
    assert not Contact.objects.exists()


def test_editing_keeps_the_other_phones_and_shows_them(client, people):  # type: ignore[no-untyped-def]
    agent = people["agent"]
    contact = create_contact(
        by=agent, display_name="Meera", phone="+919845000017", phones=["+919845000018"]
    )
    client.force_login(agent)
    form_page = client.get(reverse("contacts:edit", args=[contact.pk])).content.decode()
    assert "+919845000018" in form_page
    response = client.post(
        reverse("contacts:edit", args=[contact.pk]),
        {
            **BASE,
            "display_name": "Meera Nair",
            "phone": "+919845000017",
            "other_phones": "+919845000018",
            "version": 1,
        },
    )
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.display_name == "Meera Nair"
    assert [p.number for p in contact.phones.all()] == ["+919845000017", "+919845000018"]


def test_script_in_any_field_stays_inert_on_the_page(client, people):  # type: ignore[no-untyped-def]
    payload = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    agent = people["agent"]
    contact = create_contact(
        by=agent, display_name=payload, latin_name=payload, source=payload, notes=payload
    )
    client.force_login(agent)
    for url in ("contacts:detail", "contacts:history", "contacts:edit"):
        page = client.get(reverse(url, args=[contact.pk])).content.decode()
        assert "<script>alert" not in page
        assert "<img src=x" not in page
        assert "&lt;script&gt;" in page


def test_the_page_names_only_companies_the_user_may_see(client, people, teams):  # type: ignore[no-untyped-def]
    from sampark.contacts.actions import create_company, link_company

    agent, outsider = people["agent"], people["outsider"]
    contact = create_contact(by=agent, display_name="Meera")
    ours = create_company(by=agent, name="Dhaka Traders")
    theirs = create_company(by=outsider, name="Mumbai Secret Holdings")
    link_company(contact, ours, by=agent)
    link_company(contact, theirs, by=outsider)
    client.force_login(agent)
    page = client.get(reverse("contacts:detail", args=[contact.pk])).content.decode()
    assert "Dhaka Traders" in page
    assert "Mumbai Secret Holdings" not in page
