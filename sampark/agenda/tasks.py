"""Background work of the agenda: task reminders, sent by the minute.

``send_due_reminders`` is registered as a periodic task (see ``AgendaConfig.ready``). Each due
reminder is first *claimed* with a conditional UPDATE (``reminded_at`` from NULL to now), and
only the run whose UPDATE changed the row sends it: two workers running the task at once, or a
queue delivering it twice, remind once. A reminder whose email fails is not retried (the in-app
notification is there): at most once, by choice, rather than a flood on a flaky mail server.
"""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.tasks import task
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import format_lazy
from django.utils.translation import gettext, gettext_lazy

from sampark.agenda.models import Task
from sampark.agenda.timefmt import format_when
from sampark.collab.models import NotificationKind
from sampark.collab.notifications import notify

logger = logging.getLogger("sampark.agenda")

BATCH = 500


def due_reminders(now: datetime.datetime) -> list[int]:
    """Ids of open tasks whose reminder time has come and which were not reminded yet."""
    due = Task.objects.open().filter(reminded_at__isnull=True, remind_at__lte=now)
    return list(due.order_by("remind_at").values_list("pk", flat=True)[:BATCH])


def _claim(pk: int, now: datetime.datetime) -> Task | None:
    with transaction.atomic():
        claimed = (
            Task.objects.open().filter(pk=pk, reminded_at__isnull=True).update(reminded_at=now)
        )
        if not claimed:
            return None  # another run has it, or it was done or re-timed meanwhile
        return Task.objects.select_related("owner", "contact").get(pk=pk)


def _remind(record: Task) -> None:
    user = record.owner
    url = reverse("agenda:task", args=[record.pk])
    notify(
        user,
        kind=NotificationKind.REMINDER,
        message=format_lazy(gettext_lazy("Reminder: {title}"), title=record.title),
        url=url,
    )
    if not user.is_active or not user.email:
        return
    with translation.override(user.language or None):
        subject = gettext("Reminder: %(title)s") % {"title": record.title}
        lines = [
            gettext("This is your reminder for the task “%(title)s”.") % {"title": record.title}
        ]
        if record.due_at:
            due = format_when(record.due_at, user.time_zone)
            lines.append(
                gettext("It is due %(when)s (%(zone)s).") % {"when": due, "zone": user.time_zone}
            )
        if record.contact is not None:
            lines.append(gettext("It is about %(name)s.") % {"name": record.contact})
        if record.notes:
            lines += ["", record.notes]
        lines += ["", f"{settings.SAMPARK_SITE_URL}{url}"]
    try:
        send_mail(subject, "\n".join(lines), settings.DEFAULT_FROM_EMAIL, [user.email])
    except Exception:
        logger.exception("Could not email the reminder of task %s to user %s", record.pk, user.pk)


@task
def send_due_reminders() -> int:
    """Remind the assignee of every task whose reminder is due; returns how many were sent."""
    now = timezone.now()
    sent = 0
    for pk in due_reminders(now):
        claimed = _claim(pk, now)
        if claimed is not None:
            _remind(claimed)
            sent += 1
    return sent
