"""Settings > Roles: the reach of each role, and its group's permissions as they are now."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from sampark.core.roles import Role, group_name

pytestmark = pytest.mark.django_db


def test_every_role_is_explained_to_everyone(client, people):  # type: ignore[no-untyped-def]
    client.force_login(people["reader"])
    response = client.get(reverse("settings:roles"))
    assert response.status_code == 200
    html = response.content.decode()
    for label in ("Admin", "Manager", "Agent", "Read-only"):
        assert label in html
    for reach in ("All records", "Own and team records", "Own records", "None"):
        assert reach in html
    roles = {item.role: item for item in response.context["roles"]}
    assert [str(r) for r in roles[Role.AGENT].reach] == [
        "Own and team records",
        "Own records",
        "Own records",
        "Own records",
    ]
    assert "Changed from the default" not in html


def test_a_permission_changed_in_the_admin_shows(client, people):  # type: ignore[no-untyped-def]
    readers = Group.objects.get(name=group_name(Role.READ_ONLY))
    readers.permissions.add(Permission.objects.get(codename="add_contact"))
    readers.permissions.add(Permission.objects.get(codename="view_team"))
    client.force_login(people["agent"])
    response = client.get(reverse("settings:roles"))
    reader = next(item for item in response.context["roles"] if item.role is Role.READ_ONLY)
    contacts = next(grant for grant in reader.grants if grant.label == "Contacts")
    assert contacts.held == [True, True, False, False]
    assert contacts.changed
    assert [p.codename for p in reader.other_permissions] == ["view_team"]
    assert "Changed from the default" in response.content.decode()
