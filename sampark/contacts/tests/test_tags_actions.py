"""Tags through the actions: created as used, trimmed, de-duplicated, audited and searchable."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from sampark.contacts import actions
from sampark.contacts.models import Tag
from sampark.contacts.search import search as find
from sampark.core.models import AuditAction, AuditEntry

pytestmark = pytest.mark.django_db


def _tag_entries(record):  # type: ignore[no-untyped-def]
    return [
        e.changes["tags"]
        for e in AuditEntry.objects.for_record(record).order_by("seq")
        if "tags" in e.changes
    ]


def test_tags_are_created_trimmed_and_deduplicated_against_existing_names(people):
    Tag.objects.create(name="VIP")
    contact = actions.create_contact(
        by=people["agent"], display_name="Asha", tags=["  vip ", "Wholesale", "wholesale", ""]
    )

    assert sorted(t.name for t in contact.tags.all()) == ["VIP", "Wholesale"]
    assert Tag.objects.count() == 2
    assert _tag_entries(contact) == [[[], ["VIP", "Wholesale"]]]


def test_changing_tags_is_audited_with_names_and_moves_the_version_on(people):
    contact = actions.create_contact(by=people["agent"], display_name="Asha", tags=["vip"])
    version = contact.version

    actions.update_contact(contact, by=people["agent"], values={"tags": ["Export", "VIP"]})

    contact.refresh_from_db()
    assert contact.version == version + 1
    entry = AuditEntry.objects.for_record(contact).order_by("seq").last()
    assert entry.action == AuditAction.UPDATE
    assert entry.changes == {"tags": [["vip"], ["Export", "vip"]]}


def test_the_same_tags_again_change_nothing(people):
    contact = actions.create_contact(by=people["agent"], display_name="Asha", tags=["vip"])
    entries = AuditEntry.objects.count()

    assert actions.set_tags(contact, ["VIP "], by=people["agent"]) is False
    assert AuditEntry.objects.count() == entries


def test_a_tag_longer_than_60_characters_is_a_field_error(people):
    with pytest.raises(ValidationError) as caught:
        actions.create_contact(by=people["agent"], display_name="Asha", tags=["x" * 61])
    assert "tags" in caught.value.message_dict
    assert not Tag.objects.exists()


def test_search_by_tag_finds_the_contact_once_tagged(people):
    agent = people["agent"]
    contact = actions.create_contact(by=agent, display_name="Asha Rahman")
    assert find(agent, "jamdani") == []

    actions.set_tags(contact, ["Jamdani"], by=agent)

    assert [hit.id for hit in find(agent, "jamdani")] == [contact.pk]
    actions.update_contact(contact, by=agent, values={"tags": []})
    assert find(agent, "jamdani") == []


def test_company_tags_are_audited_and_searchable(people):
    agent = people["agent"]
    company = actions.create_company(by=agent, name="Rahman Textiles", tags=["Exporter"])
    actions.update_company(company, by=agent, values={"tags": ["exporter", "Garments"]})

    assert sorted(t.name for t in company.tags.all()) == ["Exporter", "Garments"]
    assert _tag_entries(company) == [[[], ["Exporter"]], [["Exporter"], ["Exporter", "Garments"]]]
    assert [hit.id for hit in find(agent, "garments", kinds=["company"])] == [company.pk]
