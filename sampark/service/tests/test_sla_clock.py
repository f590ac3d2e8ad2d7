"""The SLA clock, checked against timelines worked out by hand: business hours, weekends of
Bangladesh and India, public and firm holidays, split shifts, DST days in New York, 24x7 desks
and pauses while a ticket waits on the client."""

from __future__ import annotations

import datetime
import itertools
import zoneinfo

import pytest

from sampark.lib.workweek import FRIDAY, MONDAY, SATURDAY, SUNDAY, THURSDAY, TUESDAY, WEDNESDAY
from sampark.service.sla_clock import (
    NINE_TO_FIVE,
    BusinessCalendar,
    Pause,
    add_business_time,
    business_time_between,
    due_with_pauses,
    elapsed_with_pauses,
    merge_pauses,
    weekly_hours,
)

DHAKA = zoneinfo.ZoneInfo("Asia/Dhaka")  # UTC+6, no DST
KOLKATA = zoneinfo.ZoneInfo("Asia/Kolkata")  # UTC+5:30, no DST
NEW_YORK = zoneinfo.ZoneInfo("America/New_York")
UTC = datetime.UTC
MINUTE = datetime.timedelta(minutes=1)
HOUR = datetime.timedelta(hours=1)
ZERO = datetime.timedelta(0)


def t(hour: int, minute: int = 0) -> datetime.time:
    return datetime.time(hour, minute)


def at(zone: datetime.tzinfo, day: str, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(datetime.date.fromisoformat(day), t(hour, minute), zone)


SUN_TO_THU = (SUNDAY, MONDAY, TUESDAY, WEDNESDAY, THURSDAY)
MON_TO_FRI = (MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY)
YEARS = range(2025, 2027)

# Bangladesh: Friday and Saturday off, 09:00-17:00, public holidays from the `holidays` package
# (Victory Day, Tuesday 16 December 2025), and the firm's own foundation day, Tuesday 14 October.
FOUNDATION_DAY = datetime.date(2025, 10, 14)
BD = BusinessCalendar.for_country("BD", years=YEARS, extra_holidays=[FOUNDATION_DAY])


def second_and_fourth_saturdays(years: range) -> set[datetime.date]:
    """Indian banks close on the 2nd and 4th Saturday: a firm's days off, not a weekly rule."""
    days = (datetime.date(y, m, d) for y in years for m in range(1, 13) for d in range(8, 29))
    return {day for day in days if day.weekday() == SATURDAY and (day.day - 1) // 7 in (1, 3)}


# India: Sunday off (and the 2nd and 4th Saturdays), 10:00-18:00 Monday to Saturday; Republic
# Day (Monday 26 January 2026) and Diwali (Monday 20 October 2025) from the package.
IN = BusinessCalendar.for_country(
    "IN",
    years=YEARS,
    hours=weekly_hours({day: [(t(10), t(18))] for day in range(7) if day != SUNDAY}),
    extra_holidays=second_and_fourth_saturdays(YEARS),
)
# A Dhaka desk with a lunch break: 09:00-13:00 and 14:00-18:00, Sunday to Thursday, no holidays.
SPLIT = BusinessCalendar(
    "Asia/Dhaka", weekly_hours({day: [(t(9), t(13)), (t(14), t(18))] for day in SUN_TO_THU})
)
# New York, 09:00-17:00 Monday to Friday. DST 2025: clocks spring forward on Sunday 9 March
# (02:00 EST → 03:00 EDT) and fall back on Sunday 2 November (02:00 EDT → 01:00 EST).
NY = BusinessCalendar("America/New_York", weekly_hours({day: [NINE_TO_FIVE] for day in MON_TO_FRI}))
# A Sunday-only desk open all day (until midnight): its DST Sundays last 23 and 25 hours.
NY_SUNDAYS = BusinessCalendar("America/New_York", weekly_hours({SUNDAY: [(t(0), t(0))]}))


# (calendar, start, duration, due) with the timeline that gives the due time.
HAND_COMPUTED = {
    "within one day": (
        # Sun 12 Oct 10:00 + 4h → 14:00 the same day.
        BD, at(DHAKA, "2025-10-12", 10), 4 * HOUR, at(DHAKA, "2025-10-12", 14),
    ),
    "spills to the next day": (
        # Sun 15:00-17:00 counts 2h; Mon 13 Oct 09:00-11:00 the other 2h.
        BD, at(DHAKA, "2025-10-12", 15), 4 * HOUR, at(DHAKA, "2025-10-13", 11),
    ),
    "ends exactly at closing": (
        # Sun 13:00 + 4h → 17:00 (the closing time, not Monday's opening).
        BD, at(DHAKA, "2025-10-12", 13), 4 * HOUR, at(DHAKA, "2025-10-12", 17),
    ),
    "over the Bangladeshi weekend": (
        # Thu 16 Oct 16:00-17:00 counts 1h; Fri 17 and Sat 18 closed; Sun 19 09:00-11:00 2h.
        BD, at(DHAKA, "2025-10-16", 16), 3 * HOUR, at(DHAKA, "2025-10-19", 11),
    ),
    "over the Indian weekend": (
        # Sat 15 Nov (3rd Saturday, open) 17:00-18:00 counts 1h; Sun 16 closed; Mon 17 10:00-11:00.
        IN, at(KOLKATA, "2025-11-15", 17), 2 * HOUR, at(KOLKATA, "2025-11-17", 11),
    ),
    "over a 2nd Saturday": (
        # Fri 10 Oct 17:00-18:00 counts 1h; Sat 11 (2nd Saturday) and Sun 12 closed; Mon 13
        # 10:00-11:00.
        IN, at(KOLKATA, "2025-10-10", 17), 2 * HOUR, at(KOLKATA, "2025-10-13", 11),
    ),
    "over Victory Day": (
        # Mon 15 Dec 16:00-17:00 counts 1h; Tue 16 Dec Victory Day closed; Wed 17 09:00-10:00.
        BD, at(DHAKA, "2025-12-15", 16), 2 * HOUR, at(DHAKA, "2025-12-17", 10),
    ),
    "over Republic Day and a 4th Saturday": (
        # Fri 23 Jan 2026 17:00-18:00 counts 1h; Sat 24 (4th Saturday), Sun 25, Mon 26 (Republic
        # Day) closed; Tue 27 10:00-11:00.
        IN, at(KOLKATA, "2026-01-23", 17), 2 * HOUR, at(KOLKATA, "2026-01-27", 11),
    ),
    "over Diwali": (
        # Sat 18 Oct (3rd Saturday) 17:00-18:00 counts 1h; Sun 19 closed; Mon 20 Diwali closed;
        # Tue 21 10:00-11:00.
        IN, at(KOLKATA, "2025-10-18", 17), 2 * HOUR, at(KOLKATA, "2025-10-21", 11),
    ),
    "over the firm's own holiday": (
        # Mon 13 Oct 16:00-17:00 counts 1h; Tue 14 foundation day closed; Wed 15 09:00-10:00.
        BD, at(DHAKA, "2025-10-13", 16), 2 * HOUR, at(DHAKA, "2025-10-15", 10),
    ),
    "over the lunch break": (
        # Sun 12 Oct 12:00-13:00 counts 1h; lunch; 14:00-15:00 the other hour.
        SPLIT, at(DHAKA, "2025-10-12", 12), 2 * HOUR, at(DHAKA, "2025-10-12", 15),
    ),
    "morning shift to its end": (
        # Sun 09:00 + 4h → 13:00, the end of the morning shift, not 14:00.
        SPLIT, at(DHAKA, "2025-10-12", 9), 4 * HOUR, at(DHAKA, "2025-10-12", 13),
    ),
    "split shifts over a night": (
        # Sun 17:00-18:00 1h; Mon 09:00-13:00 4h; lunch; 14:00-14:30 the last half hour.
        SPLIT, at(DHAKA, "2025-10-12", 17), 5.5 * HOUR, at(DHAKA, "2025-10-13", 14, 30),
    ),
    "starts before opening": (
        # Sun 07:30 waits for 09:00; 09:00-10:00.
        BD, at(DHAKA, "2025-10-12", 7, 30), HOUR, at(DHAKA, "2025-10-12", 10),
    ),
    "starts after closing": (
        # Sun 19:00 waits for Mon 09:00; 09:00-10:00.
        BD, at(DHAKA, "2025-10-12", 19), HOUR, at(DHAKA, "2025-10-13", 10),
    ),
    "starts on a holiday": (
        # Tue 16 Dec (Victory Day) 11:00 waits for Wed 17 09:00; 09:00-10:00.
        BD, at(DHAKA, "2025-12-16", 11), HOUR, at(DHAKA, "2025-12-17", 10),
    ),
    "starts on the weekend": (
        # Fri 17 Oct 11:00 waits for Sun 19 09:00; 09:00-10:00.
        BD, at(DHAKA, "2025-10-17", 11), HOUR, at(DHAKA, "2025-10-19", 10),
    ),
    "starts during lunch": (
        # Sun 13:30 waits for 14:00; 14:00-14:45.
        SPLIT, at(DHAKA, "2025-10-12", 13, 30), 45 * MINUTE, at(DHAKA, "2025-10-12", 14, 45),
    ),
    "zero duration while open": (
        BD, at(DHAKA, "2025-10-12", 10, 17), ZERO, at(DHAKA, "2025-10-12", 10, 17),
    ),
    "zero duration while closed is the next opening": (
        BD, at(DHAKA, "2025-10-16", 18), ZERO, at(DHAKA, "2025-10-19", 9),
    ),
    "given in UTC, answered in Dhaka": (
        # 04:00 UTC is 10:00 in Dhaka; + 2h → 12:00 Dhaka.
        BD, at(UTC, "2025-10-12", 4), 2 * HOUR, at(DHAKA, "2025-10-12", 12),
    ),
    "30 business days": (
        # 240h = 30 days of 8h from Sun 12 Oct 09:00; no BD holiday until 16 Dec: weeks of
        # Sun-Thu end on 16, 23, 30 Oct, 6, 13, 20 Nov → the 30th day closes Thu 20 Nov 17:00.
        # (The foundation day, Tue 14 Oct, adds one day: Sun 23 Nov 17:00.)
        BD, at(DHAKA, "2025-10-12", 9), 240 * HOUR, at(DHAKA, "2025-11-23", 17),
    ),
    "New York over the spring-forward weekend": (
        # Fri 7 Mar 16:00 EST-17:00 1h; Mon 10 Mar 09:00 EDT-10:00 1h. In UTC: Fri 21:00 → Mon
        # 14:00 (an hour earlier than the wall clock suggests).
        NY, at(NEW_YORK, "2025-03-07", 16), 2 * HOUR, at(UTC, "2025-03-10", 14),
    ),
    "New York over the fall-back weekend": (
        # Fri 31 Oct 16:00 EDT-17:00 1h; Mon 3 Nov 09:00 EST-10:00 1h = 15:00 UTC.
        NY, at(NEW_YORK, "2025-10-31", 16), 2 * HOUR, at(UTC, "2025-11-03", 15),
    ),
    "a 23-hour Sunday": (
        # Sun 9 Mar 00:00 EST (05:00 UTC) is open until Mon 00:00 EDT (04:00 UTC): 23h, so 24h
        # of business time ends Sun 16 Mar 01:00 EDT.
        NY_SUNDAYS, at(NEW_YORK, "2025-03-08", 12), 24 * HOUR, at(NEW_YORK, "2025-03-16", 1),
    ),
    "a 25-hour Sunday": (
        # Sun 2 Nov 00:00 EDT (04:00 UTC) to Mon 00:00 EST (05:00 UTC): 25h; 24h of it end at
        # 23:00 EST (04:00 UTC on Monday).
        NY_SUNDAYS, at(NEW_YORK, "2025-11-02", 0), 24 * HOUR, at(UTC, "2025-11-03", 4),
    ),
}  # fmt: skip


@pytest.mark.parametrize(
    ("calendar", "start", "duration", "due"), HAND_COMPUTED.values(), ids=HAND_COMPUTED
)
def test_due_time_matches_the_hand_computed_timeline(
    calendar: BusinessCalendar,
    start: datetime.datetime,
    duration: datetime.timedelta,
    due: datetime.datetime,
) -> None:
    got = add_business_time(start, duration, calendar)

    assert got == due
    assert got.tzinfo == calendar.tz  # answered on the desk's clock
    assert business_time_between(start, got, calendar) == duration


def test_business_hours_are_wall_clock_times_on_dst_days() -> None:
    # Mon 10 Mar opens at 09:00 EDT = 13:00 UTC, where Fri 7 Mar opened at 09:00 EST = 14:00 UTC.
    friday = add_business_time(at(UTC, "2025-03-07", 12), ZERO, NY)
    monday = add_business_time(at(UTC, "2025-03-10", 12), ZERO, NY)

    assert (friday.astimezone(UTC), monday.astimezone(UTC)) == (
        at(UTC, "2025-03-07", 14),
        at(UTC, "2025-03-10", 13),
    )
    assert (friday.hour, monday.hour) == (9, 9)


def test_dst_sundays_count_23_and_25_hours() -> None:
    spring = business_time_between(
        at(NEW_YORK, "2025-03-09", 0), at(NEW_YORK, "2025-03-10", 0), NY_SUNDAYS
    )
    autumn = business_time_between(
        at(NEW_YORK, "2025-11-02", 0), at(NEW_YORK, "2025-11-03", 0), NY_SUNDAYS
    )

    assert (spring, autumn) == (23 * HOUR, 25 * HOUR)


def test_an_always_open_desk_counts_real_elapsed_time() -> None:
    dhaka = BusinessCalendar("Asia/Dhaka", always_open=True)
    new_york = BusinessCalendar("America/New_York", always_open=True)

    # Fri 17 Oct 22:00 + 5h → Sat 03:00: weekends count.
    assert add_business_time(at(DHAKA, "2025-10-17", 22), 5 * HOUR, dhaka) == at(
        DHAKA, "2025-10-18", 3
    )
    # Sat 8 Mar 22:00 EST + 24h → Sun 9 Mar 23:00 EDT: a day of real time, 25h on the wall clock.
    due = add_business_time(at(NEW_YORK, "2025-03-08", 22), 24 * HOUR, new_york)
    assert (due.day, due.hour, due.utcoffset()) == (9, 23, -4 * HOUR)
    assert business_time_between(at(NEW_YORK, "2025-03-08", 22), due, new_york) == 24 * HOUR


def test_business_time_between_counts_only_open_hours() -> None:
    # Thu 16 Oct 15:00-17:00 2h; weekend; Sun 19 09:00-17:00 8h; Mon 20 09:00-09:30 ½h.
    assert business_time_between(
        at(DHAKA, "2025-10-16", 15), at(DHAKA, "2025-10-20", 9, 30), BD
    ) == (10.5 * HOUR)
    # A range inside one closed stretch, and a reversed one, count nothing.
    assert (
        business_time_between(at(DHAKA, "2025-10-16", 18), at(DHAKA, "2025-10-19", 8), BD) == ZERO
    )
    assert (
        business_time_between(at(DHAKA, "2025-10-19", 12), at(DHAKA, "2025-10-19", 10), BD) == ZERO
    )
    # The lunch break does not count: 12:00-13:00 and 14:00-15:00.
    assert business_time_between(
        at(DHAKA, "2025-10-12", 12), at(DHAKA, "2025-10-12", 15), SPLIT
    ) == (2 * HOUR)


STARTS = {
    "Dhaka split shifts": (SPLIT, at(DHAKA, "2025-10-09", 6)),
    "Bangladesh with holidays": (BD, at(DHAKA, "2025-12-10", 6)),
    "India": (IN, at(KOLKATA, "2026-01-20", 6)),
    "New York, spring forward": (NY, at(NEW_YORK, "2025-03-05", 6)),
    "New York, fall back": (NY, at(NEW_YORK, "2025-10-29", 6)),
    "New York, DST Sundays": (NY_SUNDAYS, at(NEW_YORK, "2025-03-01", 6)),
}
DURATIONS = [ZERO, MINUTE, 59 * MINUTE, 4 * HOUR, 8 * HOUR, 13.5 * HOUR, 24 * HOUR, 240 * HOUR]


@pytest.mark.parametrize(("calendar", "first"), STARTS.values(), ids=STARTS)
def test_business_time_between_undoes_add_business_time(
    calendar: BusinessCalendar, first: datetime.datetime
) -> None:
    # Starts every 3h37m over ten days hit openings, closings, lunches, nights and weekends.
    starts = [first + n * datetime.timedelta(hours=3, minutes=37) for n in range(67)]
    for start, duration in itertools.product(starts, DURATIONS):
        due = add_business_time(start, duration, calendar)
        assert business_time_between(start, due, calendar) == duration, (start, duration)
        assert due >= start


# Pauses, on the Bangladesh calendar, in the quiet week of Sunday 12 October 2025 (open
# 09:00-17:00 Sunday, Monday, Wednesday, Thursday; Tuesday 14 is the foundation day).
SUN, MON = "2025-10-12", "2025-10-13"
OPENED = at(DHAKA, SUN, 9)


def test_one_pause_pushes_the_due_time_back() -> None:
    pauses: list[Pause] = [(at(DHAKA, SUN, 11), at(DHAKA, SUN, 13))]

    # 09:00-11:00 2h; paused 11:00-13:00; 13:00-17:00 4h; Mon 09:00-11:00 the last 2h.
    assert due_with_pauses(OPENED, 8 * HOUR, BD, pauses) == at(DHAKA, MON, 11)
    assert elapsed_with_pauses(OPENED, at(DHAKA, SUN, 17), BD, pauses) == 6 * HOUR


def test_several_pauses_including_one_over_a_night() -> None:
    pauses: list[Pause] = [
        (at(DHAKA, SUN, 15), at(DHAKA, MON, 10)),
        (at(DHAKA, SUN, 10), at(DHAKA, SUN, 11)),
    ]

    # 09:00-10:00 1h; paused; 11:00-15:00 4h; paused until Mon 10:00; 10:00-13:00 the last 3h.
    assert due_with_pauses(OPENED, 8 * HOUR, BD, pauses) == at(DHAKA, MON, 13)
    # By Mon 12:00: 1h + 4h + Mon 10:00-12:00 2h.
    assert elapsed_with_pauses(OPENED, at(DHAKA, MON, 12), BD, pauses) == 7 * HOUR


def test_overlapping_pauses_are_counted_once() -> None:
    pauses: list[Pause] = [
        (at(DHAKA, SUN, 12), at(DHAKA, SUN, 14)),
        (at(DHAKA, SUN, 10), at(DHAKA, SUN, 13)),
        (at(DHAKA, SUN, 11), at(DHAKA, SUN, 12)),
    ]

    # Merged: paused 10:00-14:00. 09:00-10:00 1h; 14:00-17:00 3h.
    assert merge_pauses(pauses) == [(at(DHAKA, SUN, 10), at(DHAKA, SUN, 14))]
    assert due_with_pauses(OPENED, 4 * HOUR, BD, pauses) == at(DHAKA, SUN, 17)
    assert elapsed_with_pauses(OPENED, at(DHAKA, SUN, 17), BD, pauses) == 4 * HOUR


def test_touching_pauses_merge() -> None:
    pauses: list[Pause] = [
        (at(DHAKA, SUN, 11), at(DHAKA, SUN, 12)),
        (at(DHAKA, SUN, 10), at(DHAKA, SUN, 11)),
    ]

    assert merge_pauses(pauses) == [(at(DHAKA, SUN, 10), at(DHAKA, SUN, 12))]


def test_a_target_reached_as_a_pause_begins_is_due_then() -> None:
    # 09:00-11:00 is the whole 2h target; the pause from 11:00 comes too late to move it.
    assert due_with_pauses(OPENED, 2 * HOUR, BD, [(at(DHAKA, SUN, 11), at(DHAKA, SUN, 13))]) == (
        at(DHAKA, SUN, 11)
    )
    assert due_with_pauses(OPENED, 2 * HOUR, BD, [(at(DHAKA, SUN, 11), None)]) == at(DHAKA, SUN, 11)


def test_a_pause_begun_before_the_ticket_counts_from_the_ticket_on() -> None:
    pauses: list[Pause] = [(at(DHAKA, "2025-10-11", 12), at(DHAKA, SUN, 10))]

    # Paused until 10:00; 10:00-12:00.
    assert due_with_pauses(OPENED, 2 * HOUR, BD, pauses) == at(DHAKA, SUN, 12)
    assert elapsed_with_pauses(OPENED, at(DHAKA, SUN, 12), BD, pauses) == 2 * HOUR


def test_a_running_pause_stops_the_clock() -> None:
    pauses: list[Pause] = [
        (at(DHAKA, SUN, 11), None),
        (at(DHAKA, SUN, 15), at(DHAKA, SUN, 16)),  # inside the running pause: swallowed
    ]

    assert merge_pauses(pauses) == [(at(DHAKA, SUN, 11), None)]
    # 09:00-11:00 counted, then nothing: no due time while waiting on the client.
    assert due_with_pauses(OPENED, 8 * HOUR, BD, pauses) is None
    assert elapsed_with_pauses(OPENED, at(DHAKA, MON, 12), BD, pauses) == 2 * HOUR


def test_a_target_missed_before_the_pause_keeps_its_due_time() -> None:
    # 1h was due at 10:00; the pause from 11:00 does not hide the breach.
    pauses: list[Pause] = [(at(DHAKA, SUN, 11), None)]

    assert due_with_pauses(OPENED, HOUR, BD, pauses) == at(DHAKA, SUN, 10)


def test_without_pauses_the_due_time_is_plain_business_time() -> None:
    assert due_with_pauses(OPENED, 8 * HOUR, BD, []) == at(DHAKA, SUN, 17)
    assert elapsed_with_pauses(OPENED, at(DHAKA, MON, 10), BD, []) == 9 * HOUR


def test_a_pause_ending_before_it_begins_is_refused() -> None:
    with pytest.raises(ValueError, match="before it begins"):
        merge_pauses([(at(DHAKA, SUN, 12), at(DHAKA, SUN, 11))])


def test_for_country_takes_the_weekend_zone_and_holidays_of_the_country() -> None:
    bangladesh = BusinessCalendar.for_country("BD", years=[2025])

    assert bangladesh.zone == "Asia/Dhaka"
    assert [bool(day) for day in bangladesh.hours] == [True, True, True, True, False, False, True]
    assert bangladesh.hours[SUNDAY] == (NINE_TO_FIVE,)
    assert datetime.date(2025, 12, 16) in bangladesh.holidays  # Victory Day
    assert datetime.date(2025, 3, 26) in bangladesh.holidays  # Independence Day
    assert datetime.date(2026, 12, 16) not in bangladesh.holidays  # only the years asked for


WEEKDAYS = {day: [NINE_TO_FIVE] for day in MON_TO_FRI}
BAD_CALENDARS: dict[str, tuple[str, dict[str, object]]] = {
    "crosses midnight": (
        "Monday: 22:00-06:00 ends before it starts; working hours may not cross midnight",
        {"hours": weekly_hours({MONDAY: [(t(22), t(6))]})},
    ),
    "empty interval": (
        "Monday: 09:00-09:00 ends before it starts",
        {"hours": weekly_hours({MONDAY: [(t(9), t(9))]})},
    ),
    "overlapping intervals": (
        "Monday: working hours overlap at 12:00",
        {"hours": weekly_hours({MONDAY: [(t(9), t(13)), (t(12), t(17))]})},
    ),
    "six weekdays": ("need 7 weekdays", {"hours": weekly_hours(WEEKDAYS)[:6]}),
    "hours in a zone": (
        "wall-clock",
        {"hours": weekly_hours({MONDAY: [(t(9).replace(tzinfo=UTC), t(17).replace(tzinfo=UTC))]})},
    ),
    "unknown zone": (
        "unknown time zone",
        {"zone": "Asia/Atlantis", "hours": weekly_hours(WEEKDAYS)},
    ),
    "always open with hours": (
        "always-open",
        {"always_open": True, "hours": weekly_hours(WEEKDAYS)},
    ),
    "always open with holidays": (
        "always-open",
        {"always_open": True, "holidays": frozenset({FOUNDATION_DAY})},
    ),
}


@pytest.mark.parametrize(("message", "fields"), BAD_CALENDARS.values(), ids=BAD_CALENDARS)
def test_bad_calendars_are_refused(message: str, fields: dict[str, object]) -> None:
    with pytest.raises(ValueError, match=message):
        BusinessCalendar(**{"zone": "Asia/Dhaka", **fields})  # type: ignore[arg-type]


def test_weekdays_are_numbered_0_to_6() -> None:
    with pytest.raises(ValueError, match="0 \\(Monday\\) to 6"):
        weekly_hours({7: [NINE_TO_FIVE]})


def test_for_country_refuses_what_it_cannot_know() -> None:
    with pytest.raises(ValueError, match="no public holidays known"):
        BusinessCalendar.for_country("XX", years=[2025], zone="UTC")
    with pytest.raises(ValueError, match="several time zones"):
        BusinessCalendar.for_country("US", years=[2025])


def test_a_calendar_that_never_opens_refuses_to_add_time() -> None:
    closed = BusinessCalendar("Asia/Dhaka", weekly_hours({}))

    with pytest.raises(ValueError, match="no working hours"):
        add_business_time(OPENED, HOUR, closed)
    # Measuring is still fine: nothing was open.
    assert business_time_between(OPENED, at(DHAKA, MON, 9), closed) == ZERO


def test_holidays_covering_every_working_day_for_years_give_up() -> None:
    # Open only on Mondays, and every Monday for ten years is a holiday.
    mondays = frozenset(
        datetime.date(2025, 10, 13) + datetime.timedelta(weeks=w) for w in range(530)
    )
    calendar = BusinessCalendar("Asia/Dhaka", weekly_hours({MONDAY: [NINE_TO_FIVE]}), mondays)

    with pytest.raises(ValueError, match="does not open within"):
        add_business_time(OPENED, HOUR, calendar)


def test_naive_times_and_negative_durations_are_refused() -> None:
    naive = datetime.datetime(2025, 10, 12, 9)  # noqa: DTZ001 - the very mistake under test
    with pytest.raises(ValueError, match="aware"):
        add_business_time(naive, HOUR, BD)
    with pytest.raises(ValueError, match="aware"):
        business_time_between(OPENED, naive, BD)
    with pytest.raises(ValueError, match="negative"):
        add_business_time(OPENED, -HOUR, BD)
