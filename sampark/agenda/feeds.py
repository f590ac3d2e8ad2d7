"""A user's calendar (ICS) feed: their open tasks with a due time and their meetings.

Calendar apps fetch the feed without signing in, so its address carries a secret: 256 random
bits, stored only as a SHA-256 digest (as API tokens are), shown once when made. Making a new
one revokes the old; a revoked or unknown secret is simply not found.

Tasks go out as VEVENTs, not VTODOs: most calendar apps (Google, Outlook) ignore VTODO. Every
UID is the record's id, so an app updates an entry on the next fetch instead of adding another.
"""

from __future__ import annotations

import datetime
import secrets

import icalendar
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext

from sampark.agenda.models import CalendarFeed, Task
from sampark.contacts.models import Activity, ActivityKind
from sampark.core import audit
from sampark.core.models import AuditAction, User
from sampark.core.tokens import digest

PREFIX = "cal_"
# How long a task's entry lasts in the calendar (it has a due time, not a duration).
TASK_LENGTH = datetime.timedelta(minutes=15)
MEETING_LENGTH = datetime.timedelta(hours=1)
# Meetings older than this are left out: the feed stays small, and calendar apps keep what
# they fetched before.
PAST_MEETINGS = datetime.timedelta(days=90)
# Fetches are not written down more often than this, to keep polling from becoming writes.
LAST_FETCHED_RESOLUTION = datetime.timedelta(minutes=5)


def issue_feed(user: User, *, by: User) -> tuple[CalendarFeed, str]:
    """A new feed for ``user`` (revoking the one they had); the secret is returned here only."""
    raw = PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        revoke_feeds(user, by=by)
        feed = CalendarFeed.objects.create(user=user, prefix=raw[:12], digest=digest(raw))
        audit.record(AuditAction.CREATE, feed, by=by, changes={"prefix": [None, feed.prefix]})
    return feed, raw


def revoke_feeds(user: User, *, by: User) -> int:
    """Revoke the user's active feed, if any; returns how many were revoked."""
    now = timezone.now()
    revoked = 0
    with transaction.atomic():
        for feed in CalendarFeed.objects.filter(user=user, revoked_at__isnull=True):
            feed.revoked_at = now
            feed.save(update_fields=["revoked_at"])
            audit.record(AuditAction.UPDATE, feed, by=by, changes={"revoked_at": [None, now]})
            revoked += 1
    return revoked


def active_feed(user: User) -> CalendarFeed | None:
    return CalendarFeed.objects.active().filter(user=user).first()


def feed_for(raw: str) -> CalendarFeed | None:
    """The active feed with this secret, with its user; records when it was last fetched."""
    if not raw.startswith(PREFIX):
        return None
    feed = CalendarFeed.objects.active().select_related("user").filter(digest=digest(raw)).first()
    if feed is None:
        return None
    now = timezone.now()
    if feed.last_fetched_at is None or now - feed.last_fetched_at > LAST_FETCHED_RESOLUTION:
        CalendarFeed.objects.filter(pk=feed.pk).update(last_fetched_at=now)
    return feed


def _utc(value: datetime.datetime) -> datetime.datetime:
    return value.astimezone(datetime.UTC)


def _task_event(task: Task, host: str) -> icalendar.Event:
    assert task.due_at is not None
    event = icalendar.Event()
    event.add("uid", f"task-{task.pk}@{host}")
    event.add("dtstamp", _utc(task.updated_at))
    event.add("last-modified", _utc(task.updated_at))
    event.add("dtstart", _utc(task.due_at))
    event.add("dtend", _utc(task.due_at + TASK_LENGTH))
    title = task.title
    if task.contact is not None:
        title = gettext("%(title)s (%(name)s)") % {"title": title, "name": task.contact}
    event.add("summary", gettext("Task: %(title)s") % {"title": title})
    event.add("categories", [gettext("Task"), str(task.get_priority_display())])
    if task.notes:
        event.add("description", task.notes)
    return event


def _meeting_event(meeting: Activity, host: str) -> icalendar.Event:
    assert meeting.starts_at is not None
    event = icalendar.Event()
    event.add("uid", f"meeting-{meeting.pk}@{host}")
    event.add("dtstamp", _utc(meeting.updated_at))
    event.add("last-modified", _utc(meeting.updated_at))
    event.add("dtstart", _utc(meeting.starts_at))
    event.add("dtend", _utc(meeting.ends_at or meeting.starts_at + MEETING_LENGTH))
    who = meeting.contact or meeting.company
    subject = meeting.subject or gettext("Meeting")
    event.add("summary", f"{subject} · {who}" if who else subject)
    if meeting.location:
        event.add("location", meeting.location)
    if meeting.video_url:
        event.add("url", meeting.video_url)
    if meeting.video_url or meeting.attendees:
        lines = [meeting.video_url, *meeting.attendees]
        event.add("description", "\n".join(line for line in lines if line))
    return event


def build_calendar(user: User, *, host: str, now: datetime.datetime | None = None) -> bytes:
    """The user's feed as ICS bytes, written in their language."""
    now = now or timezone.now()
    tasks = (
        Task.objects.assigned_to(user)
        .open()
        .filter(due_at__isnull=False)
        .select_related("contact")
        .soonest_first()
    )
    meetings = (
        Activity.objects.filter(owner=user, kind=ActivityKind.MEETING, starts_at__isnull=False)
        .filter(starts_at__gte=now - PAST_MEETINGS)
        .select_related("contact", "company")
        .order_by("starts_at", "id")
    )
    with translation.override(user.language or None):
        calendar = icalendar.Calendar()
        calendar.add("prodid", "-//Sampark//Agenda//EN")
        calendar.add("version", "2.0")
        calendar.add("calscale", "GREGORIAN")
        calendar.add("x-wr-calname", gettext("Sampark: %(name)s") % {"name": user})
        for task in tasks:
            calendar.add_component(_task_event(task, host))
        for meeting in meetings:
            calendar.add_component(_meeting_event(meeting, host))
    return calendar.to_ical()
