"""Settings > Users: adding people by email invitation, changing their role and teams, and the
rule that the workspace always keeps an active admin."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from sampark.core import actions
from sampark.core.models import AuditEntry, User
from sampark.core.roles import Role, assigned_role, role_of
from sampark.core.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def new_user_data(**overrides):  # type: ignore[no-untyped-def]
    data = {
        "username": "rahim",
        "first_name": "Rahim",
        "last_name": "Uddin",
        "email": "rahim@example.com",
        "role": "agent",
        "language": "bn",
        "time_zone": "Asia/Dhaka",
    }
    data.update(overrides)
    return data


def edit_data(user, **overrides):  # type: ignore[no-untyped-def]
    data = {
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "role": assigned_role(user).value,
        "teams": [team.pk for team in user.teams.all()],
        "is_active": "on" if user.is_active else "",
        "language": user.language,
        "time_zone": user.time_zone,
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v != ""}


def test_a_new_user_gets_a_link_to_choose_a_password_and_can_sign_in(client, people, teams):  # type: ignore[no-untyped-def]
    client.force_login(people["admin"])
    response = client.post(
        reverse("settings:user_create"), new_user_data(teams=[teams[0].pk]), follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("settings:users")
    assert "rahim@example.com" in response.content.decode()  # the success message

    rahim = User.objects.get(username="rahim")
    assert not rahim.has_usable_password()  # nobody typed a password for them
    assert role_of(rahim) is Role.AGENT
    assert list(rahim.teams.all()) == [teams[0]]
    assert (rahim.language, rahim.time_zone) == ("bn", "Asia/Dhaka")

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["rahim@example.com"]
    assert "rahim" in message.body
    link = re.search(r"https?://[^/]+(/accounts/reset/\S+)", message.body)
    assert link is not None

    client.logout()
    form_page = client.get(link.group(1), follow=True)
    assert "new_password1" in form_page.content.decode()
    password = "jackfruit under the monsoon"
    done = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": password, "new_password2": password}
    )
    assert done.status_code == 302
    assert client.login(username="rahim", password=password)


def test_creating_a_user_is_audited_with_readable_role_and_teams(client, people, teams):  # type: ignore[no-untyped-def]
    client.force_login(people["admin"])
    client.post(reverse("settings:user_create"), new_user_data(teams=[t.pk for t in teams]))
    rahim = User.objects.get(username="rahim")
    entry = AuditEntry.objects.for_record(rahim).get()
    assert entry.action == "create"
    assert entry.actor == people["admin"]
    assert entry.changes["role"] == [None, "agent"]
    assert entry.changes["teams"] == [None, ["Dhaka desk", "Mumbai desk"]]
    assert entry.changes["email"] == [None, "rahim@example.com"]
    assert "password" not in entry.changes


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"username": "agent"}, "username", "already exists"),
        ({"email": "AGENT@example.com"}, "email", "already has this email"),
        ({"time_zone": "Mars/Olympus_Mons"}, "time_zone", "valid choice"),
        ({"role": "superhero"}, "role", "valid choice"),
        ({"email": ""}, "email", "required"),
        ({"email": "not an address"}, "email", "valid email"),
        ({"language": "xx"}, "language", "valid choice"),
    ],
)
def test_bad_input_is_reported_on_the_field(client, people, overrides, field, message):  # type: ignore[no-untyped-def]
    client.force_login(people["admin"])
    response = client.post(reverse("settings:user_create"), new_user_data(**overrides))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors
    assert message in " ".join(errors[field])
    assert f'id="id_{field}_error"' in response.content.decode()
    assert mail.outbox == []


def test_an_admin_changes_details_role_and_teams_with_a_field_level_audit(client, people, teams):  # type: ignore[no-untyped-def]
    agent = people["agent"]
    _dhaka, mumbai = teams
    client.force_login(people["admin"])
    response = client.post(
        reverse("settings:user_edit", args=[agent.pk]),
        edit_data(
            agent, role="manager", teams=[mumbai.pk], time_zone="Asia/Kolkata", last_name="Das"
        ),
    )
    assert response.status_code == 302
    agent = User.objects.get(pk=agent.pk)
    assert role_of(agent) is Role.MANAGER
    assert agent.groups.count() == 1
    assert list(agent.teams.all()) == [mumbai]
    assert agent.time_zone == "Asia/Kolkata"

    entry = AuditEntry.objects.for_record(agent).get()
    assert entry.changes == {
        "last_name": ["", "Das"],
        "time_zone": ["Asia/Dhaka", "Asia/Kolkata"],
        "role": ["agent", "manager"],
        "teams": [["Dhaka desk"], ["Mumbai desk"]],
    }

    history = client.get(reverse("settings:user_edit", args=[agent.pk])).content.decode()
    assert "Manager" in history
    assert "Mumbai desk" in history


def test_saving_without_changes_writes_no_audit_entry(client, people):  # type: ignore[no-untyped-def]
    client.force_login(people["admin"])
    agent = people["agent"]
    client.post(reverse("settings:user_edit", args=[agent.pk]), edit_data(agent))
    assert not AuditEntry.objects.for_record(agent).exists()


def test_deactivating_a_user_keeps_them_but_stops_sign_in(client, people):  # type: ignore[no-untyped-def]
    agent = people["agent"]
    client.force_login(people["admin"])
    client.post(reverse("settings:user_edit", args=[agent.pk]), edit_data(agent, is_active=""))
    agent.refresh_from_db()
    assert agent.is_active is False
    assert AuditEntry.objects.for_record(agent).get().changes == {"is_active": [True, False]}
    listing = client.get(reverse("settings:users")).content.decode()
    assert "Deactivated" in listing
    client.logout()
    assert not client.login(username="agent", password="correct horse battery staple")


def test_the_last_admin_cannot_demote_or_deactivate_themselves(client, people):  # type: ignore[no-untyped-def]
    admin = people["admin"]
    client.force_login(admin)
    url = reverse("settings:user_edit", args=[admin.pk])
    for change in ({"role": "manager"}, {"is_active": ""}):
        response = client.post(url, edit_data(admin, **change))
        assert response.status_code == 200
        assert "last active admin" in " ".join(response.context["form"].non_field_errors())
        assert 'class="alert error"' in response.content.decode()
    admin.refresh_from_db()
    assert admin.is_active
    assert role_of(admin) is Role.ADMIN
    assert not AuditEntry.objects.for_record(admin).exists()


def test_with_a_second_admin_an_admin_may_step_down(client, people):  # type: ignore[no-untyped-def]
    UserFactory(role=Role.ADMIN, username="second_admin")
    admin = people["admin"]
    client.force_login(admin)
    response = client.post(
        reverse("settings:user_edit", args=[admin.pk]), edit_data(admin, role="manager")
    )
    assert response.status_code == 302
    assert role_of(User.objects.get(pk=admin.pk)) is Role.MANAGER


def test_an_inactive_admin_does_not_count_as_the_remaining_admin(people):  # type: ignore[no-untyped-def]
    UserFactory(role=Role.ADMIN, username="former_admin", is_active=False)
    admin = people["admin"]
    with pytest.raises(ValidationError, match="last active admin"):
        actions.update_user(admin, by=admin, values={"role": Role.AGENT})


def test_demoting_a_superuser_removes_the_superuser_flag(people):  # type: ignore[no-untyped-def]
    boss = actions.create_admin(username="boss", email="boss@example.com", password="x")
    actions.update_user(boss, by=people["admin"], values={"role": Role.READ_ONLY})
    boss = User.objects.get(pk=boss.pk)
    assert (boss.is_superuser, boss.is_staff) == (False, False)
    assert role_of(boss) is Role.READ_ONLY
    changes = AuditEntry.objects.for_record(boss).first().changes  # newest first
    assert changes["role"] == ["admin", "read_only"]
    assert changes["is_superuser"] == [True, False]


def test_the_password_link_can_be_sent_again(client, people):  # type: ignore[no-untyped-def]
    client.force_login(people["admin"])
    agent = people["agent"]
    response = client.post(reverse("settings:user_send_link", args=[agent.pk]))
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [[agent.email]]
    assert client.get(reverse("settings:user_send_link", args=[agent.pk])).status_code == 405


def test_the_link_is_written_in_the_new_users_language(client, people):  # type: ignore[no-untyped-def]
    client.force_login(people["admin"])
    client.post(reverse("settings:user_create"), new_user_data(language="en"))
    assert "Choose your Sampark password" in mail.outbox[0].subject


def test_a_mail_failure_is_reported_not_a_500(client, people, monkeypatch):  # type: ignore[no-untyped-def]
    def refuse(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise ConnectionRefusedError("no mail server")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    client.force_login(people["admin"])
    response = client.post(reverse("settings:user_create"), new_user_data(), follow=True)
    assert response.status_code == 200
    assert User.objects.filter(username="rahim").exists()
    assert "could not be sent" in response.content.decode()


def test_admins_made_in_settings_can_open_the_django_admin_and_lose_it_when_demoted(people):  # type: ignore[no-untyped-def]
    boss = actions.create_user(
        by=people["admin"], username="mahbub", email="m@example.com", role=Role.ADMIN
    )
    assert (boss.is_superuser, boss.is_staff) == (True, True)
    agent = actions.update_user(people["agent"], by=people["admin"], values={"role": Role.ADMIN})
    assert (agent.is_superuser, agent.is_staff) == (True, True)
    actions.update_user(agent, by=people["admin"], values={"role": Role.AGENT})
    agent.refresh_from_db()
    assert (agent.is_superuser, agent.is_staff) == (False, False)
