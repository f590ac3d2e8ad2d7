"""A user's role, permissions and teams are read once per session, and any change to them takes
effect on that user's very next request."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sampark.contacts.tests.factories import ContactFactory
from sampark.core import actions
from sampark.core.roles import Role, group_name
from sampark.core.tests.factories import make_user

pytestmark = pytest.mark.django_db


def queries_for(client, url: str) -> list[str]:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return [query["sql"] for query in captured.captured_queries]


def test_after_the_first_page_no_query_asks_for_groups_permissions_or_teams(client, people):  # type: ignore[no-untyped-def]
    client.force_login(people["agent"])
    client.get(reverse("contacts:list"))

    sql = " ".join(queries_for(client, reverse("contacts:list")))

    assert "auth_group" not in sql
    assert "auth_permission" not in sql
    assert "core_team_members" not in sql or "IN (SELECT" in sql  # only the visibility subquery


def test_a_new_role_applies_on_the_users_next_request(client, people, teams):  # type: ignore[no-untyped-def]
    agent = people["agent"]
    client.force_login(agent)
    assert client.get(reverse("settings:users")).status_code == 403

    actions.update_user(agent, by=people["admin"], values={"role": Role.MANAGER})

    assert client.get(reverse("settings:users")).status_code == 200


def test_joining_a_team_lets_a_manager_change_its_records_on_the_next_request(
    client, people, teams
):  # type: ignore[no-untyped-def]
    mumbai_manager = make_user(Role.MANAGER, teams[1], username="mumbai-manager")
    dhaka_contact = ContactFactory(owner=people["agent"], team=teams[0])
    client.force_login(mumbai_manager)
    edit = reverse("contacts:edit", args=[dhaka_contact.pk])
    assert client.get(edit).status_code == 404

    teams[0].members.add(mumbai_manager)

    assert client.get(edit).status_code == 200


def test_a_permission_taken_from_a_role_group_applies_at_once(client, people):  # type: ignore[no-untyped-def]
    client.force_login(people["agent"])
    assert client.get(reverse("contacts:create")).status_code == 200

    Group.objects.get(name=group_name(Role.AGENT)).permissions.remove(
        Permission.objects.get(codename="add_contact")
    )

    assert client.get(reverse("contacts:create")).status_code == 403


def test_a_deactivated_user_is_refused_on_the_next_request(client, people):  # type: ignore[no-untyped-def]
    agent = people["agent"]
    client.force_login(agent)
    assert client.get(reverse("contacts:list")).status_code == 200

    agent.is_active = False
    agent.save(update_fields=["is_active"])

    assert client.get(reverse("contacts:list")).status_code == 302
