"""Due and meeting times as people read them: "Thu, 12 Mar, 3:30 pm", in a given time zone.

Agendas span zones (an adviser in Dhaka, a client in London), so every time here is shown in a
zone named by the caller rather than the active one.
"""

from __future__ import annotations

import datetime
import zoneinfo

from babel import dates

from sampark.lib.locale_format import cldr_locale, native_digits


def format_when(value: datetime.datetime, zone: str, language: str | None = None) -> str:
    """The weekday, date and time of ``value`` in ``zone``, in the UI language."""
    locale = cldr_locale(language)
    tz = zoneinfo.ZoneInfo(zone)
    day = dates.format_skeleton("MMMEd", value, tzinfo=tz, locale=locale)
    time = dates.format_time(value, format="short", tzinfo=tz, locale=locale)
    return native_digits(f"{day}, {time}", locale)
