"""Phone numbers in E.164, whatever way people type them.

"01711-000001" typed for a Bangladeshi client, "+880 1711 000001" and "008801711000001" are one
number: +8801711000001. A number without a country code is read in the contact's country.
"""

from __future__ import annotations

import functools

import phonenumbers
from django.utils.translation import gettext as _
from phonenumbers import timezone as phone_timezones

# libphonenumber still answers with a few pre-2013 zone names.
_CURRENT_ZONE_NAMES = {"Asia/Calcutta": "Asia/Kolkata", "Asia/Katmandu": "Asia/Kathmandu"}


class InvalidPhone(ValueError):
    pass


# Parsing is the costliest step of an import's row and a number is read more than once on its
# way in (matched, stored, indexed). Errors are not cached, so their messages stay in the
# language of whoever asks.
@functools.lru_cache(maxsize=4096)
def to_e164(raw: str, region: str | None = None) -> str:
    """The number in E.164 (``+8801711000001``); ``region`` (ISO country) reads local numbers."""
    text = raw.strip()
    if text.startswith("00"):
        text = "+" + text[2:]
    try:
        number = phonenumbers.parse(text, (region or "").upper() or None)
    except phonenumbers.NumberParseException:
        if not text.startswith("+") and not region:
            raise InvalidPhone(
                _("Add the country code (such as +880 or +91), or set the contact's country.")
            ) from None
        raise InvalidPhone(_("This is not a phone number.")) from None
    if not phonenumbers.is_valid_number(number):
        raise InvalidPhone(_("This is not a valid phone number for its country."))
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


@functools.lru_cache(maxsize=4096)
def national_digits(e164: str) -> str:
    """The number as dialled inside its country, digits only: ``01711000001``."""
    number = phonenumbers.parse(e164)
    national = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return "".join(ch for ch in national if ch.isdigit())


def region_of(e164: str) -> str:
    return phonenumbers.region_code_for_number(phonenumbers.parse(e164)) or ""


@functools.lru_cache(maxsize=4096)
def time_zone_of(e164: str) -> str | None:
    """The number's time zone when it has exactly one (a Dhaka mobile), else None (a US one)."""
    zones = phone_timezones.time_zones_for_number(phonenumbers.parse(e164))
    if len(zones) != 1 or zones[0] == "Etc/Unknown":
        return None
    return _CURRENT_ZONE_NAMES.get(zones[0], zones[0])
