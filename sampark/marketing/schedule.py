"""When a campaign's mail is due for one client: at the chosen hour in their own time zone, and
not on a public holiday of their country.

A campaign set for "1 December, 10:00" (chosen in the sender's zone) reaches a client in Dhaka
at 10:00 in Dhaka and one in Dubai at 10:00 in Dubai. An hour that has already passed for a
client when the campaign goes out moves to the same hour the next day, rather than waking them
at night; a day that is a public holiday where they live moves to the next day that is not.
A client with no time zone is placed by their country when it has one zone, else in the firm's.
Without "local time" everyone is due at the same instant, still moved off their holidays.
"""

from __future__ import annotations

import datetime
import functools
import zoneinfo
from dataclasses import dataclass

from django.conf import settings

from sampark.agenda.slots import public_holidays
from sampark.lib.timezones import country_of_zone, zone_for_country

# A country has at most a few holidays in a row (Eid, Durga Puja): looking further is a mistake.
MAX_DAYS_MOVED = 14


@dataclass(frozen=True)
class Schedule:
    """A campaign's timing: ``start`` is when it goes out (or was set for); ``wall`` its hour in
    ``zone``, the zone it was chosen in."""

    start: datetime.datetime
    zone: str
    local_time: bool
    skip_holidays: bool

    def due(self, time_zone: str, country: str, *, now: datetime.datetime) -> datetime.datetime:
        """When the mail is due for a client in ``time_zone`` (may be "") and ``country``."""
        zone = time_zone or zone_for_country(country or "") or settings.TIME_ZONE
        tz = _zone(zone)
        # With local time, a client east of the sender may be due before the sender's hour.
        earliest = now if self.local_time else max(self.start, now)
        if self.local_time:
            wall = self.start.astimezone(_zone(self.zone or settings.TIME_ZONE))
            at = _at(wall.date(), wall.time(), tz)
            if at < earliest:  # their hour has passed: the same hour tomorrow
                at = _at(earliest.astimezone(tz).date(), wall.time(), tz)
                if at < earliest:
                    at = _at(at.astimezone(tz).date() + datetime.timedelta(days=1), wall.time(), tz)
        else:
            at = earliest
        if self.skip_holidays:
            at = _off_holidays(at, tz, country or country_of_zone(zone))
        return at


def _at(day: datetime.date, time: datetime.time, tz: zoneinfo.ZoneInfo) -> datetime.datetime:
    return datetime.datetime.combine(day, time, tzinfo=tz).astimezone(datetime.UTC)


def _off_holidays(at: datetime.datetime, tz: zoneinfo.ZoneInfo, country: str) -> datetime.datetime:
    if not country:
        return at
    local = at.astimezone(tz)
    closed = _holidays(country, local.year)
    for _ in range(MAX_DAYS_MOVED):
        if local.date() not in closed:
            break
        local = datetime.datetime.combine(
            local.date() + datetime.timedelta(days=1), local.time(), tz
        )
        closed = _holidays(country, local.year)
    return local.astimezone(datetime.UTC)


@functools.lru_cache(maxsize=512)
def _holidays(country: str, year: int) -> frozenset[datetime.date]:
    return frozenset(public_holidays(country, [year]))


@functools.lru_cache(maxsize=1024)
def _zone(name: str) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo(settings.TIME_ZONE)
