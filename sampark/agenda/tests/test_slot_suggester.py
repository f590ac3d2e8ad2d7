"""Meeting slots inside both sides' working hours, weekends and holidays, around other meetings."""

from __future__ import annotations

import datetime
import zoneinfo

import pytest
from django.utils import translation

from sampark.agenda.slots import suggest_slots
from sampark.agenda.tests.factories import utc
from sampark.contacts.models import ActivityKind
from sampark.contacts.tests.activity_factories import ActivityFactory
from sampark.contacts.tests.factories import ContactFactory

LONG_AGO = utc(2020, 1, 1)
HALF_HOUR = datetime.timedelta(minutes=30)


def local(slot_time: datetime.datetime, zone: str) -> datetime.datetime:
    return slot_time.astimezone(zoneinfo.ZoneInfo(zone))


def suggest(user, contact, start, days=7, duration=HALF_HOUR):  # type: ignore[no-untyped-def]
    with translation.override("en"):
        return suggest_slots(
            user, contact, duration=duration, start_date=start, days=days, count=500, now=LONG_AGO
        )


@pytest.fixture
def adviser(people):  # type: ignore[no-untyped-def]
    user = people["agent"]
    user.time_zone = "Asia/Dhaka"
    return user


def test_a_bangladeshi_client_gets_no_friday_saturday_and_no_victory_day(adviser):  # type: ignore[no-untyped-def]
    client = ContactFactory(owner=adviser, country="BD", time_zone="Asia/Dhaka")

    found = suggest(adviser, client, datetime.date(2026, 12, 14))  # Monday to Sunday

    days = {local(s.starts_at, "Asia/Dhaka").date().day for s in found.slots}
    assert days == {14, 15, 17}  # not 16 (Victory Day), 18-19 (their weekend), 20 (the user's)
    assert [(h.date, h.name) for h in found.skipped_holidays] == [
        (datetime.date(2026, 12, 16), "Victory Day")
    ]
    for slot in found.slots:
        start, end = local(slot.starts_at, "Asia/Dhaka"), local(slot.ends_at, "Asia/Dhaka")
        assert start.time() >= datetime.time(9)
        assert end.time() <= datetime.time(17)
    assert len(found.slots) == 3 * 16  # every half hour from 09:00 to 16:30, three days


def test_dhaka_and_london_meet_in_the_dhaka_afternoon(adviser):  # type: ignore[no-untyped-def]
    client = ContactFactory(owner=adviser, country="GB", time_zone="Europe/London")

    found = suggest(adviser, client, datetime.date(2026, 1, 12), days=1)  # a Monday in winter

    starts = [local(s.starts_at, "Asia/Dhaka").strftime("%H:%M") for s in found.slots]
    assert starts == ["15:00", "15:30", "16:00", "16:30"]  # 09:00-11:00 in London
    assert local(found.slots[0].starts_at, "Europe/London").strftime("%H:%M") == "09:00"
    assert found.contact_zone == "Europe/London"


def test_dhaka_and_new_york_working_hours_never_meet(adviser):  # type: ignore[no-untyped-def]
    client = ContactFactory(owner=adviser, country="US", time_zone="America/New_York")

    assert suggest(adviser, client, datetime.date(2026, 1, 12)).slots == []


def test_london_and_new_york_meet_in_the_london_afternoon(people):  # type: ignore[no-untyped-def]
    user = people["agent"]
    user.time_zone = "Europe/London"
    client = ContactFactory(owner=user, country="US", time_zone="America/New_York")

    found = suggest(user, client, datetime.date(2026, 1, 13), days=1)  # a Tuesday

    starts = [local(s.starts_at, "Europe/London").strftime("%H:%M") for s in found.slots]
    assert starts == ["14:00", "14:30", "15:00", "15:30", "16:00", "16:30"]


def test_a_slot_overlapping_one_of_the_users_meetings_is_skipped(adviser):  # type: ignore[no-untyped-def]
    client = ContactFactory(owner=adviser, country="GB", time_zone="Europe/London")
    # 15:30-16:15 in Dhaka on Monday 12 January.
    ActivityFactory(
        owner=adviser,
        contact=client,
        kind=ActivityKind.MEETING,
        starts_at=utc(2026, 1, 12, 9, 30),
        ends_at=utc(2026, 1, 12, 10, 15),
    )

    found = suggest(adviser, client, datetime.date(2026, 1, 12), days=1)

    starts = [local(s.starts_at, "Asia/Dhaka").strftime("%H:%M") for s in found.slots]
    assert starts == ["15:00", "16:30"]


def test_an_indian_client_may_meet_on_friday(adviser):  # type: ignore[no-untyped-def]
    client = ContactFactory(owner=adviser, country="IN", time_zone="Asia/Kolkata")

    found = suggest(adviser, client, datetime.date(2026, 1, 16), days=1)  # a Friday

    assert found.slots  # Friday is a working day in India, and for the user (Monday-Friday)
    assert all(local(s.starts_at, "Asia/Kolkata").time() >= datetime.time(9) for s in found.slots)


def test_a_contact_without_a_time_zone_is_taken_to_be_in_the_users(adviser):  # type: ignore[no-untyped-def]
    client = ContactFactory(owner=adviser, country="", time_zone="")

    found = suggest(adviser, client, datetime.date(2026, 1, 12), days=1)

    assert not found.contact_zone_known
    assert found.contact_zone == "Asia/Dhaka"
    assert len(found.slots) == 16


def test_times_already_past_are_not_offered(adviser):  # type: ignore[no-untyped-def]
    client = ContactFactory(owner=adviser, country="BD", time_zone="Asia/Dhaka")
    now = utc(2026, 1, 12, 10)  # 16:00 in Dhaka

    found = suggest_slots(adviser, client, start_date=datetime.date(2026, 1, 12), days=1, now=now)

    assert [local(s.starts_at, "Asia/Dhaka").strftime("%H:%M") for s in found.slots] == [
        "16:00",
        "16:30",
    ]


def test_holiday_names_follow_the_ui_language(adviser):  # type: ignore[no-untyped-def]
    client = ContactFactory(owner=adviser, country="BD", time_zone="Asia/Dhaka")

    with translation.override("bn"):
        found = suggest_slots(
            adviser, client, start_date=datetime.date(2026, 12, 14), days=7, now=LONG_AGO
        )

    assert [h.name for h in found.skipped_holidays] == ["বিজয় দিবস"]
