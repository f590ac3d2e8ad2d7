from __future__ import annotations

import pytest

from sampark.lib.workweek import FRIDAY, SATURDAY, SUNDAY, country_of_zone, is_working_day, weekend


@pytest.mark.parametrize(
    ("country", "days"),
    [
        ("BD", {FRIDAY, SATURDAY}),
        ("bd", {FRIDAY, SATURDAY}),
        ("SA", {FRIDAY, SATURDAY}),
        ("IN", {SATURDAY, SUNDAY}),
        ("GB", {SATURDAY, SUNDAY}),
        ("", {SATURDAY, SUNDAY}),
    ],
)
def test_each_country_has_its_weekend(country, days):  # type: ignore[no-untyped-def]
    assert weekend(country) == days


def test_sunday_is_a_working_day_in_bangladesh_and_friday_is_not():
    assert is_working_day("BD", SUNDAY)
    assert not is_working_day("BD", FRIDAY)


@pytest.mark.parametrize(
    ("zone", "country"),
    [
        ("Asia/Dhaka", "BD"),
        ("Asia/Kolkata", "IN"),
        ("Asia/Calcutta", "IN"),
        ("Europe/London", "GB"),
        ("America/New_York", "US"),
        ("UTC", ""),
        ("Etc/GMT+5", ""),
        ("Nowhere/Atlantis", ""),
    ],
)
def test_a_time_zone_names_its_country(zone, country):  # type: ignore[no-untyped-def]
    assert country_of_zone(zone) == country
