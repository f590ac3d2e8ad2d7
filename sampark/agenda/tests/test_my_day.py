"""My day: overdue, today, the next 7 days and today's meetings, by the user's own calendar."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sampark.agenda.day import my_day
from sampark.agenda.models import TaskStatus
from sampark.agenda.tests.factories import TaskFactory, utc
from sampark.contacts.models import ActivityKind
from sampark.contacts.tests.activity_factories import ActivityFactory
from sampark.contacts.tests.factories import ContactFactory

# 23:30 UTC on 10 March is already 05:30 on 11 March in Dhaka, and still 23:30 on 10 March in
# London.
NOW = utc(2026, 3, 10, 23, 30)


def titles(tasks):  # type: ignore[no-untyped-def]
    return [t.title for t in tasks]


@pytest.fixture
def agent(people):  # type: ignore[no-untyped-def]
    return people["agent"]


def test_at_2330_utc_a_dhaka_user_sees_tomorrows_utc_date_as_today(agent):  # type: ignore[no-untyped-def]
    agent.time_zone = "Asia/Dhaka"
    TaskFactory(owner=agent, title="11 March, 10:00 Dhaka", due_at=utc(2026, 3, 11, 4))
    TaskFactory(owner=agent, title="12 March, 10:00 Dhaka", due_at=utc(2026, 3, 12, 4))

    day = my_day(agent, NOW)

    assert titles(day.today) == ["11 March, 10:00 Dhaka"]
    assert titles(day.upcoming) == ["12 March, 10:00 Dhaka"]


def test_at_the_same_instant_a_london_user_is_still_on_the_day_before(agent):  # type: ignore[no-untyped-def]
    agent.time_zone = "Europe/London"
    TaskFactory(owner=agent, title="11 March, 04:00 UTC", due_at=utc(2026, 3, 11, 4))

    day = my_day(agent, NOW)

    assert day.today == []
    assert titles(day.upcoming) == ["11 March, 04:00 UTC"]


def test_buckets_hold_overdue_today_and_the_week_ahead_only(agent):  # type: ignore[no-untyped-def]
    agent.time_zone = "Asia/Dhaka"
    TaskFactory(owner=agent, title="overdue", due_at=utc(2026, 3, 9, 4))
    TaskFactory(owner=agent, title="earlier today, overdue", due_at=utc(2026, 3, 10, 23))
    TaskFactory(owner=agent, title="later today", due_at=utc(2026, 3, 11, 10))
    TaskFactory(owner=agent, title="in a week", due_at=utc(2026, 3, 18, 4))
    TaskFactory(owner=agent, title="in 9 days", due_at=utc(2026, 3, 20, 4))
    TaskFactory(owner=agent, title="no date")
    TaskFactory(owner=agent, title="done", due_at=utc(2026, 3, 11, 5), status=TaskStatus.DONE)

    day = my_day(agent, NOW)

    assert titles(day.overdue) == ["overdue", "earlier today, overdue"]
    assert titles(day.today) == ["later today"]
    assert titles(day.upcoming) == ["in a week"]


def test_only_the_users_own_tasks_are_in_their_day(people, teams, agent):  # type: ignore[no-untyped-def]
    TaskFactory(owner=people["colleague"], team=teams[0], title="colleague's", due_at=NOW)

    day = my_day(agent, NOW)

    assert day.overdue == day.today == day.upcoming == []


def test_todays_meetings_are_the_users_own_on_their_calendar_day(people, agent):  # type: ignore[no-untyped-def]
    agent.time_zone = "Asia/Dhaka"
    contact = ContactFactory(owner=agent, time_zone="Europe/London")

    def meeting(subject, starts_at, owner=agent):  # type: ignore[no-untyped-def]
        return ActivityFactory(
            owner=owner,
            contact=contact,
            kind=ActivityKind.MEETING,
            subject=subject,
            starts_at=starts_at,
            occurred_at=starts_at,
        )

    meeting("morning in Dhaka", utc(2026, 3, 11, 3))
    meeting("yesterday in Dhaka", utc(2026, 3, 10, 17))
    meeting("someone else's", utc(2026, 3, 11, 4), owner=people["colleague"])

    day = my_day(agent, NOW)

    assert [m.subject for m in day.meetings] == ["morning in Dhaka"]


def test_the_page_shows_each_meeting_in_both_time_zones(client, agent):  # type: ignore[no-untyped-def]
    from django.utils import timezone

    agent.time_zone = "Asia/Dhaka"
    agent.save()
    contact = ContactFactory(owner=agent, display_name="Oliver Smith", time_zone="Europe/London")
    now = timezone.now()
    ActivityFactory(
        owner=agent,
        contact=contact,
        kind=ActivityKind.MEETING,
        subject="Pension review",
        starts_at=now,
        occurred_at=now,
    )
    client.force_login(agent)

    body = client.get(reverse("agenda:day")).content.decode()

    assert "Pension review" in body
    assert "Oliver Smith" in body
    assert "their time" in body
    assert "Europe/London" in body


def test_the_page_lists_overdue_tasks_with_a_quick_complete_button(client, agent):  # type: ignore[no-untyped-def]
    task = TaskFactory(owner=agent, title="Send KYC form", due_at=utc(2020, 1, 1))
    client.force_login(agent)

    body = client.get(reverse("agenda:day")).content.decode()

    assert "Send KYC form" in body
    assert "Overdue" in body
    assert f'hx-post="{reverse("agenda:task_complete", args=[task.pk])}"' in body


def test_completing_from_my_day_with_htmx_asks_the_lists_to_reload(client, agent):  # type: ignore[no-untyped-def]
    task = TaskFactory(owner=agent, title="Quick one", due_at=utc(2020, 1, 1))
    client.force_login(agent)

    response = client.post(
        reverse("agenda:task_complete", args=[task.pk]), headers={"HX-Request": "true"}
    )

    assert response.status_code == 200
    assert response["HX-Trigger"] == "tasksChanged"
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE
    reloaded = client.get(reverse("agenda:day"), headers={"HX-Request": "true"})
    assert reloaded.templates[0].name == "agenda/_day_body.html"
    assert "Quick one" not in reloaded.content.decode()


def test_my_day_is_the_first_entry_of_the_navigation(client, agent):  # type: ignore[no-untyped-def]
    client.force_login(agent)

    response = client.get(reverse("contacts:list"))

    sections = response.context["nav_sections"]
    assert sections[0]["url"] == reverse("agenda:day")
    assert sections[0]["icon"] == "calendar"
    assert 'id="i-calendar"' in response.content.decode()
