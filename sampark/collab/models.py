"""What people are told about: a mention, a reminder, a task given to them, a change they follow."""

from __future__ import annotations

from typing import Self

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sampark.core.models import User


class NotificationKind(models.TextChoices):
    MENTION = "mention", _("Mention")
    COMMENT = "comment", _("Comment")
    REMINDER = "reminder", _("Reminder")
    ASSIGNED = "assigned", _("Assigned to you")
    FOLLOWED = "followed", _("Followed record changed")


class NotificationQuerySet(models.QuerySet["Notification"]):
    def for_user(self, user: User) -> Self:
        return self.filter(recipient=user)

    def unread(self) -> Self:
        return self.filter(read_at__isnull=True)

    def undigested(self) -> Self:
        """Unread and not yet sent in an email digest."""
        return self.unread().filter(emailed_at__isnull=True)


class Notification(models.Model):
    """One message to one user. It is not a business record: only its recipient ever sees it,
    and its text was written when the event happened, in the recipient's language."""

    recipient = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="notifications", verbose_name=_("recipient")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=NotificationKind.choices)
    message = models.CharField(_("message"), max_length=500)
    url = models.CharField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("emailed"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            # The header's unread count and the notification list, newest first.
            models.Index(fields=["recipient", "read_at", "-created_at"], name="notification_inbox"),
        ]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self) -> str:
        return self.message
