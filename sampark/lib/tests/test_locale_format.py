"""Numbers, money and dates follow the UI language's conventions and digits."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone, translation

from sampark.lib.locale_format import format_date, format_datetime, format_money, format_number


def test_bengali_uses_bengali_digits_and_lakh_grouping():
    assert format_number(1234567.5, "bn") == "১২,৩৪,৫৬৭.৫"
    assert format_money(Decimal("1234567.50"), "BDT", "bn") == "১২,৩৪,৫৬৭.৫০৳"


def test_hindi_and_english_use_latin_digits_and_lakh_grouping():
    assert format_number(1234567, "hi") == "12,34,567"
    assert format_money(Decimal("2500"), "INR", "hi") == "₹2,500.00"
    assert format_money(Decimal("2500"), "INR", "en") == "₹2,500.00"


def test_month_names_follow_the_language():
    day = datetime.date(2026, 11, 23)
    assert format_date(day, language="en") == "23 Nov 2026"
    assert format_date(day, language="bn") == "২৩ নভে, ২০২৬"
    assert "नव" in format_date(day, language="hi")


def test_active_language_is_used_when_none_is_given():
    with translation.override("bn"):
        assert format_number(42) == "৪২"


def test_datetimes_are_shown_in_the_active_time_zone():
    moment = datetime.datetime(2026, 11, 23, 18, 0, tzinfo=datetime.UTC)
    with timezone.override("Asia/Kolkata"):
        assert "11:30" in format_datetime(moment, language="en")
    with timezone.override("Asia/Dhaka"):
        assert "12:00" in format_datetime(moment, language="en")
