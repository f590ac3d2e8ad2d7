"""What people are told about (a mention, a reminder, a change they follow), comments on
records, who follows which record, and how often each person wants an email digest."""

from __future__ import annotations

from typing import Self

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
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


COMMENT_MAX_LENGTH = 5000


class CommentQuerySet(models.QuerySet["Comment"]):
    def on(self, record: models.Model) -> Self:
        """The comments on one record, oldest first (a conversation reads top to bottom)."""
        content_type = ContentType.objects.get_for_model(record)
        return self.filter(content_type=content_type, object_id=record.pk).order_by(
            "created_at", "id"
        )


class Comment(models.Model):
    """A remark on any record, by someone who may see it.

    Not an ``OwnedRecord``: who may read a comment follows the record it is on, not a team of
    its own, so the permission layer is asked about the target (see ``sampark.collab.access``).
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    author = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="comments", verbose_name=_("author")
    )
    body = models.TextField(_("comment"), max_length=COMMENT_MAX_LENGTH)
    # Who the body mentions, resolved when it is written: shown highlighted, and told.
    mentions = models.ManyToManyField(
        User, blank=True, related_name="+", verbose_name=_("mentioned")
    )
    created_at = models.DateTimeField(_("written"), default=timezone.now, editable=False)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True, editable=False)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["content_type", "object_id", "created_at"], name="comment_on"),
        ]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self) -> str:
        return self.body[:80]


class FollowQuerySet(models.QuerySet["Follow"]):
    def on(self, record: models.Model) -> Self:
        content_type = ContentType.objects.get_for_model(record)
        return self.filter(content_type=content_type, object_id=record.pk)


class Follow(models.Model):
    """``user`` hears about comments on, and changes to, one record."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="follows")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = FollowQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "content_type", "object_id"], name="follow_once"
            ),
        ]
        indexes = [models.Index(fields=["content_type", "object_id"], name="follow_record")]
        verbose_name = _("follow")
        verbose_name_plural = _("follows")

    def __str__(self) -> str:
        return f"{self.user_id} → {self.content_type_id}:{self.object_id}"


class DigestFrequency(models.TextChoices):
    NEVER = "never", _("Never")
    HOURLY = "hourly", _("Every hour")
    DAILY = "daily", _("Once a day, in the morning")


class DigestPreference(models.Model):
    """How often a user wants their unread notifications by email. No row means daily."""

    user = models.OneToOneField(
        User, on_delete=models.CASCADE, primary_key=True, related_name="digest_preference"
    )
    frequency = models.CharField(
        _("email digest"),
        max_length=8,
        choices=DigestFrequency.choices,
        default=DigestFrequency.DAILY,
    )
    last_sent_at = models.DateTimeField(_("last digest sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("digest preference")
        verbose_name_plural = _("digest preferences")

    def __str__(self) -> str:
        return f"{self.user_id}: {self.frequency}"
