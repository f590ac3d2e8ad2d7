"""Phone numbers typed any way end up as one E.164 number."""

from __future__ import annotations

import pytest

from sampark.lib.phones import InvalidPhone, national_digits, region_of, time_zone_of, to_e164


@pytest.mark.parametrize(
    ("typed", "country", "e164"),
    [
        # Bangladesh: a Grameenphone mobile, local and international, with any punctuation.
        ("01711-000001", "BD", "+8801711000001"),
        ("01711 000001", "BD", "+8801711000001"),
        ("+880 1711 000001", None, "+8801711000001"),
        ("+8801711000001", "IN", "+8801711000001"),  # an international number ignores the country
        ("008801711000001", None, "+8801711000001"),
        # India: a Kolkata mobile and a Mumbai landline.
        ("098300 00006", "IN", "+919830000006"),
        ("9830000006", "IN", "+919830000006"),
        ("+91 98300 00006", None, "+919830000006"),
        ("022 2266 0000", "IN", "+912222660000"),
        # United States.
        ("(415) 555-2671", "US", "+14155552671"),
        ("415.555.2671", "us", "+14155552671"),
        ("+1 415 555 2671", None, "+14155552671"),
    ],
)
def test_every_way_of_typing_a_number_gives_its_e164_form(typed, country, e164):  # type: ignore[no-untyped-def]
    assert to_e164(typed, country) == e164


@pytest.mark.parametrize(
    ("typed", "country", "message"),
    [
        ("12345", "BD", "not a valid phone number"),
        ("+880 1711", None, "not a valid phone number"),
        ("call me", "IN", "not a phone number"),
        ("01711000001", None, "country code"),
    ],
)
def test_impossible_numbers_are_refused_with_a_reason(typed, country, message):  # type: ignore[no-untyped-def]
    with pytest.raises(InvalidPhone, match=message):
        to_e164(typed, country)


def test_national_digits_region_and_time_zone():  # type: ignore[no-untyped-def]
    assert national_digits("+8801711000001") == "01711000001"
    assert region_of("+919830000006") == "IN"
    assert time_zone_of("+8801711000001") == "Asia/Dhaka"
    assert time_zone_of("+919830000006") == "Asia/Kolkata"  # not the old Asia/Calcutta


def test_a_country_with_several_zones_gives_none_unless_the_number_tells():  # type: ignore[no-untyped-def]
    from sampark.lib.timezones import guess_time_zone, zone_for_country

    assert zone_for_country("BD") == "Asia/Dhaka"
    assert zone_for_country("US") is None
    assert guess_time_zone(country="US", phone="+14155552671") == "America/Los_Angeles"
    assert guess_time_zone(country="", phone="") is None
