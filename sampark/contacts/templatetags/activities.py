"""Template filters for the interaction timeline: ``{{ activity.duration_seconds|duration }}``."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext as _

from sampark.lib.locale_format import format_number

register = template.Library()


@register.filter
def duration(seconds: int | None) -> str:
    """A call's length as people say it: "45 s", "4 min 30 s", "1 h 5 min"."""
    if seconds is None:
        return ""
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return _("%(hours)s h %(minutes)s min") % {
            "hours": format_number(hours),
            "minutes": format_number(minutes),
        }
    if minutes:
        if not secs:
            return _("%(minutes)s min") % {"minutes": format_number(minutes)}
        return _("%(minutes)s min %(seconds)s s") % {
            "minutes": format_number(minutes),
            "seconds": format_number(secs),
        }
    return _("%(seconds)s s") % {"seconds": format_number(secs)}


@register.filter
def file_size(size: int | None) -> str:
    if size is None:
        return ""
    if size < 1024:
        return _("%(size)s bytes") % {"size": format_number(size)}
    if size < 1024 * 1024:
        return _("%(size)s KB") % {"size": format_number(round(size / 1024))}
    return _("%(size)s MB") % {"size": format_number(round(size / (1024 * 1024), 1))}
