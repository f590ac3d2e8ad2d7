"""Settings > API tokens: shown once, usable at once, revocable; nobody reaches another's token
except an admin."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from sampark.core import tokens
from sampark.core.models import ApiToken, AuditEntry, TokenScope

pytestmark = pytest.mark.django_db


def create(client, name="Sync script", scope="read"):  # type: ignore[no-untyped-def]
    response = client.post(reverse("settings:token_create"), {"name": name, "scope": scope})
    assert response.status_code == 200
    match = re.search(r'<p class="secret"[^>]*><code>(spk_[^<]+)</code>', response.content.decode())
    assert match is not None
    return response, match.group(1)


def test_a_new_token_is_shown_once_and_authenticates(client, people):  # type: ignore[no-untyped-def]
    agent = people["agent"]
    client.force_login(agent)
    response, raw = create(client, scope="read_write")
    assert "will not be shown again" in response.content.decode()
    assert "no-store" in response["Cache-Control"]

    found = tokens.authenticate(raw)
    assert found is not None
    assert found.user == agent
    assert found.scope == TokenScope.READ_WRITE

    listing = client.get(reverse("settings:tokens")).content.decode()
    assert "Sync script" in listing
    assert found.prefix in listing
    assert raw not in listing  # only the prefix, never the token again
    assert "Active" in listing


def test_revoking_stops_the_token(client, people):  # type: ignore[no-untyped-def]
    client.force_login(people["agent"])
    _response, raw = create(client)
    token = ApiToken.objects.get()
    url = reverse("settings:token_revoke", args=[token.pk])
    assert client.get(url).status_code == 200
    assert tokens.authenticate(raw) is not None  # GET only asks
    assert client.post(url)["Location"] == reverse("settings:tokens")
    assert tokens.authenticate(raw) is None
    assert "Revoked" in client.get(reverse("settings:tokens")).content.decode()
    revoked = AuditEntry.objects.for_record(token).first()
    assert revoked.actor == people["agent"]
    assert "revoked_at" in revoked.changes


@pytest.mark.parametrize("who", ["manager", "colleague", "reader", "outsider"])
def test_another_users_token_is_not_found(client, people, who):  # type: ignore[no-untyped-def]
    token, raw = tokens.issue_token(
        people["agent"], name="Mine", scope=TokenScope.READ, by=people["agent"]
    )
    client.force_login(people[who])
    url = reverse("settings:token_revoke", args=[token.pk])
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert tokens.authenticate(raw) is not None
    assert "Mine" not in client.get(reverse("settings:tokens")).content.decode()


def test_an_admin_sees_and_revokes_everyones_tokens(client, people):  # type: ignore[no-untyped-def]
    token, raw = tokens.issue_token(
        people["agent"], name="Agent's laptop", scope=TokenScope.READ, by=people["agent"]
    )
    client.force_login(people["admin"])
    listing = client.get(reverse("settings:tokens")).content.decode()
    assert "Agent&#x27;s laptop" in listing
    assert client.post(reverse("settings:token_revoke", args=[token.pk])).status_code == 302
    assert tokens.authenticate(raw) is None
    assert AuditEntry.objects.for_record(token).first().actor == people["admin"]


def test_a_token_needs_a_name_and_a_known_scope(client, people):  # type: ignore[no-untyped-def]
    client.force_login(people["reader"])
    response = client.post(reverse("settings:token_create"), {"name": "", "scope": "admin"})
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"name", "scope"}
    assert not ApiToken.objects.exists()


def test_posts_need_the_csrf_token(people):  # type: ignore[no-untyped-def]
    token, raw = tokens.issue_token(
        people["agent"], name="Mine", scope=TokenScope.READ, by=people["agent"]
    )
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(people["agent"])
    forged = {"name": "Forged", "scope": "read_write"}
    assert browser.post(reverse("settings:token_create"), forged).status_code == 403
    assert browser.post(reverse("settings:token_revoke", args=[token.pk])).status_code == 403
    assert tokens.authenticate(raw) is not None
    assert not ApiToken.objects.filter(name="Forged").exists()

    # With the token from the form, the same post goes through.
    page = browser.get(reverse("settings:token_create")).content.decode()
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert csrf is not None
    response = browser.post(
        reverse("settings:token_create"), {**forged, "csrfmiddlewaretoken": csrf.group(1)}
    )
    assert response.status_code == 200
    assert ApiToken.objects.filter(name="Forged").exists()


def test_admin_writes_need_the_csrf_token_too(people):  # type: ignore[no-untyped-def]
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(people["admin"])
    response = browser.post(reverse("settings:team_create"), {"name": "Forged desk"})
    assert response.status_code == 403
    response = browser.post(
        reverse("settings:user_create"),
        {
            "username": "forged",
            "email": "f@example.com",
            "role": "admin",
            "language": "en",
            "time_zone": "UTC",
        },
    )
    assert response.status_code == 403
