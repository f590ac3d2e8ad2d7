"""When the next occurrence of a recurring task is due.

Counted on the assignee's wall clock, not in UTC: a task due at 10:00 every day stays at 10:00
in Dhaka, and one due on the 31st every month falls on the 30th in a 30-day month (and back on
the 31st after). "Every working day" skips the weekend of the assignee's country.
"""

from __future__ import annotations

import calendar
import datetime
import zoneinfo

from sampark.agenda.models import Recurrence
from sampark.lib.workweek import country_of_zone, is_working_day


def _add_months(day: datetime.date, months: int, wanted_day: int) -> datetime.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(wanted_day, calendar.monthrange(year, month)[1]))


def _step(day: datetime.date, recurrence: str, wanted_day: int, country: str) -> datetime.date:
    if recurrence == Recurrence.DAILY:
        return day + datetime.timedelta(days=1)
    if recurrence == Recurrence.WEEKDAYS:
        day += datetime.timedelta(days=1)
        while not is_working_day(country, day.weekday()):
            day += datetime.timedelta(days=1)
        return day
    if recurrence == Recurrence.WEEKLY:
        return day + datetime.timedelta(days=7)
    if recurrence == Recurrence.MONTHLY:
        return _add_months(day, 1, wanted_day)
    if recurrence == Recurrence.YEARLY:
        return _add_months(day, 12, wanted_day)
    raise ValueError(f"{recurrence!r} does not repeat.")


def next_due(
    due_at: datetime.datetime, recurrence: str, *, zone: str, after: datetime.datetime
) -> datetime.datetime:
    """The first occurrence after both ``due_at`` and ``after`` (usually now), so a task done
    late does not come back already overdue. ``zone`` is the assignee's time zone."""
    tz = zoneinfo.ZoneInfo(zone)
    local = due_at.astimezone(tz)
    wall_time = local.time().replace(tzinfo=None)
    country = country_of_zone(zone)
    day = local.date()
    while True:
        day = _step(day, recurrence, local.day, country)
        candidate = datetime.datetime.combine(day, wall_time, tzinfo=tz)
        if candidate > after:
            return candidate.astimezone(datetime.UTC)
