"""Every change to a business record is recorded: who, when, how, and what changed."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sampark.contacts.actions import create_contact, delete_contact, update_contact
from sampark.core import audit
from sampark.core.models import AuditEntry, Channel

pytestmark = pytest.mark.django_db


def test_create_update_delete_are_recorded_with_field_changes(people):  # type: ignore[no-untyped-def]
    agent = people["agent"]
    with audit.via(Channel.IMPORT):
        contact = create_contact(by=agent, display_name="রবীন্দ্র", email="r@example.com")
    update_contact(
        contact, by=agent, values={"display_name": "রবীন্দ্রনাথ", "phone": "+8801711000000"}
    )
    contact_id = contact.pk
    delete_contact(contact, by=agent)

    created, updated, deleted = AuditEntry.objects.filter(object_id=str(contact_id)).order_by("seq")
    assert (created.action, created.channel, created.actor) == ("create", "import", agent)
    assert created.changes["display_name"] == [None, "রবীন্দ্র"]
    assert (updated.action, updated.channel) == ("update", "system")
    assert updated.changes == {
        "display_name": ["রবীন্দ্র", "রবীন্দ্রনাথ"],
        "phone": ["", "+8801711000000"],
        # Learnt from the Bangladeshi number: the country and its one time zone.
        "country": ["", "BD"],
        "time_zone": ["", "Asia/Dhaka"],
    }
    assert deleted.action == "delete"
    assert deleted.changes["email"] == ["r@example.com", None]


def test_unchanged_save_writes_no_entry(people):  # type: ignore[no-untyped-def]
    contact = create_contact(by=people["agent"], display_name="Meera")
    before = AuditEntry.objects.count()
    update_contact(contact, by=people["agent"], values={"display_name": "Meera"})
    assert AuditEntry.objects.count() == before


def test_ui_edit_is_recorded_as_web_and_shown_on_history_tab(client, people):  # type: ignore[no-untyped-def]
    agent = people["agent"]
    contact = create_contact(by=agent, display_name="अमित")
    client.force_login(agent)
    response = client.post(
        reverse("contacts:edit", args=[contact.pk]),
        {
            "display_name": "अमित त्रिपाठी",
            "language": "hi",
            "preferred_channel": "phone",
            "lifecycle_stage": "customer",
            "version": 1,
        },
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.for_record(contact).first()
    assert entry is not None
    assert (entry.channel, entry.actor) == (Channel.UI, agent)

    history = client.get(reverse("contacts:history", args=[contact.pk])).content.decode()
    assert "अमित त्रिपाठी" in history
    assert "Web" in history


def test_entries_cannot_be_changed_or_deleted_through_the_orm(people):  # type: ignore[no-untyped-def]
    create_contact(by=people["agent"], display_name="Ayesha")
    entry = AuditEntry.objects.get()
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.update(actor_name="x")


def test_history_tab_shows_labels_names_and_choices_not_raw_columns(client, people):  # type: ignore[no-untyped-def]
    agent = people["agent"]
    contact = create_contact(by=agent, display_name="Meera", language="hi")
    client.force_login(agent)
    page = client.get(reverse("contacts:history", args=[contact.pk])).content.decode()
    assert "Owner" in page
    assert "owner_id" not in page
    assert str(agent) in page  # the owner's name, not their id
    assert "हिन्दी" in page  # the language's label, not its code
