"""Two people editing the same contact: the second save is refused, not silently lost."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from sampark.contacts.models import Contact
from sampark.contacts.tests.factories import ContactFactory

pytestmark = pytest.mark.django_db


def test_second_of_two_concurrent_edits_is_refused_with_a_clear_message(people, teams):  # type: ignore[no-untyped-def]
    contact = ContactFactory(owner=people["agent"], team=teams[0], display_name="Meera")
    url = reverse("contacts:edit", args=[contact.pk])
    owner, manager = Client(), Client()
    owner.force_login(people["agent"])
    manager.force_login(people["manager"])
    form = {
        "email": "",
        "phone": "",
        "language": "en",
        "preferred_channel": "email",
        "lifecycle_stage": "lead",
        "version": contact.version,
    }

    assert owner.post(url, {**form, "display_name": "Meera Nair"}).status_code == 302
    second = manager.post(url, {**form, "display_name": "Meera N."})

    assert second.status_code == 200
    assert "Someone else changed this contact" in second.content.decode()
    assert Contact.objects.get(pk=contact.pk).display_name == "Meera Nair"


def test_invalid_email_is_a_field_error(client, people):  # type: ignore[no-untyped-def]
    client.force_login(people["agent"])
    response = client.post(
        reverse("contacts:create"), {"display_name": "X", "email": "not-an-email", "language": "en"}
    )
    assert response.status_code == 200
    assert 'class="field has-error"' in response.content.decode()
    assert not Contact.objects.exists()
