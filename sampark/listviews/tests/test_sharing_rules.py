"""Who sees, applies, changes and deletes a saved view, and that sharing a view never shares rows.

The Dhaka desk: manager, agent, colleague, reader; the Mumbai desk: outsider; the admin is in no
team.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from sampark.core.roles import Role
from sampark.core.tests.factories import make_user
from sampark.listviews.models import SavedView
from sampark.listviews.tests.factories import saved_view

pytestmark = pytest.mark.django_db

LIST = reverse("contacts:list")
CREATE = reverse("listviews:create", args=["contacts"])


@pytest.fixture
def views(people, teams):  # type: ignore[no-untyped-def]
    dhaka, mumbai = teams
    return {
        "agent's private": saved_view(people["agent"], "Mine"),
        "Dhaka team": saved_view(people["agent"], "Dhaka", visibility="team", team=dhaka),
        "Mumbai team": saved_view(people["outsider"], "Mumbai", visibility="team", team=mumbai),
        "everyone": saved_view(people["manager"], "All leads", visibility="everyone"),
    }


SEES = {
    "admin": {"Dhaka team", "Mumbai team", "everyone"},
    "manager": {"Dhaka team", "everyone"},
    "agent": {"agent's private", "Dhaka team", "everyone"},
    "colleague": {"Dhaka team", "everyone"},
    "reader": {"Dhaka team", "everyone"},
    "outsider": {"Mumbai team", "everyone"},
}


@pytest.mark.parametrize(("persona", "expected"), SEES.items())
def test_each_role_is_offered_and_may_apply_exactly_the_views_shared_with_them(
    client, people, views, persona, expected
):  # type: ignore[no-untyped-def]
    client.force_login(people[persona])

    offered = {choice.pk for choice in client.get(LIST).context["list_state"].choices}

    assert offered == {views[label].pk for label in expected}
    for label, view in views.items():
        status = client.get(LIST, {"view": view.pk}).status_code
        assert status == (200 if label in expected else 404), label


@pytest.mark.parametrize("persona", ["colleague", "manager", "admin", "outsider"])
def test_guessing_another_users_private_view_is_a_404_everywhere(client, people, views, persona):  # type: ignore[no-untyped-def]
    private = views["agent's private"]
    client.force_login(people[persona])

    assert client.get(LIST, {"view": private.pk}).status_code == 404
    assert client.get(reverse("listviews:edit", args=[private.pk])).status_code == 404
    assert client.post(reverse("listviews:update", args=[private.pk])).status_code == 404
    assert client.post(reverse("listviews:delete", args=[private.pk])).status_code == 404
    columns = reverse("listviews:columns", args=["contacts"])
    assert client.post(columns, {"view": private.pk, "columns": ["email"]}).status_code == 404
    assert SavedView.objects.filter(pk=private.pk).exists()


def test_a_view_of_another_list_or_a_made_up_id_is_a_404(client, people, views):  # type: ignore[no-untyped-def]
    companies = saved_view(people["agent"], "Firms", list_name="companies")
    client.force_login(people["agent"])

    assert client.get(LIST, {"view": companies.pk}).status_code == 404
    assert client.get(reverse("contacts:companies"), {"view": companies.pk}).status_code == 200
    assert client.get(LIST, {"view": "abc"}).status_code == 404
    assert client.get(LIST, {"view": 999999}).status_code == 404
    assert client.get(LIST, {"view": ""}).status_code == 200


def test_only_the_owner_changes_a_shared_view(client, people, views):  # type: ignore[no-untyped-def]
    team_view = views["Dhaka team"]
    client.force_login(people["colleague"])

    assert client.get(reverse("listviews:edit", args=[team_view.pk])).status_code == 403
    update = client.post(reverse("listviews:update", args=[team_view.pk]), {"query": "q=x"})
    assert update.status_code == 403
    assert client.post(reverse("listviews:delete", args=[team_view.pk])).status_code == 403
    columns = reverse("listviews:columns", args=["contacts"])
    assert client.post(columns, {"view": team_view.pk, "columns": []}).status_code == 403
    team_view.refresh_from_db()
    assert team_view.version == 1
    page = client.get(LIST, {"view": team_view.pk}).content.decode()
    assert "Rename or share" not in page
    assert 'id="list-columns"' not in page  # its columns are the owner's to choose


def test_an_admin_may_delete_any_shared_view(client, people, views):  # type: ignore[no-untyped-def]
    client.force_login(people["admin"])

    for label in ("Mumbai team", "everyone"):
        url = reverse("listviews:delete", args=[views[label].pk])
        assert client.post(url).status_code == 302

    assert set(SavedView.objects.values_list("name", flat=True)) == {"Mine", "Dhaka"}
    assert client.get(reverse("listviews:edit", args=[views["Dhaka team"].pk])).status_code == 403


@pytest.mark.parametrize(
    ("persona", "allowed"),
    [("admin", True), ("manager", True), ("agent", False), ("reader", False)],
)
def test_only_admins_and_managers_share_with_everyone(client, people, persona, allowed):  # type: ignore[no-untyped-def]
    client.force_login(people[persona])

    response = client.post(CREATE, {"name": "For all", "share": "everyone"})

    assert SavedView.objects.filter(visibility="everyone").exists() is allowed
    if not allowed:
        assert "share" in response.context["form"].errors


def test_a_view_is_shared_only_with_a_team_one_is_in(client, people, teams):  # type: ignore[no-untyped-def]
    dhaka, mumbai = teams
    client.force_login(people["agent"])

    refused = client.post(CREATE, {"name": "Theirs", "share": f"team:{mumbai.pk}"})
    client.post(CREATE, {"name": "Ours", "share": f"team:{dhaka.pk}"})

    assert "share" in refused.context["form"].errors
    assert list(SavedView.objects.values_list("name", "team__name")) == [("Ours", "Dhaka desk")]


def test_a_shared_view_never_shows_rows_the_viewer_may_not_see(client, people, clients, names):  # type: ignore[no-untyped-def]
    everyone = saved_view(people["admin"], "Every lead", query="stage=lead", visibility="everyone")
    client.force_login(people["admin"])
    assert names(client.get(LIST, {"view": everyone.pk})) == ["Anika", "Chitra", "Dev"]

    client.force_login(people["outsider"])
    assert names(client.get(LIST, {"view": everyone.pk})) == ["Dev"]
    client.force_login(people["colleague"])
    assert names(client.get(LIST, {"view": everyone.pk})) == ["Anika", "Chitra"]


def test_leaving_a_team_takes_its_views_off_the_menu(client, people, teams, views):  # type: ignore[no-untyped-def]
    colleague = people["colleague"]
    client.force_login(colleague)
    assert views["Dhaka team"].pk in {c.pk for c in client.get(LIST).context["list_state"].choices}

    colleague.teams.remove(teams[0])

    assert client.get(LIST, {"view": views["Dhaka team"].pk}).status_code == 404
    offered = {choice.pk for choice in client.get(LIST).context["list_state"].choices}
    assert offered == {views["everyone"].pk}


def test_a_new_shared_view_reaches_the_menus_of_those_it_is_shared_with(client, people, teams):  # type: ignore[no-untyped-def]
    newcomer = make_user(Role.AGENT, teams[0], username="newcomer")
    client.force_login(newcomer)
    assert client.get(LIST).context["list_state"].choices == []  # now cached

    view = saved_view(people["agent"], "Dhaka", visibility="team", team=teams[0])

    assert [c.pk for c in client.get(LIST).context["list_state"].choices] == [view.pk]
