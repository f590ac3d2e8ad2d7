"""Two people editing the same company: the second save is refused, not silently lost."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from sampark.contacts.models import Company
from sampark.contacts.tests.factories import CompanyFactory

pytestmark = pytest.mark.django_db


def test_second_of_two_concurrent_edits_is_refused_with_a_clear_message(people, teams):
    company = CompanyFactory(owner=people["agent"], team=teams[0], name="Padma")
    url = reverse("contacts:company_edit", args=[company.pk])
    owner, manager = Client(), Client()
    owner.force_login(people["agent"])
    manager.force_login(people["manager"])
    form = {"domain": "", "industry": "", "size": "", "country": "", "version": company.version}

    assert owner.post(url, {**form, "name": "Padma Textiles"}).status_code == 302
    second = manager.post(url, {**form, "name": "Padma Ltd"})

    assert second.status_code == 200
    assert "Someone else changed this company" in second.content.decode()
    assert Company.objects.get(pk=company.pk).name == "Padma Textiles"


def test_the_edit_form_carries_the_version_it_was_read_at(client, people, teams):
    company = CompanyFactory(owner=people["agent"], team=teams[0], version=4)
    client.force_login(people["agent"])

    body = client.get(reverse("contacts:company_edit", args=[company.pk])).content.decode()

    assert 'name="version" value="4"' in body
