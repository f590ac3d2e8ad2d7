"""Numbers, money and dates written the way each UI language writes them (via Babel/CLDR).

Bengali uses Bengali digits (১২৩) and, like Hindi and Indian English, lakh/crore grouping
(12,34,567). The UI language maps to a CLDR locale here, in one place.
"""

from __future__ import annotations

import datetime
import functools
import zoneinfo
from decimal import Decimal

from babel import Locale, dates, numbers
from django.utils import timezone, translation

# The UI languages and the CLDR locale whose conventions they follow. English follows Indian
# English: lakh grouping and day-month-year dates, which is what our first users expect.
CLDR_LOCALES = {"en": "en_IN", "bn": "bn_BD", "hi": "hi_IN"}


def cldr_locale(language: str | None = None) -> str:
    language = (language or translation.get_language() or "en").split("-")[0]
    return CLDR_LOCALES.get(language, "en_IN")


# Babel formats with Latin digits; these are the digits of the numbering systems a locale may
# default to in CLDR (Bengali's is "beng"; Hindi's is "latn", so Hindi keeps 0-9).
_DIGITS = {"beng": "০১২৩৪৫৬৭৮৯", "deva": "०१२३४५६७८९"}


@functools.cache
def _locale(name: str) -> Locale:
    """Parsed once: Babel parses a locale's name on every call otherwise, which a page of 50
    rows with a few dates and numbers each pays for hundreds of times."""
    return Locale.parse(name)


@functools.cache
def _digit_table(locale: str) -> dict[int, int] | None:
    digits = _DIGITS.get(_locale(locale).default_numbering_system)
    return str.maketrans("0123456789", digits) if digits else None


def native_digits(text: str, locale: str) -> str:
    table = _digit_table(locale)
    return text.translate(table) if table else text


def format_number(value: int | float | Decimal, language: str | None = None) -> str:
    locale = cldr_locale(language)
    return native_digits(numbers.format_decimal(value, locale=_locale(locale)), locale)


def format_percent(share: float, language: str | None = None) -> str:
    """``share`` (0.625) as a percentage (62%, ৬২%), rounded to whole percent."""
    locale = cldr_locale(language)
    formatted = numbers.format_percent(share, "#,##0%", locale=_locale(locale))
    return native_digits(formatted, locale)


def format_money(value: Decimal | int | float, currency: str, language: str | None = None) -> str:
    locale = cldr_locale(language)
    return native_digits(numbers.format_currency(value, currency, locale=_locale(locale)), locale)


def format_date(value: datetime.date, style: str = "medium", language: str | None = None) -> str:
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        value = value.date()
    locale = cldr_locale(language)
    return native_digits(dates.format_date(value, format=style, locale=_locale(locale)), locale)


def format_datetime(
    value: datetime.datetime, style: str = "medium", language: str | None = None
) -> str:
    """In the active time zone (the user's), e.g. '23 Nov 2026, 6:56:10 pm'."""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    locale = cldr_locale(language)
    return native_digits(dates.format_datetime(local, format=style, locale=_locale(locale)), locale)


def format_time_in(value: datetime.datetime, zone: str, language: str | None = None) -> str:
    """The time of day at ``value`` in another time zone (a client's): '7:40 pm'."""
    locale = cldr_locale(language)
    local = value.astimezone(zoneinfo.ZoneInfo(zone))
    return native_digits(dates.format_time(local, format="short", locale=_locale(locale)), locale)


def country_name(code: str, language: str | None = None) -> str:
    """``BD`` → 'Bangladesh' / 'বাংলাদেশ' / 'बांग्लादेश'; the code itself if unknown."""
    if not code:
        return ""
    return str(_locale(cldr_locale(language)).territories.get(code.upper(), code))
