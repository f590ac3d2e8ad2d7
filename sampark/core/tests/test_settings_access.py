"""Who may open which settings page: one table per section, for every role."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sampark.core.tests.factories import TeamFactory

pytestmark = pytest.mark.django_db

ROLES = ["admin", "manager", "agent", "reader"]


def pages(people):  # type: ignore[no-untyped-def]
    team = TeamFactory(name="Chennai desk")
    return {
        "home": reverse("settings:home"),
        "users": reverse("settings:users"),
        "user_create": reverse("settings:user_create"),
        "user_edit": reverse("settings:user_edit", args=[people["agent"].pk]),
        "teams": reverse("settings:teams"),
        "team_detail": reverse("settings:team_detail", args=[team.pk]),
        "team_create": reverse("settings:team_create"),
        "team_edit": reverse("settings:team_edit", args=[team.pk]),
        "team_delete": reverse("settings:team_delete", args=[team.pk]),
        "roles": reverse("settings:roles"),
        "tokens": reverse("settings:tokens"),
        "token_create": reverse("settings:token_create"),
    }


# page: the roles that get 200; every other role gets 403.
ALLOWED = {
    "home": ROLES,
    "users": ["admin", "manager"],
    "user_create": ["admin"],
    "user_edit": ["admin"],
    "teams": ROLES,
    "team_detail": ROLES,
    "team_create": ["admin"],
    "team_edit": ["admin"],
    "team_delete": ["admin"],
    "roles": ROLES,
    "tokens": ROLES,
    "token_create": ROLES,
}


@pytest.mark.parametrize("who", ROLES)
@pytest.mark.parametrize("page", sorted(ALLOWED))
def test_each_role_reaches_only_its_pages(client, people, who, page):  # type: ignore[no-untyped-def]
    url = pages(people)[page]
    client.force_login(people[who])
    expected = 200 if who in ALLOWED[page] else 403
    assert client.get(url).status_code == expected


@pytest.mark.parametrize("page", sorted(ALLOWED))
def test_anonymous_visitors_are_sent_to_sign_in(client, people, page):  # type: ignore[no-untyped-def]
    url = pages(people)[page]
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("who", ["manager", "agent", "reader"])
def test_non_admins_cannot_write_users_or_teams_by_posting(client, people, who):  # type: ignore[no-untyped-def]
    team = TeamFactory(name="Chennai desk")
    client.force_login(people[who])
    new_user = {
        "username": "intruder",
        "email": "i@example.com",
        "role": "admin",
        "language": "en",
        "time_zone": "UTC",
    }
    assert client.post(reverse("settings:user_create"), new_user).status_code == 403
    edit = {**new_user, "is_active": "on"}
    assert (
        client.post(reverse("settings:user_edit", args=[people[who].pk]), edit).status_code == 403
    )
    assert (
        client.post(reverse("settings:user_send_link", args=[people["agent"].pk])).status_code
        == 403
    )
    assert client.post(reverse("settings:team_create"), {"name": "Mine"}).status_code == 403
    assert (
        client.post(reverse("settings:team_edit", args=[team.pk]), {"name": "Mine"}).status_code
        == 403
    )
    assert client.post(reverse("settings:team_delete", args=[team.pk])).status_code == 403
    team.refresh_from_db()
    assert team.name == "Chennai desk"
    assert not people[who].__class__.objects.filter(username="intruder").exists()


def test_the_manager_sees_users_read_only(client, people):  # type: ignore[no-untyped-def]
    client.force_login(people["manager"])
    html = client.get(reverse("settings:users")).content.decode()
    assert "outsider" in html
    assert reverse("settings:user_create") not in html
    assert reverse("settings:user_edit", args=[people["agent"].pk]) not in html


def test_settings_home_links_only_to_what_the_user_may_open(client, people):  # type: ignore[no-untyped-def]
    client.force_login(people["agent"])
    html = client.get(reverse("settings:home")).content.decode()
    for name in ("settings:teams", "settings:roles", "settings:tokens", "profile"):
        assert reverse(name) in html
    assert reverse("settings:users") not in html

    client.force_login(people["admin"])
    assert reverse("settings:users") in client.get(reverse("settings:home")).content.decode()
