"""How an SLA due time reads: time left, or how long ago it was missed, in the viewer's words."""

from __future__ import annotations

import datetime

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from sampark.lib.locale_format import format_number

register = template.Library()


def _span(delta: datetime.timedelta) -> str:
    minutes = int(abs(delta).total_seconds() // 60)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    if days:
        return _("%(days)s d %(hours)s h") % {
            "days": format_number(days),
            "hours": format_number(hours),
        }
    if hours:
        return _("%(hours)s h %(minutes)s min") % {
            "hours": format_number(hours),
            "minutes": format_number(minutes),
        }
    return _("%(minutes)s min") % {"minutes": format_number(minutes)}


@register.simple_tag
def sla_badge(due: datetime.datetime | None) -> SafeString | str:
    """A badge for the soonest running target: "2 h 10 min left", or "late by 35 min"."""
    if due is None:
        return "—"
    left = due - timezone.now()
    if left.total_seconds() <= 0:
        return format_html(
            '<span class="badge danger">{}</span>', _("late by %(span)s") % {"span": _span(left)}
        )
    style = "warning" if left <= datetime.timedelta(hours=1) else "brand"
    return format_html(
        '<span class="badge {}">{}</span>', style, _("%(span)s left") % {"span": _span(left)}
    )
