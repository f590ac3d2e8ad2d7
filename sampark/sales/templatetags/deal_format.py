"""Template filters for deals: ``{{ change.seconds_in_previous|time_in_stage }}`` ("3 days")."""

from __future__ import annotations

import datetime

from babel import dates
from django import template

from sampark.lib.locale_format import cldr_locale, native_digits

register = template.Library()


@register.filter
def time_in_stage(seconds: int | None) -> str:
    """A time spent in a stage as people say it, in the UI language: "3 days", "5 hours"."""
    if seconds is None:
        return ""
    locale = cldr_locale()
    text = dates.format_timedelta(datetime.timedelta(seconds=seconds), threshold=2, locale=locale)
    return native_digits(text, locale)
