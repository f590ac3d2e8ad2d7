from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from sampark.contacts.models import Contact
from sampark.core.models import User
from sampark.duplicates.tests.factories import contact

pytestmark = pytest.mark.django_db

CHECK = reverse("duplicates:check_contact")


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_new_contact_form_asks_about_emails_and_phones_as_they_are_typed(people):
    page = signed_in(people["agent"]).get(reverse("contacts:create")).content.decode()

    assert 'id="duplicate-warning"' in page
    assert CHECK in page


def test_an_email_a_visible_contact_has_is_named_with_a_link(people):
    rahim = contact(people["colleague"], "Rahim Uddin", email="rahim@example.com")

    page = signed_in(people["agent"]).get(CHECK, {"email": "Rahim@Example.com"}).content.decode()

    assert "Rahim Uddin already has this email" in page
    assert reverse("contacts:detail", args=[rahim.pk]) in page


def test_a_phone_typed_the_local_way_is_found(people):
    contact(people["agent"], "Fatema Khatun", phone="+8801711000001")

    page = (
        signed_in(people["agent"])
        .get(CHECK, {"phone": "01711-000001", "country": "BD"})
        .content.decode()
    )

    assert "Fatema Khatun already has this phone number" in page


def test_another_teams_contact_is_never_named(people):
    contact(people["outsider"], "Mumbai Secret Client", email="secret@example.com")

    page = signed_in(people["agent"]).get(CHECK, {"email": "secret@example.com"}).content.decode()

    assert "Mumbai Secret Client" not in page
    assert page.strip() == ""


def test_bad_input_is_no_error(people):
    response = signed_in(people["agent"]).get(CHECK, {"email": "not an email", "phone": "abc"})

    assert response.status_code == 200


def test_the_warning_does_not_stop_the_save(people):
    contact(people["agent"], "Rahim Uddin", email="rahim@example.com")

    response = signed_in(people["agent"]).post(
        reverse("contacts:create"),
        {
            "display_name": "Rahim U.",
            "email": "rahim@example.com",
            "language": "en",
            "preferred_channel": "email",
            "lifecycle_stage": "lead",
            "addresses-TOTAL_FORMS": "0",
            "addresses-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 302
    assert Contact.objects.filter(email="rahim@example.com").count() == 2
