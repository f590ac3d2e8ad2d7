"""Each user's language and time zone shape what they see."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sampark.contacts.tests.factories import ContactFactory
from sampark.core.models import AuditEntry, User

pytestmark = pytest.mark.django_db


def test_switching_language_is_remembered_on_the_profile(client, people):  # type: ignore[no-untyped-def]
    agent = people["agent"]
    client.force_login(agent)
    response = client.post(reverse("set_language"), {"language": "hi", "next": "/contacts/"})
    assert response.status_code == 302
    assert response["Location"] == "/contacts/"
    assert User.objects.get(pk=agent.pk).language == "hi"
    page = client.get(reverse("home"))
    assert page.content.decode().startswith('<!doctype html>\n<html lang="hi">')


def test_language_switch_refuses_an_offsite_redirect(client, people):  # type: ignore[no-untyped-def]
    client.force_login(people["agent"])
    response = client.post(
        reverse("set_language"), {"language": "bn", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


def test_unknown_language_changes_nothing(client, people):  # type: ignore[no-untyped-def]
    client.force_login(people["agent"])
    client.post(reverse("set_language"), {"language": "xx"})
    assert User.objects.get(pk=people["agent"].pk).language == "en"


def test_anonymous_visitor_can_switch_the_sign_in_page(client, db):  # type: ignore[no-untyped-def]
    response = client.post(reverse("set_language"), {"language": "bn", "next": "/accounts/login/"})
    assert response.cookies["sampark_language"].value == "bn"
    page = client.get(reverse("login"))
    assert 'lang="bn"' in page.content.decode()


def test_profile_saves_time_zone_and_rejects_unknown_ones(client, people):  # type: ignore[no-untyped-def]
    agent = people["agent"]
    client.force_login(agent)
    data = {"first_name": "Nusrat", "last_name": "", "email": "n@example.com", "language": "bn"}
    bad = client.post(reverse("profile"), {**data, "time_zone": "Mars/Olympus"})
    assert bad.status_code == 200
    assert "Mars/Olympus" in bad.content.decode()  # named in the field error
    good = client.post(reverse("profile"), {**data, "time_zone": "Asia/Kolkata"})
    assert good.status_code == 302
    agent.refresh_from_db()
    assert (agent.time_zone, agent.language) == ("Asia/Kolkata", "bn")
    assert AuditEntry.objects.filter(model_label="core.user", object_id=str(agent.pk)).exists()


def test_times_are_shown_in_the_users_time_zone(client, people):  # type: ignore[no-untyped-def]
    import datetime

    agent = people["agent"]
    agent.time_zone = "Asia/Kolkata"
    agent.save()
    moment = datetime.datetime(2026, 11, 23, 18, 0, tzinfo=datetime.UTC)
    contact = ContactFactory(owner=agent, created_at=moment)
    client.force_login(agent)
    page = client.get(reverse("contacts:detail", args=[contact.pk])).content.decode()
    assert "11:30" in page  # 18:00 UTC is 23:30 in India


def test_navigation_marks_only_the_current_section(client, people):  # type: ignore[no-untyped-def]
    client.force_login(people["admin"])
    page = client.get(reverse("settings:home")).content.decode()
    assert page.count('aria-current="page"') == 2  # the Settings link and the Overview tab
    assert f'href="{reverse("home")}" aria-current="page"' not in page
