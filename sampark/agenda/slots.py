"""Meeting times that suit both sides: an adviser in Dhaka and a client in London or New York.

A slot is proposed only if it falls inside both parties' working hours on their own clocks, on
a working day of each (the contact's country's weekend: Friday and Saturday in Bangladesh), on no
public holiday of either country, and clear of the user's own meetings. A contact without a
time zone is taken to be in the user's, and the result says so.
"""

from __future__ import annotations

import datetime
import functools
import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass, field

import holidays
from django.utils import timezone, translation

from sampark.contacts.models import Activity, ActivityKind, Contact
from sampark.core.models import User
from sampark.lib.workweek import DEFAULT_WEEKEND, country_of_zone, weekend

ALL_DAYS = frozenset(range(7))
STEP = datetime.timedelta(minutes=30)
# A meeting logged without an end is taken to last this long.
DEFAULT_MEETING = datetime.timedelta(hours=1)
# holidays' language codes for our UI languages, best first.
HOLIDAY_LANGUAGES = {"en": ("en_US", "en_IN", "en_GB"), "bn": ("bn",), "hi": ("hi",)}


@dataclass(frozen=True)
class WorkingHours:
    start: datetime.time = datetime.time(9)
    end: datetime.time = datetime.time(17)
    days: frozenset[int] = ALL_DAYS - DEFAULT_WEEKEND  # Monday to Friday


@dataclass(frozen=True)
class Slot:
    starts_at: datetime.datetime
    ends_at: datetime.datetime


@dataclass(frozen=True)
class Holiday:
    date: datetime.date
    name: str
    country: str


@dataclass(frozen=True)
class Party:
    """One side of the meeting: their clock, their working hours and their holidays."""

    zone: str
    country: str
    hours: WorkingHours
    holidays: dict[datetime.date, str] = field(default_factory=dict)

    def can_meet(self, start: datetime.datetime, end: datetime.datetime) -> bool:
        tz = zoneinfo.ZoneInfo(self.zone)
        local_start, local_end = start.astimezone(tz), end.astimezone(tz)
        day = local_start.date()
        return (
            local_end.date() == day
            and day.weekday() in self.hours.days
            and day not in self.holidays
            and self.hours.start <= local_start.time()
            and local_end.time() <= self.hours.end
        )


@dataclass(frozen=True)
class Suggestion:
    slots: list[Slot]
    user_zone: str
    contact_zone: str
    # False when the contact has no time zone and the user's was assumed.
    contact_zone_known: bool
    skipped_holidays: list[Holiday]


@functools.cache
def _holiday_table(country: str, years: tuple[int, ...], language: str) -> dict[datetime.date, str]:
    try:
        table = holidays.country_holidays(country, years=years)
    except NotImplementedError:
        return {}  # a country the package does not know: no holidays rather than an error
    supported = getattr(table, "supported_languages", ())
    wanted = next((c for c in HOLIDAY_LANGUAGES.get(language, ()) if c in supported), None)
    if wanted:
        table = holidays.country_holidays(country, years=years, language=wanted)
    return dict(table.items())


def public_holidays(country: str, years: Iterable[int]) -> dict[datetime.date, str]:
    """``country``'s public holidays in ``years``, named in the active UI language."""
    if not country:
        return {}
    language = (translation.get_language() or "en").split("-")[0]
    return _holiday_table(country, tuple(sorted(set(years))), language)


def _meetings(user: User, start: datetime.datetime, end: datetime.datetime) -> list[Slot]:
    rows = Activity.objects.filter(
        owner=user,
        kind=ActivityKind.MEETING,
        starts_at__lt=end,
        # A meeting may start the day before and run into the range.
        starts_at__gte=start - datetime.timedelta(days=1),
    ).values_list("starts_at", "ends_at")
    return [Slot(s, e or s + DEFAULT_MEETING) for s, e in rows if s is not None]


def suggest_slots(
    user: User,
    contact: Contact,
    *,
    duration: datetime.timedelta = datetime.timedelta(minutes=30),
    start_date: datetime.date | None = None,
    days: int = 7,
    count: int = 8,
    now: datetime.datetime | None = None,
    user_hours: WorkingHours | None = None,
    contact_hours: WorkingHours | None = None,
) -> Suggestion:
    """Up to ``count`` start times for a meeting of ``duration``, from ``start_date`` (the
    user's today by default) for ``days`` days, on the half hour of the user's clock."""
    now = now or timezone.now()
    user_tz = zoneinfo.ZoneInfo(user.time_zone)
    start_date = start_date or now.astimezone(user_tz).date()
    range_start = datetime.datetime.combine(start_date, datetime.time(), user_tz)
    range_end = datetime.datetime.combine(
        start_date + datetime.timedelta(days=days), datetime.time(), user_tz
    )
    contact_zone = contact.time_zone or user.time_zone
    user_country = country_of_zone(user.time_zone)
    contact_country = contact.country or country_of_zone(contact.time_zone or "")
    years = range(start_date.year - 1, (range_end + datetime.timedelta(days=1)).year + 1)
    me = Party(
        user.time_zone,
        user_country,
        user_hours or WorkingHours(),
        public_holidays(user_country, years),
    )
    them = Party(
        contact_zone,
        contact_country,
        contact_hours or WorkingHours(days=ALL_DAYS - weekend(contact_country)),
        public_holidays(contact_country, years),
    )
    busy = _meetings(user, range_start, range_end)
    slots: list[Slot] = []
    # Stepped in UTC: adding to a zoned time adds wall-clock time and goes wrong across DST.
    candidate, range_end = range_start.astimezone(datetime.UTC), range_end.astimezone(datetime.UTC)
    while candidate + duration <= range_end and len(slots) < count:
        end = candidate + duration
        if (
            candidate >= now
            and me.can_meet(candidate, end)
            and them.can_meet(candidate, end)
            and not any(m.starts_at < end and m.ends_at > candidate for m in busy)
        ):
            slots.append(Slot(candidate, end))
        candidate += STEP
    return Suggestion(
        slots=slots,
        user_zone=user.time_zone,
        contact_zone=contact_zone,
        contact_zone_known=bool(contact.time_zone),
        skipped_holidays=_skipped(me, them, start_date, days),
    )


def _skipped(me: Party, them: Party, start: datetime.date, days: int) -> list[Holiday]:
    """The holidays in the range that fell on one side's working day, so cost a day's slots."""
    found: dict[tuple[datetime.date, str], Holiday] = {}
    for party in (them, me):
        for date, name in party.holidays.items():
            in_range = start <= date < start + datetime.timedelta(days=days)
            if in_range and date.weekday() in party.hours.days:
                found.setdefault((date, name), Holiday(date, name, party.country))
    return sorted(found.values(), key=lambda h: (h.date, h.name))
