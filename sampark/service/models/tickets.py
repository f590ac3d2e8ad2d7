"""Tickets: a client's problem or request, from the moment it reaches the firm until it is
solved, with what caused it and what fixed it for good.

A ticket's ``team`` is its queue, and its ``owner`` is who answers for it now: its assignee once
there is one, until then whoever received it (a service mailbox's owner, the agent who typed it
in). Owner and team are what the one permission layer (``visible_to``) reads, so a team sees its
queue and an agent the tickets handed to them; ``assignee`` says whether someone is on it.

The ticket's number is its primary key, shown as ``#1234``: what a client quotes on the phone
and what a reply's subject carries to thread back (see service/threading.py).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sampark.contacts.models import Company, Contact, Tag, Transaction
from sampark.core.records import OwnedQuerySet, OwnedRecord
from sampark.sales.models import Deal


class TicketStatus(models.TextChoices):
    NEW = "new", _("New")
    OPEN = "open", _("Open")
    PENDING = "pending", _("Pending on the client")
    ON_HOLD = "on_hold", _("On hold")
    SOLVED = "solved", _("Solved")
    CLOSED = "closed", _("Closed")


# Someone still has to act: the firm (new, open, on hold) or the client (pending).
UNSOLVED = (TicketStatus.NEW, TicketStatus.OPEN, TicketStatus.PENDING, TicketStatus.ON_HOLD)


class Priority(models.IntegerChoices):
    # Numbers, so that sorting by priority puts the urgent first.
    LOW = 1, _("Low")
    NORMAL = 2, _("Normal")
    HIGH = 3, _("High")
    URGENT = 4, _("Urgent")


class TicketChannel(models.TextChoices):
    EMAIL = "email", _("Email")
    WEB = "web", _("Web form")
    PORTAL = "portal", _("Customer portal")
    CHAT = "chat", _("Chat")
    PHONE = "phone", _("Phone")
    SOCIAL = "social", _("Social media")
    API = "api", _("API")
    IN_PERSON = "in_person", _("In person")


class Category(models.Model):
    """What a ticket is about (account opening, a failed trade, a statement): set by admins,
    used to route, report and suggest articles."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    description = models.CharField(_("description"), max_length=300, blank=True)
    is_active = models.BooleanField(
        _("offered"), default=True, help_text=_("Tickets keep a category no longer offered.")
    )

    class Meta:
        verbose_name = _("ticket category")
        verbose_name_plural = _("ticket categories")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class TicketQuerySet(OwnedQuerySet["Ticket"]):
    def unsolved(self) -> TicketQuerySet:
        return self.filter(unsolved=True)

    def of_contact(self, contact: Contact) -> TicketQuerySet:
        return self.filter(requester=contact)


class Ticket(OwnedRecord):
    subject = models.CharField(_("subject"), max_length=300)
    requester = models.ForeignKey(
        Contact,
        null=True,
        on_delete=models.SET_NULL,
        related_name="tickets",
        verbose_name=_("requester"),
        help_text=_("The client who asked."),
    )
    company = models.ForeignKey(
        Company,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tickets",
        verbose_name=_("company"),
    )
    channel = models.CharField(
        _("channel"), max_length=10, choices=TicketChannel.choices, default=TicketChannel.PHONE
    )
    priority = models.PositiveSmallIntegerField(
        _("priority"), choices=Priority.choices, default=Priority.NORMAL
    )
    category = models.ForeignKey(
        Category,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tickets",
        verbose_name=_("category"),
    )
    status = models.CharField(
        _("status"), max_length=8, choices=TicketStatus.choices, default=TicketStatus.NEW
    )
    # Kept by the database from the status: queues list unsolved tickets by recent activity
    # through one index, which ``status IN (…)`` cannot use for its order.
    unsolved = models.GeneratedField(
        expression=models.ExpressionWrapper(
            models.Q(status__in=UNSOLVED), output_field=models.BooleanField()
        ),
        output_field=models.BooleanField(),
        db_persist=True,
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("assignee"),
    )
    # The language the client writes in: replies, the acknowledgement and routing follow it.
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="tickets", verbose_name=_("tags"))
    deal = models.ForeignKey(
        Deal,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tickets",
        verbose_name=_("related deal"),
    )
    transaction = models.ForeignKey(
        Transaction,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tickets",
        verbose_name=_("related transaction"),
    )
    # Problem management: why it happened, and what was changed so it does not happen again.
    root_cause = models.TextField(_("root cause"), blank=True)
    fix = models.TextField(_("permanent fix"), blank=True)
    # Where its mail comes and goes: the service mailbox it arrived at (replies go out as it).
    mailbox = models.ForeignKey(
        "mail.Mailbox", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    merged_into = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged",
        verbose_name=_("merged into"),
    )
    # Kept by the actions as the conversation goes (see service/actions.py).
    first_response_at = models.DateTimeField(_("first answered"), null=True, editable=False)
    last_client_message_at = models.DateTimeField(_("client last wrote"), null=True, editable=False)
    solved_at = models.DateTimeField(_("solved"), null=True, editable=False)
    messages_count = models.PositiveIntegerField(default=0, editable=False)
    # The SLA (service/sla.py): the policy that applies, when each target is due, the soonest
    # still running (what lists sort by and the worker watches), and for which due time the
    # worker last warned and escalated, so each happens once.
    sla_policy = models.ForeignKey(
        "service.SlaPolicy", null=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    first_response_due = models.DateTimeField(null=True, editable=False)
    next_response_due = models.DateTimeField(null=True, editable=False)
    resolution_due = models.DateTimeField(null=True, editable=False)
    sla_due_at = models.DateTimeField(_("SLA due"), null=True, editable=False)
    sla_warned_for = models.DateTimeField(null=True, editable=False)
    sla_escalated_for = models.DateTimeField(null=True, editable=False)

    objects = TicketQuerySet.as_manager()

    # The conversation's bookkeeping is what happened, not what someone said of the ticket:
    # the thread itself records it; leaving it out keeps an open edit form valid meanwhile.
    AUDIT_EXCLUDE = OwnedRecord.AUDIT_EXCLUDE | {
        "unsolved",
        "first_response_at",
        "last_client_message_at",
        "messages_count",
        "sla_policy",
        "first_response_due",
        "next_response_due",
        "resolution_due",
        "sla_due_at",
        "sla_warned_for",
        "sla_escalated_for",
    }

    class Meta:
        verbose_name = _("ticket")
        verbose_name_plural = _("tickets")
        ordering = ["-updated_at", "-id"]
        indexes = [
            models.Index(fields=["owner", "team"]),
            models.Index(fields=["updated_at", "id"], name="ticket_updated"),
            models.Index(fields=["status", "updated_at", "id"], name="ticket_status_updated"),
            models.Index(fields=["unsolved", "updated_at", "id"], name="ticket_unsolved_updated"),
            # Covers the capped count of a queue: whose the unsolved tickets are, read from the
            # index alone.
            models.Index(fields=["unsolved", "team", "owner"], name="ticket_unsolved_reach"),
            models.Index(fields=["team", "unsolved", "updated_at", "id"], name="ticket_queue"),
            models.Index(
                fields=["assignee", "unsolved", "updated_at", "id"], name="ticket_assignee"
            ),
            models.Index(fields=["priority", "updated_at", "id"], name="ticket_priority"),
            models.Index(fields=["requester", "created_at"], name="ticket_requester"),
            models.Index(fields=["company", "created_at"], name="ticket_company"),
            # What is due next, late, or soon: only unsolved tickets have a due time.
            models.Index(fields=["sla_due_at", "id"], name="ticket_sla_due"),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.subject}"

    @property
    def number(self) -> str:
        return f"#{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("service:ticket", args=[self.pk])

    @property
    def is_unsolved(self) -> bool:
        return self.status in UNSOLVED
