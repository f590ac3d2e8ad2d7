"""Bulk "assign owner" on the contact list: each id re-checked, the rest skipped and reported."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from sampark.contacts.models import Contact
from sampark.contacts.tests.factories import ContactFactory
from sampark.core.models import AuditEntry
from sampark.core.roles import Role
from sampark.core.tests.factories import make_user

pytestmark = pytest.mark.django_db


def _post(client, ids, owner, **extra):  # type: ignore[no-untyped-def]
    data = {"action": "assign", "ids": ids, "owner": owner.pk, **extra}
    response = client.post(reverse("contacts:bulk"), data)
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    client.cookies.pop("messages", None)  # shown once: not carried to the next request
    return response, messages


def test_a_manager_hands_team_contacts_to_a_teammate(client, people, teams):
    contacts = [ContactFactory(owner=people["agent"], team=teams[0]) for _ in range(3)]
    client.force_login(people["manager"])

    response, messages = _post(client, [c.pk for c in contacts], people["colleague"])

    assert response.status_code == 302
    assert messages == ["3 contacts changed."]
    assert set(Contact.objects.values_list("owner", flat=True)) == {people["colleague"].pk}
    entry = AuditEntry.objects.for_record(contacts[0]).last()
    assert entry.changes["owner_id"] == [people["agent"].pk, people["colleague"].pk]


def test_an_agent_changes_their_own_and_skips_the_rest(client, people, teams):
    mine = ContactFactory(owner=people["agent"], team=teams[0])
    colleagues = ContactFactory(owner=people["colleague"], team=teams[0])
    outsiders = ContactFactory(owner=people["outsider"], team=teams[1])
    client.force_login(people["agent"])

    response, messages = _post(
        client, [mine.pk, colleagues.pk, outsiders.pk, 999999], people["colleague"]
    )

    assert response.status_code == 302
    assert messages == [
        "1 contact changed; 1 skipped: you may not change it; "
        "2 skipped: no such contacts, or you may not see them."
    ]
    mine.refresh_from_db(), outsiders.refresh_from_db()
    assert mine.owner == people["colleague"]
    assert outsiders.owner == people["outsider"]


def test_a_reader_cannot_bulk_change(client, people, teams):
    contact = ContactFactory(owner=people["agent"], team=teams[0])
    client.force_login(people["reader"])

    response, messages = _post(client, [contact.pk], people["reader"])

    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.owner == people["agent"]
    assert messages == ["0 contacts changed; 1 skipped: you may not change it."]


def test_only_teammates_may_be_chosen_but_an_admin_may_pick_anyone(client, people, teams):
    contact = ContactFactory(owner=people["agent"], team=teams[0])
    client.force_login(people["manager"])

    _response, messages = _post(client, [contact.pk], people["outsider"])
    contact.refresh_from_db()
    assert contact.owner == people["agent"]
    assert messages == ["Select a valid choice. That choice is not one of the available choices."]

    client.force_login(people["admin"])
    _response, messages = _post(client, [contact.pk], people["outsider"])
    contact.refresh_from_db()
    assert contact.owner == people["outsider"]
    assert messages == ["1 contact changed."]


def test_the_list_offers_only_assignable_owners(client, people, teams):
    ContactFactory(owner=people["agent"], team=teams[0])
    make_user(Role.AGENT, teams[1], username="far-away")
    client.force_login(people["manager"])

    owners = [pk for pk, _name in client.get(reverse("contacts:list")).context["owners"]]

    assert people["outsider"].pk not in owners
    assert people["colleague"].pk in owners
