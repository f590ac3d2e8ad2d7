"""Typed values from the text of a cell: numbers, amounts, dates, yes/no, custom-field values.

Spreadsheets write numbers with thousands separators in any grouping ("1,25,000.50" in South
Asia), currencies with a symbol, dates in many orders. What can only be read one way is read;
an ambiguous date (03/04/2026) is refused with a request for YYYY-MM-DD rather than guessed.
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from sampark.customfields.models import CustomField, FieldKind
from sampark.imports.cells import split_tags

_YES = frozenset({"yes", "y", "true", "t", "1", "x", "✓", "হ্যাঁ", "হাঁ", "হ্যা", "हाँ", "हां", "ha"})
_NO = frozenset({"no", "n", "false", "f", "0", "না", "नहीं", "नही"})
# Currency signs and codes around an amount, and the spaces of any grouping.
_MONEY_NOISE = re.compile(r"[৳₹$€£¥\s\u00a0]|\b(?:BDT|INR|USD|EUR|GBP|Tk\.?|Rs\.?)\b", re.I)
_DATE_PARTS = re.compile(r"^(\d{1,4})[/.\-](\d{1,2})[/.\-](\d{1,4})$")
_DIGITS = str.maketrans("০১২৩৪৫৬৭৮৯०१२३४५६७८९", "01234567890123456789")
# A time of day after a date: 14:10, 14:10:05, 2:10 PM.
_TIME = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]\.?m\.?)?$", re.I)
# A duration as a clock shows it (1:30, 01:00:00) or in units (1h 30m, 90 min, ১ ঘণ্টা).
_CLOCK = re.compile(r"^(?:(\d+):)?(\d+):(\d{1,2})$")
_DURATION_PART = re.compile(r"(\d+(?:\.\d+)?)\s*([^\d\s.,]+)\.?")
_UNIT_SECONDS = {
    **dict.fromkeys(("h", "hr", "hrs", "hour", "hours", "ঘণ্টা", "ঘন্টা", "घंटा", "घंटे"), 3600),
    **dict.fromkeys(("m", "min", "mins", "minute", "minutes", "মিনিট", "मिनट"), 60),
    **dict.fromkeys(("s", "sec", "secs", "second", "seconds", "সেকেন্ড", "सेकंड"), 1),
}


def number(text: str) -> Decimal:
    """A number written with any grouping, Bengali or Devanagari digits, a currency sign, or
    a leading minus or accounting brackets for a negative amount."""
    raw = _MONEY_NOISE.sub("", text.translate(_DIGITS))
    negative = raw.startswith("(") and raw.endswith(")")
    raw = raw.strip("()").replace(",", "")
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise ValidationError(_("“%(text)s” is not a number.") % {"text": text}) from None
    if not value.is_finite():
        raise ValidationError(_("“%(text)s” is not a number.") % {"text": text})
    return -value if negative else value


def boolean(text: str) -> bool:
    folded = text.strip().casefold()
    if folded in _YES:
        return True
    if folded in _NO:
        return False
    raise ValidationError(_("“%(text)s” is not yes or no.") % {"text": text})


def date(text: str) -> datetime.date:
    """ISO 8601, or day, month and year in an order only one reading makes a date of."""
    raw = text.strip().translate(_DIGITS)
    try:
        return datetime.date.fromisoformat(raw[:10])
    except ValueError:
        pass
    try:
        return datetime.datetime.fromisoformat(raw).date()
    except ValueError:
        pass
    match = _DATE_PARTS.match(raw)
    if match:
        a, b, c = (int(part) for part in match.groups())
        readings = {
            reading
            for reading in (_ymd(a, b, c), _ymd(c, b, a), _ymd(c, a, b))
            if reading is not None
        }
        if len(readings) == 1:
            return readings.pop()
        if len(readings) > 1:
            raise ValidationError(
                _("“%(text)s” could be more than one date: write it as YYYY-MM-DD.")
                % {"text": text}
            )
    raise ValidationError(_("“%(text)s” is not a date; write it as YYYY-MM-DD.") % {"text": text})


def moment(text: str, zone: datetime.tzinfo) -> datetime.datetime:
    """A point in time: ISO 8601 with or without its offset, or a date ``date`` reads with an
    optional time of day after it. Without an offset it is a time in ``zone`` (the importer's);
    a date alone is its midnight there."""
    raw = " ".join(text.strip().translate(_DIGITS).split())
    try:
        found = datetime.datetime.fromisoformat(raw)
    except ValueError:
        day_text, _sep, time_text = raw.partition(" ")
        found = datetime.datetime.combine(date(day_text), _time_of_day(time_text, text))
    if timezone.is_naive(found):
        found = timezone.make_aware(found, zone)
    return found


def _time_of_day(text: str, whole: str) -> datetime.time:
    if not text:
        return datetime.time()
    match = _TIME.match(text)
    if match:
        hour, minute, second = (int(part or 0) for part in match.groups()[:3])
        half = (match.group(4) or "").replace(".", "").lower()
        if half and 1 <= hour <= 12:
            hour = hour % 12 + (12 if half == "pm" else 0)
        if hour < 24 and minute < 60 and second < 60:
            return datetime.time(hour, minute, second)
    raise ValidationError(
        _("“%(text)s” is not a date and time; write it as YYYY-MM-DD HH:MM.") % {"text": whole}
    )


def seconds(text: str) -> int:
    """A duration in seconds: a bare number is seconds (as Salesforce's "Call Duration In
    Seconds"); a clock is minutes and seconds (1:30, as a phone shows a call) or hours,
    minutes and seconds (01:00:00); or numbers with units (1h 30m, 90 min, ২ ঘণ্টা)."""
    raw = text.strip().translate(_DIGITS).casefold()
    try:
        if re.fullmatch(r"\d+(?:\.\d+)?", raw):
            return round(Decimal(raw))
        clock = _CLOCK.match(raw)
        if clock:
            hours, minutes, secs = (int(part or 0) for part in clock.groups())
            if secs < 60 and (clock.group(1) is None or minutes < 60):
                return hours * 3600 + minutes * 60 + secs
        parts = _DURATION_PART.findall(raw)
        if parts and _DURATION_PART.sub("", raw).strip(" ,") == "":
            return round(sum(Decimal(n) * _UNIT_SECONDS[unit] for n, unit in parts))
    except KeyError:
        pass  # a unit we do not know
    raise ValidationError(
        _("“%(text)s” is not a duration; write it as 90 (seconds), 1:30 or 1h 30m.")
        % {"text": text}
    )


def _ymd(year: int, month: int, day: int) -> datetime.date | None:
    if year < 1000:
        return None
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def custom(field: CustomField, cells: list[str]) -> Any:
    """A custom field's value as ``sampark.customfields`` checks it, from its cells' text."""
    text = "; ".join(cells).strip()
    if not text:
        return None
    match field.kind:
        case FieldKind.NUMBER | FieldKind.MONEY:
            return str(number(text))
        case FieldKind.BOOLEAN:
            return boolean(text)
        case FieldKind.DATE:
            return date(text).isoformat()
        case FieldKind.CHOICE:
            return _option(field, text)
        case FieldKind.MULTI_CHOICE:
            return [_option(field, item) for item in split_tags(text)]
    return text


def _option(field: CustomField, text: str) -> str:
    """An option by its key or its label, in any case: files carry what people read."""
    folded = text.casefold()
    for option in field.options:
        if folded in (str(option["key"]).casefold(), str(option["label"]).casefold()):
            return str(option["key"])
    return text  # not an option: the field's own check says so, naming the options
