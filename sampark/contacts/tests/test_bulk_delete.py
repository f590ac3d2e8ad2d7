"""Bulk delete: a confirmation page listing what will go, then each deletion audited."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from sampark.contacts import actions
from sampark.contacts.models import Contact
from sampark.contacts.search import search as find
from sampark.contacts.tests.factories import ContactFactory
from sampark.core.models import AuditAction, AuditEntry

pytestmark = pytest.mark.django_db


def test_deleting_asks_first_and_lists_what_will_be_deleted(client, people, teams):
    mine = ContactFactory(owner=people["agent"], team=teams[0], display_name="Asha Rahman")
    colleagues = ContactFactory(owner=people["colleague"], team=teams[0], display_name="Ravi")
    outsiders = ContactFactory(owner=people["outsider"], team=teams[1], display_name="Secret")
    client.force_login(people["agent"])

    response = client.post(
        reverse("contacts:bulk"),
        {"action": "delete", "ids": [mine.pk, colleagues.pk, outsiders.pk]},
    )

    assert response.status_code == 200
    assert Contact.objects.count() == 3
    assert response.context["targets"] == [mine]
    body = response.content.decode()
    assert "Asha Rahman" in body
    assert "Ravi" not in body
    assert "Secret" not in body
    assert "1 skipped: you may not delete it" in body
    assert "1 skipped: no such contact, or you may not see it" in body
    assert 'name="confirm"' in body
    assert "csrfmiddlewaretoken" in body


def test_confirming_deletes_each_allowed_contact_through_the_action(client, people, teams):
    agent = people["agent"]
    mine = actions.create_contact(by=agent, display_name="Asha Rahman")
    other = actions.create_contact(by=agent, display_name="Meera Rahman")
    outsiders = ContactFactory(owner=people["outsider"], team=teams[1])
    client.force_login(agent)

    response = client.post(
        reverse("contacts:bulk"),
        {"action": "delete", "confirm": "1", "ids": [mine.pk, other.pk, outsiders.pk]},
    )

    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "2 contacts deleted; 1 skipped: no such contact, or you may not see it."
    ]
    assert list(Contact.objects.all()) == [outsiders]
    assert AuditEntry.objects.filter(action=AuditAction.DELETE).count() == 2
    assert find(agent, "Rahman") == []


def test_a_reader_cannot_bulk_delete(client, people, teams):
    contact = ContactFactory(owner=people["agent"], team=teams[0])
    client.force_login(people["reader"])

    response = client.post(
        reverse("contacts:bulk"), {"action": "delete", "confirm": "1", "ids": [contact.pk]}
    )

    assert response.status_code == 302
    assert Contact.objects.filter(pk=contact.pk).exists()
