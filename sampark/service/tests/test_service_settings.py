"""Settings → Service: only admins change the desk's rules; each page saves what it shows and
answers bad input field by field; a change of hours or policies recounts open tickets' due
times."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sampark.core.models import AuditEntry
from sampark.service.models import (
    AgentProfile,
    Assignment,
    BusinessHours,
    Category,
    Priority,
    Queue,
    SlaPolicy,
    SlaTarget,
)
from sampark.service.tests.factories import make_ticket

pytestmark = pytest.mark.django_db

PAGES = [
    "service_settings:policies",
    "service_settings:policy_create",
    "service_settings:hours_list",
    "service_settings:hours_create",
    "service_settings:queues",
    "service_settings:agents",
    "service_settings:categories",
]


@pytest.mark.parametrize("role", ["admin", "manager", "agent", "reader"])
def test_only_admins_reach_the_service_settings(client, people, role):  # type: ignore[no-untyped-def]
    client.force_login(people[role])
    for name in PAGES:
        assert client.get(reverse(name)).status_code == (200 if role == "admin" else 403)


def test_business_hours_are_read_a_line_per_weekday(client, people):  # type: ignore[no-untyped-def]
    client.force_login(people["admin"])
    url = reverse("service_settings:hours_create")
    base = {"name": "Dhaka office", "time_zone": "Asia/Dhaka", "country": "BD"}

    refused = client.post(url, {**base, "day_0": "09:00", "day_1": "17:00-09:00"})
    assert refused.status_code == 200
    form = refused.context["form"]
    assert "day_0" in form.errors  # not an interval
    assert "ends before it starts" in form.errors["day_1"][0]
    assert not BusinessHours.objects.exists()

    saved = client.post(
        url,
        {
            **base,
            "day_6": "09:00-13:00, 14:00 \N{EN DASH} 18:00",  # either dash, spaces or not
            "day_0": "09:00-17:00",
            "is_default": "on",
        },
    )
    assert saved.status_code == 302
    hours = BusinessHours.objects.get()
    assert hours.week == {"0": [["09:00", "17:00"]], "6": [["09:00", "13:00"], ["14:00", "18:00"]]}
    assert hours.is_default
    assert AuditEntry.objects.filter(model_label="service.businesshours").exists()

    day_off = reverse("service_settings:day_off_add", args=[hours.pk])
    client.post(day_off, {"date": "2026-12-24", "name": "Year-end closing"})
    client.post(day_off, {"date": "2026-12-24", "name": "Again"})
    assert list(hours.days_off.values_list("name", flat=True)) == ["Year-end closing"]


def test_a_policy_is_saved_with_its_targets_per_priority(  # type: ignore[no-untyped-def]
    client, people, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    ticket = make_ticket(people["manager"], priority=Priority.URGENT)
    assert ticket.sla_due_at is None
    client.force_login(people["admin"])

    response = client.post(
        reverse("service_settings:policy_create"),
        {
            "name": "Standard",
            "position": 0,
            "is_active": "on",
            "warn_minutes": 30,
            f"first_response_{Priority.URGENT}": 30,
            f"resolution_{Priority.URGENT}": 240,
            f"first_response_{Priority.LOW}": "0",
        },
    )
    assert response.status_code == 200  # 0 minutes is refused
    assert f"first_response_{Priority.LOW}" in response.context["form"].errors

    with django_capture_on_commit_callbacks(execute=True):
        saved = client.post(
            reverse("service_settings:policy_create"),
            {
                "name": "Standard",
                "position": 0,
                "is_active": "on",
                "warn_minutes": 30,
                f"first_response_{Priority.URGENT}": 30,
                f"resolution_{Priority.URGENT}": 240,
            },
        )
    assert saved.status_code == 302
    policy = SlaPolicy.objects.get()
    [target] = SlaTarget.objects.filter(policy=policy)
    assert (target.priority, target.first_response_minutes, target.next_response_minutes) == (
        Priority.URGENT,
        30,
        None,
    )
    ticket.refresh_from_db()
    assert ticket.sla_policy == policy  # the open ticket was recounted
    assert ticket.first_response_due is not None


def test_queues_agents_and_categories(client, people, teams):  # type: ignore[no-untyped-def]
    client.force_login(people["admin"])
    cards = client.post(
        reverse("service_settings:categories"), {"name": "Cards", "is_active": "on"}
    )
    assert cards.status_code == 302
    category = Category.objects.get()

    client.post(
        reverse("service_settings:queue", args=[teams[0].pk]),
        {"assignment": Assignment.LOAD, "business_hours": ""},
    )
    assert Queue.objects.get(team=teams[0]).assignment == Assignment.LOAD

    client.post(
        reverse("service_settings:agent", args=[people["agent"].pk]),
        {
            "languages": ["bn", "en"],
            "skills": [category.pk],
            "availability": "away",
            "max_open_tickets": 5,
        },
    )
    profile = AgentProfile.objects.get(user=people["agent"])
    assert (profile.languages, profile.availability, profile.max_open_tickets) == (
        ["bn", "en"],
        "away",
        5,
    )
    assert list(profile.skills.all()) == [category]


def test_an_agent_sets_their_own_availability(client, people):  # type: ignore[no-untyped-def]
    client.force_login(people["agent"])

    client.post(reverse("service_settings:my_availability"), {"availability": "offline"})
    assert AgentProfile.objects.get(user=people["agent"]).availability == "offline"
    client.post(reverse("service_settings:my_availability"), {"availability": "asleep"})
    assert AgentProfile.objects.get(user=people["agent"]).availability == "offline"
    page = client.get(reverse("service:home")).content.decode()
    assert 'value="offline" selected' in page
