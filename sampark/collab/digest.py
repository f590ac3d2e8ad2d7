"""Email digests: one message per person with their unread notifications not yet emailed.

Each person chooses never, hourly or daily (``DigestPreference``; daily without one). The hourly
task sends the hourly digests on every run, and a daily digest on the first run at or after
08:00 in the person's own time zone, once per local day. A digest is written in the person's
language, with times in their time zone.

The notifications are claimed (``emailed_at`` set) in a short transaction before the mail is
sent, and released again if sending fails, so a slow mail server never holds the database and
a second run, even a concurrent one, never sends them twice.
"""

from __future__ import annotations

import datetime
import logging
import zoneinfo
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import ngettext

from sampark.collab.models import DigestFrequency, DigestPreference, Notification
from sampark.core.models import User
from sampark.lib.locale_format import format_number

logger = logging.getLogger("sampark.collab")

DAILY_AT = datetime.time(8, 0)
MAX_ITEMS = 50  # listed in one email; the rest are counted, and all are on the site


def is_due(
    frequency: str, last_sent_at: datetime.datetime | None, now: datetime.datetime, zone: str
) -> bool:
    if frequency == DigestFrequency.HOURLY:
        return True
    if frequency != DigestFrequency.DAILY:
        return False
    try:
        tz = zoneinfo.ZoneInfo(zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        tz = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    local = now.astimezone(tz)
    if local.time() < DAILY_AT:
        return False
    return last_sent_at is None or last_sent_at.astimezone(tz).date() < local.date()


@dataclass(frozen=True)
class Item:
    notification: Notification
    link: str


def _absolute(url: str) -> str:
    if url.startswith("/"):
        return f"{settings.SAMPARK_SITE_URL}{url}"
    return url if url.startswith(("http://", "https://")) else ""


def _message(user: User, notifications: list[Notification]) -> EmailMultiAlternatives:
    shown = notifications[:MAX_ITEMS]
    context = {
        "user": user,
        "items": [Item(n, _absolute(n.url)) for n in shown],
        "more": len(notifications) - len(shown),
        "inbox_url": _absolute(reverse("collab:notifications")),
        "settings_url": _absolute(reverse("profile")),
    }
    subject = ngettext(
        "Sampark: %(count)s new notification",
        "Sampark: %(count)s new notifications",
        len(notifications),
    ) % {"count": format_number(len(notifications))}
    text = render_to_string("collab/digest/email.txt", context)
    html = render_to_string("collab/digest/email.html", context)
    message = EmailMultiAlternatives(subject, text, to=[user.email])
    message.attach_alternative(html, "text/html")
    return message


def send_digest(user: User, now: datetime.datetime) -> bool:
    """Email ``user`` their undigested notifications; False if there were none to send."""
    pending = Notification.objects.for_user(user).undigested().filter(created_at__lte=now)
    with transaction.atomic():
        ids = list(pending.values_list("pk", flat=True))
        # Only rows still unclaimed: a concurrent run that got there first keeps its own.
        claimed = pending.filter(pk__in=ids).update(emailed_at=now)
    if not claimed:
        return False
    mine = Notification.objects.filter(pk__in=ids, emailed_at=now)
    notifications = list(mine.order_by("-created_at", "-id"))
    try:
        with translation.override(user.language or None), timezone.override(user.time_zone):
            _message(user, notifications).send()
    except Exception:
        # Released, so the next run tries again; the error is logged, not raised, so the other
        # people's digests still go out.
        mine.update(emailed_at=None)
        logger.exception("Could not send the email digest to user %s", user.pk)
        return False
    DigestPreference.objects.update_or_create(user=user, defaults={"last_sent_at": now})
    return True


def send_digests(now: datetime.datetime | None = None) -> int:
    """Send every digest that is due; returns how many emails went out."""
    now = now or timezone.now()
    waiting = (
        Notification.objects.undigested()
        .filter(created_at__lte=now)
        .values_list("recipient_id", flat=True)
        .distinct()
    )
    preferences = {p.user_id: p for p in DigestPreference.objects.filter(user_id__in=waiting)}
    sent = 0
    for user in User.objects.filter(pk__in=waiting, is_active=True).exclude(email=""):
        preference = preferences.get(user.pk)
        frequency = preference.frequency if preference else DigestFrequency.DAILY
        last_sent_at = preference.last_sent_at if preference else None
        if is_due(frequency, last_sent_at, now, user.time_zone) and send_digest(user, now):
            sent += 1
    return sent
