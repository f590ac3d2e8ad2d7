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
from django.utils.translation import gettext as _

from sampark.customfields.models import CustomField, FieldKind
from sampark.imports.cells import split_tags

_YES = frozenset({"yes", "y", "true", "t", "1", "x", "✓", "হ্যাঁ", "হাঁ", "হ্যা", "हाँ", "हां", "ha"})
_NO = frozenset({"no", "n", "false", "f", "0", "না", "नहीं", "नही"})
# Currency signs and codes around an amount, and the spaces of any grouping.
_MONEY_NOISE = re.compile(r"[৳₹$€£¥\s\u00a0]|\b(?:BDT|INR|USD|EUR|GBP|Tk\.?|Rs\.?)\b", re.I)
_DATE_PARTS = re.compile(r"^(\d{1,4})[/.\-](\d{1,2})[/.\-](\d{1,4})$")
_DIGITS = str.maketrans("০১২৩৪৫৬৭৮৯०१२३४५६७८९", "01234567890123456789")


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
