"""The SLA clock: how much business time lies between two instants, and when a target is due.

Pure arithmetic on aware datetimes, no models: SLA policies and team calendars call it. Business
hours are wall-clock times in the calendar's zone, so on a DST day "09:00-17:00" still means
opening at nine local time; the time counted is real elapsed time, so a day open 00:00-24:00
counts 23 hours when the clocks spring forward and 25 when they fall back. A clock paused while a
ticket waits on the client (``pauses``) counts nothing in the pauses.
"""

from __future__ import annotations

import datetime
import zoneinfo
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

import holidays
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext as _

from sampark.lib.timezones import zone_for_country
from sampark.lib.workweek import weekend

Interval = tuple[datetime.time, datetime.time]
# Seven entries, Monday first (the numbering of ``date.weekday()`` and sampark.lib.workweek).
Week = tuple[tuple[Interval, ...], ...]
Pause = tuple[datetime.datetime, datetime.datetime | None]

UTC = datetime.UTC
ZERO = datetime.timedelta(0)
NINE_TO_FIVE: Interval = (datetime.time(9), datetime.time(17))
# A calendar whose next opening is further away than this is taken to be broken (a holiday set
# covering every working day) rather than searched for ever.
SEARCH_LIMIT_DAYS = 5 * 366


def weekly_hours(days: Mapping[int, Sequence[Interval]]) -> Week:
    """``{SUNDAY: [(9:00, 13:00), (14:00, 18:00)], …}`` → a ``Week``; days not given are closed.

    An interval ending at ``time(0)`` runs to midnight (``time`` has no 24:00)."""
    if not set(days) <= set(range(7)):
        raise ValueError(f"weekdays are 0 (Monday) to 6 (Sunday), not {sorted(days)}")
    return tuple(tuple(sorted(days.get(day, ()))) for day in range(7))


def _offsets(interval: Interval) -> tuple[datetime.timedelta, datetime.timedelta]:
    start, end = (
        datetime.timedelta(
            hours=t.hour, minutes=t.minute, seconds=t.second, microseconds=t.microsecond
        )
        for t in interval
    )
    return start, end or datetime.timedelta(days=1)


@dataclass(frozen=True)
class BusinessCalendar:
    """When a team counts SLA time: its zone, weekly hours and holidays (closed all day).

    ``always_open`` is a 24x7 desk: every instant counts, so it takes no hours or holidays."""

    zone: str
    hours: Week = ()
    holidays: frozenset[datetime.date] = frozenset()
    always_open: bool = False

    def __post_init__(self) -> None:
        try:
            zoneinfo.ZoneInfo(self.zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {self.zone!r}") from None
        if self.always_open:
            if any(self.hours) or self.holidays:
                raise ValueError("an always-open calendar has no working hours or holidays")
            return
        if len(self.hours) != 7:
            raise ValueError(f"working hours need 7 weekdays (Monday first), got {len(self.hours)}")
        for day, intervals in enumerate(self.hours):
            previous_end = ZERO
            for interval in sorted(intervals):
                if any(t.tzinfo is not None for t in interval):
                    raise ValueError(f"working hours are local wall-clock times: {interval}")
                start, end = _offsets(interval)
                # These two reach people editing a desk's hours (as form errors): translated.
                if start >= end:
                    raise ValueError(
                        _(
                            "%(day)s: %(start)s-%(end)s ends before it starts; working hours may "
                            "not cross midnight (split them over two days)."
                        )
                        % {
                            "day": WEEKDAYS[day],
                            "start": f"{interval[0]:%H:%M}",
                            "end": f"{interval[1]:%H:%M}",
                        }
                    )
                if start < previous_end:
                    raise ValueError(
                        _("%(day)s: working hours overlap at %(time)s.")
                        % {"day": WEEKDAYS[day], "time": f"{interval[0]:%H:%M}"}
                    )
                previous_end = end

    @classmethod
    def for_country(
        cls,
        country: str,
        *,
        years: Iterable[int],
        hours: Week | None = None,
        extra_holidays: Iterable[datetime.date] = (),
        zone: str | None = None,
        subdivision: str | None = None,
    ) -> BusinessCalendar:
        """A calendar with ``country``'s public holidays in ``years`` plus the firm's own days off.

        Hours default to 09:00-17:00 on the country's working days (Sunday-Thursday in
        Bangladesh); the zone to the country's only one. Holidays outside ``years`` are unknown
        to the calendar, so build it with every year a due time may fall in."""
        zone = zone or zone_for_country(country)
        if zone is None:
            raise ValueError(f"{country} has several time zones: say which one")
        try:
            public = holidays.country_holidays(country, subdiv=subdivision, years=list(years))
        except NotImplementedError:
            raise ValueError(f"no public holidays known for {country!r}") from None
        if hours is None:
            hours = weekly_hours(
                {day: [NINE_TO_FIVE] for day in range(7) if day not in weekend(country)}
            )
        return cls(zone, hours, frozenset(public) | frozenset(extra_holidays))

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.zone)

    def periods_on(self, day: datetime.date) -> list[tuple[datetime.datetime, datetime.datetime]]:
        """The open periods of local date ``day``, in UTC so that subtracting them gives real
        elapsed time (Python subtracts two times of one zone as wall-clock times)."""
        if day in self.holidays:
            return []
        midnight = datetime.datetime.combine(day, datetime.time(), self.tz)
        return [
            ((midnight + start).astimezone(UTC), (midnight + end).astimezone(UTC))
            for start, end in map(_offsets, self.hours[day.weekday()])
        ]


def _open_periods(
    calendar: BusinessCalendar, start: datetime.datetime, until: datetime.datetime | None = None
) -> Iterator[tuple[datetime.datetime, datetime.datetime]]:
    """Open periods from ``start`` on (the first one clipped to it), until ``until`` if given,
    else until the caller has what it needs; whole days are taken at once, never minutes."""
    day, closed_days = start.astimezone(calendar.tz).date(), 0
    while until is None or datetime.datetime.combine(day, datetime.time(), calendar.tz) < until:
        periods = [(max(o, start), c) for o, c in calendar.periods_on(day) if c > start]
        closed_days = 0 if periods else closed_days + 1
        if until is None and closed_days > SEARCH_LIMIT_DAYS:
            raise ValueError(f"the calendar does not open within {SEARCH_LIMIT_DAYS} days of {day}")
        yield from periods
        day += datetime.timedelta(days=1)


def _check(*instants: datetime.datetime) -> None:
    if any(instant.utcoffset() is None for instant in instants):
        raise ValueError("the SLA clock needs aware datetimes")


def add_business_time(
    start: datetime.datetime, duration: datetime.timedelta, calendar: BusinessCalendar
) -> datetime.datetime:
    """When ``duration`` of business time has passed since ``start``, in the calendar's zone.

    Outside business hours the clock starts at the next opening, so a zero duration gives the
    next opening (or ``start`` while open). Reaching the target exactly at a closing time gives
    the closing time, not the next opening."""
    _check(start)
    if duration < ZERO:
        raise ValueError("a duration of business time cannot be negative")
    start = start.astimezone(UTC)
    if calendar.always_open:
        return (start + duration).astimezone(calendar.tz)
    if not any(calendar.hours):
        raise ValueError("the calendar has no working hours: business time never passes")
    remaining = duration
    for opens, closes in _open_periods(calendar, start):
        if remaining <= closes - opens:
            return (opens + remaining).astimezone(calendar.tz)
        remaining -= closes - opens
    raise AssertionError("unreachable: without `until`, _open_periods never ends")


def business_time_between(
    start: datetime.datetime, end: datetime.datetime, calendar: BusinessCalendar
) -> datetime.timedelta:
    """Business time elapsed in [start, end); zero if ``end`` is not after ``start``."""
    _check(start, end)
    start, end = start.astimezone(UTC), end.astimezone(UTC)
    if end <= start:
        return ZERO
    if calendar.always_open:
        return end - start
    return sum(
        (
            min(closes, end) - opens
            for opens, closes in _open_periods(calendar, start, end)
            if opens < end
        ),
        ZERO,
    )


def merge_pauses(pauses: Sequence[Pause]) -> list[Pause]:
    """Pauses sorted, overlapping or touching ones merged; a pause still running (end None)
    swallows every pause that starts after it."""
    for begins, ends in pauses:
        _check(begins, *([ends] if ends is not None else []))
        if ends is not None and ends < begins:
            raise ValueError(f"a pause cannot end ({ends}) before it begins ({begins})")
    merged: list[Pause] = []
    for begins, ends in sorted(pauses, key=lambda pause: pause[0]):
        if not merged:
            merged.append((begins, ends))
            continue
        last_begins, last_ends = merged[-1]
        if last_ends is None:
            continue
        if begins <= last_ends:
            merged[-1] = (last_begins, None if ends is None else max(last_ends, ends))
        else:
            merged.append((begins, ends))
    return merged


def elapsed_with_pauses(
    start: datetime.datetime,
    end: datetime.datetime,
    calendar: BusinessCalendar,
    pauses: Sequence[Pause],
) -> datetime.timedelta:
    """Business time in [start, end) outside the pauses; a running pause counts up to ``end``."""
    paused = sum(
        (
            business_time_between(max(begins, start), min(ends or end, end), calendar)
            for begins, ends in merge_pauses(pauses)
        ),
        ZERO,
    )
    return business_time_between(start, end, calendar) - paused


def due_with_pauses(
    start: datetime.datetime,
    target: datetime.timedelta,
    calendar: BusinessCalendar,
    pauses: Sequence[Pause],
) -> datetime.datetime | None:
    """When ``target`` of business time outside the pauses has passed since ``start``.

    None while a pause is still running and began before the target was reached: the clock is
    stopped, so there is no due time until the ticket is back with the desk. A target already
    reached before that pause began keeps its (past) due time, so a breach stays visible."""
    clock, remaining = start, target
    for begins, ends in merge_pauses(pauses):
        if ends is not None and ends <= clock:
            continue
        due = add_business_time(clock, remaining, calendar)
        if due <= begins:
            return due
        if ends is None:
            return None
        remaining -= business_time_between(clock, begins, calendar)
        clock = max(clock, ends)
    return add_business_time(clock, remaining, calendar)
