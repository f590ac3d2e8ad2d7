"""A ticket's conversation: the client's messages, the agents' public replies, and internal
notes the client never sees, each with its files.

A message that went by email keeps its Message-ID, so the client's answer to it (In-Reply-To,
References) finds its way back to the ticket; a reply sent by email also keeps the sent mail
(``mail``), which says whether the mail server took it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sampark.contacts.models import Contact
from sampark.lib.stored_files import delete_files_with
from sampark.service.models.tickets import Ticket, TicketChannel


class MessageKind(models.TextChoices):
    CLIENT = "client", _("From the client")
    REPLY = "reply", _("Reply")
    NOTE = "note", _("Internal note")


class TicketMessage(models.Model):
    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="messages")
    kind = models.CharField(_("kind"), max_length=6, choices=MessageKind.choices)
    channel = models.CharField(_("channel"), max_length=10, choices=TicketChannel.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("author"),
    )
    # Who wrote a client's message: the requester, or someone copied on the thread.
    contact = models.ForeignKey(
        Contact, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    from_name = models.CharField(max_length=200, blank=True)
    from_address = models.CharField(max_length=254, blank=True)
    to_addresses = models.JSONField(default=list, blank=True)
    body = models.TextField(_("message"))
    message_id = models.CharField(max_length=500, blank=True)
    mail = models.OneToOneField(
        "mail.OutboundMail", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("written"), default=timezone.now)

    class Meta:
        verbose_name = _("ticket message")
        verbose_name_plural = _("ticket messages")
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["ticket", "created_at", "id"], name="ticket_thread"),
            models.Index(fields=["message_id"], name="ticket_message_id"),
        ]

    def __str__(self) -> str:
        return f"{self.ticket_id}: {self.body[:40]}"

    @property
    def is_public(self) -> bool:
        return self.kind != MessageKind.NOTE


class TicketAttachment(models.Model):
    """A file on a message. Stored under a random name (service/actions.py); served only by a
    checked download."""

    message = models.ForeignKey(TicketMessage, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to="tickets/%Y/%m/", max_length=255)
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    content_type = models.CharField(_("type"), max_length=100)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.original_name


delete_files_with(TicketAttachment)
