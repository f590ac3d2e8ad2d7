"""Postal codes, checked lightly: the well-known shape in a few countries, a sane one elsewhere.

This is no address database: "1212" passes for Bangladesh whether or not a post office has it.
It catches the slips people make (a PIN with five digits, a ZIP code in the city field) and
writes the code the way the post office does ("sw1a1aa" → "SW1A 1AA"). Digits typed in Bengali
or Devanagari are read as digits: "১২১২" is 1212.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from django.utils.translation import gettext as _

MAX_LENGTH = 12


class InvalidPostalCode(ValueError):
    pass


def _ascii_digits(text: str) -> str:
    return "".join(
        str(digit) if (digit := unicodedata.decimal(ch, None)) is not None else ch for ch in text
    )


def _bangladesh(code: str) -> str | None:
    return code if re.fullmatch(r"\d{4}", code) else None


def _india(code: str) -> str | None:
    # A PIN is often written "400 001"; the post office writes it in one piece.
    code = code.replace(" ", "")
    return code if re.fullmatch(r"[1-9]\d{5}", code) else None


def _united_states(code: str) -> str | None:
    found = re.fullmatch(r"(\d{5})(?:[- ]?(\d{4}))?", code)
    if not found:
        return None
    return "-".join(part for part in found.groups() if part)


def _united_kingdom(code: str) -> str | None:
    # Outward code (area, district) then inward code (sector, unit), one space between.
    found = re.fullmatch(r"([A-Z]{1,2}\d[A-Z\d]?|GIR)(\d[A-Z]{2})", code.replace(" ", ""))
    if not found or (found.group(1) == "GIR" and found.group(2) != "0AA"):
        return None
    return f"{found.group(1)} {found.group(2)}"


def _anywhere(code: str) -> str | None:
    if len(code) > MAX_LENGTH or not re.fullmatch(r"[A-Z0-9](?:[A-Z0-9 -]*[A-Z0-9])?", code):
        return None
    return code


_RULES: dict[str, tuple[Callable[[str], str | None], Callable[[], str]]] = {
    "BD": (_bangladesh, lambda: _("A postal code in Bangladesh has 4 digits, such as 1212.")),
    "IN": (
        _india,
        lambda: _("A PIN code has 6 digits and does not start with 0, such as 400001."),
    ),
    "US": (_united_states, lambda: _("A ZIP code has 5 digits, or 5 and 4: 10001 or 10001-1234.")),
    "GB": (_united_kingdom, lambda: _("A UK postcode looks like SW1A 1AA or M1 1AE.")),
}


def _anywhere_message() -> str:
    return _("A postal code has up to %(max)d letters and digits (spaces and hyphens between).") % {
        "max": MAX_LENGTH
    }


def normalise_postal_code(raw: str, country: str = "") -> str:
    """The code as the post office of ``country`` (ISO 3166 alpha-2, or empty) writes it; empty
    if ``raw`` is blank. ``InvalidPostalCode`` says what a code there looks like."""
    code = " ".join(_ascii_digits(raw).upper().split())
    if not code:
        return ""
    check, message = _RULES.get(country.upper(), (_anywhere, _anywhere_message))
    normalised = check(code)
    if normalised is None:
        raise InvalidPostalCode(message())
    return normalised
