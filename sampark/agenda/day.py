"""What a user's day holds: overdue tasks, today's, the week ahead's, and today's meetings.

"Today" is the user's own calendar day, in their time zone: at 23:30 UTC it is already tomorrow
in Dhaka. ``now`` is a parameter so that the buckets can be checked at any instant.
"""

from __future__ import annotations

import datetime
import zoneinfo
from dataclasses import dataclass

from django.utils import timezone

from sampark.agenda.models import Task, TaskQuerySet
from sampark.contacts.models import Activity, ActivityKind
from sampark.core.models import User

# More than this many overdue tasks is a backlog for the task list, not a day's plan.
OVERDUE_SHOWN = 50
UPCOMING_DAYS = 7


@dataclass(frozen=True)
class Bounds:
    """The user's today, as instants: [start, tomorrow), and the week after it."""

    now: datetime.datetime
    start: datetime.datetime
    tomorrow: datetime.datetime
    week_end: datetime.datetime

    @property
    def today(self) -> datetime.date:
        return self.start.date()


def day_bounds(user: User, now: datetime.datetime | None = None) -> Bounds:
    tz = zoneinfo.ZoneInfo(user.time_zone)
    now = now or timezone.now()
    today = now.astimezone(tz).date()

    def midnight(days: int) -> datetime.datetime:
        # Each midnight on the wall clock, so a day across a DST change is still one date.
        return datetime.datetime.combine(today + datetime.timedelta(days=days), datetime.time(), tz)

    return Bounds(now, midnight(0), midnight(1), midnight(1 + UPCOMING_DAYS))


@dataclass(frozen=True)
class Day:
    bounds: Bounds
    overdue: list[Task]
    more_overdue: bool
    today: list[Task]
    upcoming: list[Task]
    meetings: list[Activity]


def my_tasks(user: User) -> TaskQuerySet:
    """The user's open tasks, soonest first, with what a row shows."""
    return (
        Task.objects.visible_to(user)
        .assigned_to(user)
        .open()
        .select_related("contact", "company")
        .soonest_first()
    )


def my_day(user: User, now: datetime.datetime | None = None) -> Day:
    bounds = day_bounds(user, now)
    overdue = list(my_tasks(user).filter(due_at__lt=bounds.now)[: OVERDUE_SHOWN + 1])
    ahead = list(my_tasks(user).filter(due_at__gte=bounds.now, due_at__lt=bounds.week_end))
    meetings = (
        Activity.objects.visible_to(user)
        .filter(owner=user, kind=ActivityKind.MEETING)
        .filter(starts_at__gte=bounds.start, starts_at__lt=bounds.tomorrow)
        .select_related("contact", "company")
        .order_by("starts_at", "id")
    )
    return Day(
        bounds=bounds,
        overdue=overdue[:OVERDUE_SHOWN],
        more_overdue=len(overdue) > OVERDUE_SHOWN,
        today=[t for t in ahead if t.due_at and t.due_at < bounds.tomorrow],
        upcoming=[t for t in ahead if t.due_at and t.due_at >= bounds.tomorrow],
        meetings=list(meetings),
    )
