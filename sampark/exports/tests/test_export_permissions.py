"""Who may export, and what: admins and managers by default; agents and read-only users not,
though they see their team's records; and nobody ever gets a row they could not see.

Everyone but the outsider is in the Dhaka desk; the outsider is an agent of the Mumbai desk.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from sampark.contacts.tests.factories import CompanyFactory
from sampark.core.roles import Role, group_name
from sampark.core.tests.api_client import API, api_client
from sampark.exports.models import Export
from sampark.exports.permissions import grant_by_default
from sampark.exports.tests.reading import csv_records

pytestmark = pytest.mark.django_db


def _names(response) -> list[str]:  # type: ignore[no-untyped-def]
    return [row["Full name"] for row in csv_records(response)]


@pytest.mark.parametrize(
    ("role", "seen"), [("admin", ["Anika", "Bishal", "Dev"]), ("manager", ["Anika", "Bishal"])]
)
def test_admins_and_managers_export_exactly_the_contacts_they_see(
    client, people, clients, export_url, role, seen
):  # type: ignore[no-untyped-def]
    client.force_login(people[role])

    response = client.get(export_url("contacts"), {"format": "csv"})

    assert response.status_code == 200
    assert _names(response) == seen


@pytest.mark.parametrize("role", ["agent", "reader", "outsider"])
def test_agents_and_read_only_users_may_not_export_though_they_see_the_team(
    client, people, clients, export_url, role
):  # type: ignore[no-untyped-def]
    client.force_login(people[role])

    for kind in ("contacts", "companies"):
        assert client.get(export_url(kind), {"format": "csv"}).status_code == 403
        assert client.get(export_url(kind)).status_code == 403
    assert not Export.objects.exists()


def test_an_agent_granted_the_permission_exports_the_team_but_not_another_team(
    client, people, clients, export_url
):  # type: ignore[no-untyped-def]
    outsider = people["outsider"]
    outsider.user_permissions.add(Permission.objects.get(codename="export_contact"))
    client.force_login(outsider)

    response = client.get(export_url("contacts"), {"format": "csv", "columns": "all"})

    assert _names(response) == ["Dev"]


def test_a_manager_exports_only_the_companies_of_their_team(client, people, teams, export_url):  # type: ignore[no-untyped-def]
    CompanyFactory(owner=people["agent"], team=teams[0], name="Padma Traders")
    CompanyFactory(owner=people["outsider"], team=teams[1], name="Mumbai Metals")
    client.force_login(people["manager"])

    response = client.get(export_url("companies"), {"format": "csv"})

    assert [row["Company name"] for row in csv_records(response)] == ["Padma Traders"]


@pytest.mark.parametrize(
    ("role", "status"), [("admin", 200), ("manager", 200), ("agent", 403), ("reader", 403)]
)
def test_the_api_follows_the_same_permission(people, clients, role, status):  # type: ignore[no-untyped-def]
    client = api_client(people[role])

    assert client.get(f"{API}/contacts/export", {"format": "csv"}).status_code == status
    assert client.get(f"{API}/companies/export", {"format": "xlsx"}).status_code == status


def test_a_refusal_over_the_api_has_the_one_error_shape(people, clients):  # type: ignore[no-untyped-def]
    response = api_client(people["agent"]).get(f"{API}/contacts/export")

    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden"


def test_a_saved_view_of_someone_else_is_a_404_to_export(client, people, clients, export_url):  # type: ignore[no-untyped-def]
    from sampark.listviews.tests.factories import saved_view

    private = saved_view(people["agent"], "Mine", query="stage=lead")
    client.force_login(people["manager"])

    response = client.get(export_url("contacts"), {"view": private.pk, "format": "csv"})

    assert response.status_code == 404
    assert not Export.objects.exists()


def test_admins_and_managers_hold_the_permissions_by_default_and_agents_do_not(db):  # type: ignore[no-untyped-def]
    def held(role: Role) -> set[str]:
        group = Group.objects.get(name=group_name(role))
        return set(
            group.permissions.filter(content_type__app_label="exports").values_list(
                "codename", flat=True
            )
        )

    exports = {"export_contact", "export_company"}
    assert held(Role.ADMIN) == held(Role.MANAGER) == exports
    assert held(Role.AGENT) == held(Role.READ_ONLY) == set()


def test_an_admins_choice_for_a_role_survives_the_next_migrate(db):  # type: ignore[no-untyped-def]
    managers = Group.objects.get(name=group_name(Role.MANAGER))
    managers.permissions.remove(Permission.objects.get(codename="export_company"))

    grant_by_default()

    kept = managers.permissions.filter(content_type__app_label="exports")
    assert set(kept.values_list("codename", flat=True)) == {"export_contact"}


def test_the_export_button_shows_only_to_those_who_may_export(client, people, clients):  # type: ignore[no-untyped-def]
    for role, shown in (("manager", True), ("agent", False), ("reader", False)):
        client.force_login(people[role])
        for page in ("contacts:list", "contacts:companies"):
            html = client.get(reverse(page)).content.decode()
            assert ('id="list-export"' in html) is shown, (role, page)
