"""``{{ task.due_at|when }}`` in the viewer's time zone, ``{{ task.due_at|when_in:zone }}`` in
another one (a client's): a weekday, a date and a time of day, as the UI language writes them."""

from __future__ import annotations

import datetime

from django import template
from django.utils import timezone

from sampark.agenda.timefmt import format_when
from sampark.lib.locale_format import format_time_in

register = template.Library()


@register.filter
def when(value: datetime.datetime | None) -> str:
    return "" if value is None else format_when(value, timezone.get_current_timezone_name())


@register.filter
def when_in(value: datetime.datetime | None, zone: str | None) -> str:
    return "" if value is None or not zone else format_when(value, zone)


@register.filter
def clock(value: datetime.datetime | None) -> str:
    """The time of day only, in the viewer's time zone: "4:30 pm"."""
    return "" if value is None else format_time_in(value, timezone.get_current_timezone_name())
