"""The list's bulk form: labelled checkboxes, "select all" without script, CSRF, no GET."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from sampark.contacts.models import Contact
from sampark.contacts.tests.factories import ContactFactory

pytestmark = pytest.mark.django_db


def test_each_row_has_a_labelled_checkbox_and_the_page_a_select_all(client, people, teams):
    contact = ContactFactory(owner=people["agent"], team=teams[0], display_name="Asha")
    client.force_login(people["agent"])

    body = client.get(reverse("contacts:list")).content.decode()

    assert f'action="{reverse("contacts:bulk")}"' in body
    assert f'<input type="checkbox" id="pick-{contact.pk}" name="ids"' in body
    assert f'<label class="visually-hidden" for="pick-{contact.pk}">Select Asha</label>' in body
    assert 'name="all_on_page"' in body
    assert "Select all on this page" in body


def test_a_reader_sees_no_bulk_form(client, people, teams):
    ContactFactory(owner=people["agent"], team=teams[0])
    client.force_login(people["reader"])

    body = client.get(reverse("contacts:list")).content.decode()

    assert reverse("contacts:bulk") not in body
    assert 'name="ids"' not in body


def test_select_all_on_this_page_works_without_script(client, people, teams):
    contacts = [ContactFactory(owner=people["agent"], team=teams[0]) for _ in range(3)]
    client.force_login(people["agent"])

    client.post(
        reverse("contacts:bulk"),
        {"action": "tag", "tag": "vip", "all_on_page": "1", "page_ids": [c.pk for c in contacts]},
    )

    assert all(c.tags.filter(name="vip").exists() for c in contacts)


def test_nothing_chosen_is_an_error_not_a_change(client, people, teams):
    contact = ContactFactory(owner=people["agent"], team=teams[0])
    client.force_login(people["agent"])

    response = client.post(
        reverse("contacts:bulk"), {"action": "tag", "tag": "vip", "page_ids": [contact.pk]}
    )

    assert response.status_code == 302
    assert not contact.tags.exists()


def test_the_bulk_view_enforces_csrf_and_refuses_get(people, teams):
    contact = ContactFactory(owner=people["agent"], team=teams[0])
    client = Client(enforce_csrf_checks=True)
    client.force_login(people["agent"])

    response = client.post(
        reverse("contacts:bulk"), {"action": "delete", "confirm": "1", "ids": [contact.pk]}
    )

    assert response.status_code == 403
    assert Contact.objects.filter(pk=contact.pk).exists()
    assert client.get(reverse("contacts:bulk")).status_code == 405
