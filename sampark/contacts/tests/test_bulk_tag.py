"""Bulk "add tag": added beside the existing tags, audited per contact, and found by search."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from sampark.contacts import actions
from sampark.contacts.search import search as find
from sampark.contacts.tests.factories import ContactFactory
from sampark.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_the_tag_is_added_to_each_contact_the_user_may_change(client, people, teams):
    mine = actions.create_contact(by=people["agent"], display_name="Asha", tags=["vip"])
    colleagues = ContactFactory(owner=people["colleague"], team=teams[0])
    client.force_login(people["agent"])

    response = client.post(
        reverse("contacts:bulk"),
        {"action": "tag", "tag": " Jamdani ", "ids": [mine.pk, colleagues.pk]},
    )

    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "1 contact changed; 1 skipped: you may not change it."
    ]
    assert sorted(t.name for t in mine.tags.all()) == ["Jamdani", "vip"]
    assert not colleagues.tags.exists()
    entry = AuditEntry.objects.for_record(mine).order_by("seq").last()
    assert entry.changes == {"tags": [["vip"], ["Jamdani", "vip"]]}
    assert [hit.id for hit in find(people["agent"], "jamdani")] == [mine.pk]


def test_an_empty_or_long_tag_changes_nothing(client, people, teams):
    contact = ContactFactory(owner=people["agent"], team=teams[0])
    client.force_login(people["agent"])

    for tag in ("  ", "x" * 61):
        response = client.post(
            reverse("contacts:bulk"), {"action": "tag", "tag": tag, "ids": [contact.pk]}
        )
        assert response.status_code == 302
        assert len(list(get_messages(response.wsgi_request))) >= 1

    assert not contact.tags.exists()


def test_the_user_returns_to_the_filtered_list_but_never_off_site(client, people, teams):
    contact = ContactFactory(owner=people["agent"], team=teams[0])
    client.force_login(people["agent"])
    data = {"action": "tag", "tag": "vip", "ids": [contact.pk]}

    back = client.post(reverse("contacts:bulk"), {**data, "next": "/contacts/?stage=lead"})
    away = client.post(reverse("contacts:bulk"), {**data, "next": "https://evil.example/"})

    assert back["Location"] == "/contacts/?stage=lead"
    assert away["Location"] == reverse("contacts:list")
