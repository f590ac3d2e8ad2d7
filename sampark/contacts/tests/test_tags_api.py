"""Tags over the API: sent as a list of names, answered as one, for contacts and companies."""

from __future__ import annotations

import pytest

from sampark.contacts.models import Company, Contact, Tag
from sampark.core.models import AuditEntry, Channel
from sampark.core.tests.api_client import API, api_client, if_match

pytestmark = pytest.mark.django_db


def test_a_contact_is_created_and_patched_with_tags(people):
    client = api_client(people["agent"])
    created = client.post_json(
        f"{API}/contacts", {"display_name": "Asha", "tags": ["vip", " VIP", "b2b"]}
    )
    assert created.status_code == 201
    assert sorted(created.json()["tags"]) == ["b2b", "vip"]
    contact = Contact.objects.get()

    patched = client.patch_json(
        f"{API}/contacts/{contact.pk}", {"tags": ["export"]}, headers=if_match(contact.version)
    )

    assert patched.status_code == 200
    assert patched.json()["tags"] == ["export"]
    assert patched["ETag"] == f'"{patched.json()["version"]}"'
    entry = AuditEntry.objects.for_record(contact).order_by("seq").last()
    assert entry.changes == {"tags": [["b2b", "vip"], ["export"]]}
    assert entry.channel == Channel.API


def test_a_patch_without_tags_leaves_them(people):
    client = api_client(people["agent"])
    body = client.post_json(f"{API}/contacts", {"display_name": "Asha", "tags": ["vip"]}).json()

    patched = client.patch_json(
        f"{API}/contacts/{body['id']}", {"source": "fair"}, headers=if_match(body["version"])
    )

    assert patched.json()["tags"] == ["vip"]


def test_a_too_long_tag_is_a_field_error(people):
    response = api_client(people["agent"]).post_json(
        f"{API}/contacts", {"display_name": "Asha", "tags": ["x" * 61]}
    )

    assert response.status_code == 422
    assert "tags" in response.json()["error"]["fields"]
    assert not Contact.objects.exists()
    assert not Tag.objects.exists()


def test_companies_take_and_give_tags(people):
    client = api_client(people["agent"])
    created = client.post_json(f"{API}/companies", {"name": "Rahman", "tags": ["Exporter"]})
    assert created.status_code == 201
    assert created.json()["tags"] == ["Exporter"]
    company = Company.objects.get()

    patched = client.patch_json(
        f"{API}/companies/{company.pk}",
        {"tags": ["exporter", "Garments"]},
        headers=if_match(created.json()["version"]),
    )

    assert patched.status_code == 200
    assert sorted(patched.json()["tags"]) == ["Exporter", "Garments"]
