"""Settings > Teams: admins create, change and delete teams; each change is audited."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sampark.contacts.models import Contact
from sampark.contacts.tests.factories import ContactFactory
from sampark.core.models import AuditEntry, Team

pytestmark = pytest.mark.django_db


def test_team_list_shows_member_counts_to_everyone(client, people):  # type: ignore[no-untyped-def]
    client.force_login(people["reader"])
    response = client.get(reverse("settings:teams"))
    counts = {team.name: team.member_count for team in response.context["teams"]}
    assert counts == {"Dhaka desk": 4, "Mumbai desk": 1}
    html = response.content.decode()
    assert reverse("settings:team_create") not in html


def test_team_detail_lists_members(client, people, teams):  # type: ignore[no-untyped-def]
    client.force_login(people["outsider"])
    html = client.get(reverse("settings:team_detail", args=[teams[0].pk])).content.decode()
    for name in ("manager", "agent", "colleague", "reader"):
        assert name in html
    assert reverse("settings:team_edit", args=[teams[0].pk]) not in html
    assert "History" not in html  # the audit trail is for admins


def test_create_edit_and_delete_a_team_each_leave_an_audit_entry(client, people):  # type: ignore[no-untyped-def]
    client.force_login(people["admin"])
    agent, reader = people["agent"], people["reader"]

    response = client.post(
        reverse("settings:team_create"),
        {"name": "Kolkata desk", "description": "East", "members": [agent.pk]},
    )
    team = Team.objects.get(name="Kolkata desk")
    assert response["Location"] == reverse("settings:team_detail", args=[team.pk])
    assert list(team.members.all()) == [agent]

    response = client.post(
        reverse("settings:team_edit", args=[team.pk]),
        {"name": "Kolkata office", "description": "East", "members": [agent.pk, reader.pk]},
    )
    assert response.status_code == 302
    team.refresh_from_db()
    assert team.name == "Kolkata office"
    assert set(team.members.all()) == {agent, reader}

    detail = client.get(reverse("settings:team_detail", args=[team.pk])).content.decode()
    assert "Kolkata desk" in detail  # the rename, in the history

    confirm = client.get(reverse("settings:team_delete", args=[team.pk]))
    assert confirm.status_code == 200
    assert Team.objects.filter(pk=team.pk).exists()  # GET only asks
    response = client.post(reverse("settings:team_delete", args=[team.pk]))
    assert response["Location"] == reverse("settings:teams")
    assert not Team.objects.filter(pk=team.pk).exists()

    entries = list(AuditEntry.objects.filter(model_label="core.team", object_id=str(team.pk)))
    assert [e.action for e in entries] == ["create", "update", "delete"]
    assert all(e.actor == people["admin"] for e in entries)
    created, updated, deleted = (e.changes for e in entries)
    assert created == {
        "name": [None, "Kolkata desk"],
        "description": [None, "East"],
        "members": [None, ["agent"]],
    }
    assert updated == {
        "name": ["Kolkata desk", "Kolkata office"],
        "members": [["agent"], ["agent", "reader"]],
    }
    assert deleted["name"] == ["Kolkata office", None]
    assert deleted["members"] == [["agent", "reader"], None]


def test_records_of_a_deleted_team_keep_working(client, people, teams):  # type: ignore[no-untyped-def]
    dhaka = teams[0]
    contact = ContactFactory(owner=people["agent"], team=dhaka, display_name="Nusrat Jahan")
    client.force_login(people["admin"])
    client.post(reverse("settings:team_delete", args=[dhaka.pk]))
    contact = Contact.objects.get(pk=contact.pk)
    assert contact.team is None
    client.force_login(people["agent"])
    assert client.get(reverse("contacts:detail", args=[contact.pk])).status_code == 200


def test_a_duplicate_team_name_is_a_field_error(client, people):  # type: ignore[no-untyped-def]
    client.force_login(people["admin"])
    response = client.post(reverse("settings:team_create"), {"name": "Dhaka desk"})
    assert response.status_code == 200
    assert "name" in response.context["form"].errors
    assert Team.objects.filter(name="Dhaka desk").count() == 1


def test_a_missing_team_is_404(client, people):  # type: ignore[no-untyped-def]
    client.force_login(people["admin"])
    assert client.get(reverse("settings:team_edit", args=[999999])).status_code == 404
