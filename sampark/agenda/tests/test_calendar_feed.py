"""The calendar feed: a secret address, stored hashed, revocable, with stable UIDs in UTC."""

from __future__ import annotations

import datetime

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from sampark.agenda.feeds import feed_for, issue_feed, revoke_feeds
from sampark.agenda.models import CalendarFeed, TaskStatus
from sampark.agenda.tests.factories import TaskFactory, utc
from sampark.contacts.models import ActivityKind
from sampark.contacts.tests.activity_factories import ActivityFactory
from sampark.contacts.tests.factories import ContactFactory
from sampark.core.tokens import digest


def feed_url(secret: str) -> str:
    return reverse("agenda:calendar_feed", args=[secret])


def events(client, secret):  # type: ignore[no-untyped-def]
    response = client.get(feed_url(secret))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    return {str(e["uid"]): e for e in calendar.walk("VEVENT")}


@pytest.fixture
def agent(people):  # type: ignore[no-untyped-def]
    return people["agent"]


def test_only_the_digest_of_the_secret_is_stored(agent):  # type: ignore[no-untyped-def]
    feed, secret = issue_feed(agent, by=agent)

    stored = CalendarFeed.objects.get()
    assert stored.digest == digest(secret)
    assert secret not in {stored.digest, stored.prefix}
    assert feed_for(secret) == feed


def test_the_feed_has_open_dated_tasks_and_meetings_in_utc_with_stable_uids(client, agent):  # type: ignore[no-untyped-def]
    contact = ContactFactory(owner=agent, display_name="রবীন্দ্র চক্রবর্তী")
    task = TaskFactory(
        owner=agent, title="Send the form", due_at=utc(2030, 3, 2, 4), contact=contact
    )
    TaskFactory(owner=agent, title="No date")
    TaskFactory(owner=agent, title="Done", due_at=utc(2030, 3, 2, 5), status=TaskStatus.DONE)
    starts = timezone.now() + datetime.timedelta(days=1)
    meeting = ActivityFactory(
        owner=agent,
        contact=contact,
        kind=ActivityKind.MEETING,
        subject="Portfolio review",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(minutes=45),
        location="Gulshan office",
        video_url="https://meet.example.com/abc",
    )
    _feed, secret = issue_feed(agent, by=agent)

    first = events(client, secret)
    again = events(client, secret)

    assert (
        set(first)
        == set(again)
        == {
            f"task-{task.pk}@testserver",
            f"meeting-{meeting.pk}@testserver",
        }
    )
    task_event = first[f"task-{task.pk}@testserver"]
    assert task_event.decoded("dtstart") == utc(2030, 3, 2, 4)
    assert task_event.decoded("dtstart").tzinfo.utcoffset(None) == datetime.timedelta(0)
    assert "Send the form" in str(task_event["summary"])
    assert "রবীন্দ্র চক্রবর্তী" in str(task_event["summary"])
    assert "dtstamp" in task_event
    meeting_event = first[f"meeting-{meeting.pk}@testserver"]
    assert "রবীন্দ্র চক্রবর্তী" in str(meeting_event["summary"])
    assert str(meeting_event["location"]) == "Gulshan office"
    assert str(meeting_event["url"]) == "https://meet.example.com/abc"
    assert meeting_event.decoded("dtend") - meeting_event.decoded("dtstart") == datetime.timedelta(
        minutes=45
    )


def test_another_users_tasks_and_meetings_are_not_in_the_feed(client, people, teams, agent):  # type: ignore[no-untyped-def]
    colleague = people["colleague"]
    TaskFactory(owner=colleague, team=teams[0], title="Colleague's", due_at=utc(2030, 1, 1))
    ActivityFactory(
        owner=colleague,
        contact=ContactFactory(owner=colleague),
        kind=ActivityKind.MEETING,
        starts_at=timezone.now() + datetime.timedelta(days=1),
    )
    _feed, secret = issue_feed(agent, by=agent)

    assert events(client, secret) == {}


def test_a_revoked_secret_is_not_found(client, agent):  # type: ignore[no-untyped-def]
    _feed, secret = issue_feed(agent, by=agent)

    revoke_feeds(agent, by=agent)

    assert client.get(feed_url(secret)).status_code == 404


def test_making_a_new_address_revokes_the_old_one(client, agent):  # type: ignore[no-untyped-def]
    _feed, old = issue_feed(agent, by=agent)
    _feed, new = issue_feed(agent, by=agent)

    assert client.get(feed_url(old)).status_code == 404
    assert client.get(feed_url(new)).status_code == 200
    assert CalendarFeed.objects.active().count() == 1


@pytest.mark.parametrize("secret", ["cal_guessed", "nothing", "cal_" + "A" * 43])
def test_an_unknown_secret_is_not_found(client, agent, secret):  # type: ignore[no-untyped-def]
    issue_feed(agent, by=agent)

    assert client.get(feed_url(secret)).status_code == 404


def test_an_inactive_users_feed_is_not_found(client, agent):  # type: ignore[no-untyped-def]
    _feed, secret = issue_feed(agent, by=agent)
    agent.is_active = False
    agent.save()

    assert client.get(feed_url(secret)).status_code == 404


def test_the_page_shows_the_address_once_and_revokes_it(client, agent):  # type: ignore[no-untyped-def]
    client.force_login(agent)
    page = reverse("agenda:calendar")

    made = client.post(page, {"action": "issue"}).content.decode()
    shown = client.get(page).content.decode()

    feed = CalendarFeed.objects.get()
    assert f"/agenda/calendar/{feed.prefix}" in made
    assert "http://testserver/agenda/calendar/cal_" in made
    assert "/agenda/calendar/cal_" not in shown  # never again
    assert feed.prefix in shown
    client.post(page, {"action": "revoke"})
    assert CalendarFeed.objects.get().revoked_at is not None
