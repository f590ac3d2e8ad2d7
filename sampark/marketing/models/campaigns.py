"""Campaigns: one email template sent to a segment, now or at a set time, and one row per person
it goes to.

A campaign's recipients are fixed when it is launched (``Recipient``): who was in the segment,
the address and language their mail went out in, when it is due for them (their local hour, not
on their public holidays), and where their mail stands. The rows are the send's ledger, so a
worker that dies mid-send resumes from them without sending anyone twice or skipping anyone
(see ``sampark.marketing.sending``), and they hold each mail's opens, clicks and unsubscribe.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sampark.contacts.models import Contact
from sampark.core.models import User
from sampark.marketing.models.segments import Segment
from sampark.marketing.models.templates import EmailTemplate, Sender

NAME_MAX_LENGTH = 150


class CampaignStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SCHEDULED = "scheduled", _("Scheduled")
    SENDING = "sending", _("Sending")
    PAUSED = "paused", _("Paused")
    SENT = "sent", _("Sent")
    CANCELLED = "cancelled", _("Cancelled")


class Metric(models.TextChoices):
    OPENS = "opens", _("Opens")
    CLICKS = "clicks", _("Clicks")


class Arm(models.TextChoices):
    """Which subject a recipient gets: A or B while the test runs, then the winner for the rest."""

    ONLY = "", _("The subject")
    A = "a", _("Subject A")
    B = "b", _("Subject B")
    REST = "rest", _("The winning subject")


class Campaign(models.Model):
    name = models.CharField(_("name"), max_length=NAME_MAX_LENGTH)
    segment = models.ForeignKey(
        Segment,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("segment"),
        help_text=_("Who it goes to: members marketing may reach by email."),
    )
    template = models.ForeignKey(
        EmailTemplate, on_delete=models.PROTECT, related_name="+", verbose_name=_("template")
    )
    sender = models.ForeignKey(
        Sender, on_delete=models.PROTECT, related_name="+", verbose_name=_("sender")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=CampaignStatus.choices, default=CampaignStatus.DRAFT
    )
    send_at = models.DateTimeField(
        _("send at"), null=True, blank=True, help_text=_("Empty: as soon as it is launched.")
    )
    # The time zone ``send_at`` was chosen in: its hour is each client's hour with local_time.
    zone = models.CharField(max_length=64, blank=True)
    local_time = models.BooleanField(
        _("at each client's local time"),
        default=True,
        help_text=_(
            "The hour you chose, in each client's own time zone: a client in Dubai gets it at "
            "10:00 in Dubai."
        ),
    )
    skip_holidays = models.BooleanField(
        _("not on their public holidays"),
        default=True,
        help_text=_("A client whose day is a public holiday in their country gets it a day later."),
    )
    per_hour = models.PositiveIntegerField(
        _("at most per hour"),
        null=True,
        blank=True,
        help_text=_("Spreads the send so the mail server and the desk are not flooded."),
    )
    # A/B test of the subject: subject B per language (the template's subject is A).
    subject_b = models.JSONField(_("subject B"), default=dict, blank=True)
    test_percent = models.PositiveSmallIntegerField(
        _("share in the test (%)"),
        default=20,
        help_text=_("Half get subject A, half B; the rest get the winner."),
    )
    test_hours = models.PositiveSmallIntegerField(_("hours before choosing the winner"), default=4)
    test_metric = models.CharField(
        _("winner by"), max_length=6, choices=Metric.choices, default=Metric.OPENS
    )
    # Members of the segment left out at launch: no address, no consent, or suppressed.
    unreachable = models.PositiveIntegerField(default=0, editable=False)
    winner = models.CharField(_("winner"), max_length=1, blank=True, editable=False)
    decide_at = models.DateTimeField(null=True, blank=True, editable=False)
    owner = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now, editable=False)
    # Whose view of the segment the audience is: nobody gets mail they could not see.
    launched_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    launched_at = models.DateTimeField(_("launched"), null=True, blank=True, editable=False)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True, editable=False)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    # Which sending run holds the campaign, and until when: a run renews its lease as it goes;
    # a lease that ran out belongs to a dead worker, and the next run takes over.
    lease_holder = models.CharField(max_length=64, blank=True, editable=False)
    lease_until = models.DateTimeField(null=True, blank=True, editable=False)

    AUDIT_EXCLUDE = frozenset(
        {"created_at", "updated_at", "version", "lease_holder", "lease_until"}
    )

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status"], name="campaign_status")]

    def __str__(self) -> str:
        return self.name

    @property
    def ab_test(self) -> bool:
        return any(str(subject).strip() for subject in self.subject_b.values())

    @property
    def editable(self) -> bool:
        return self.status in (CampaignStatus.DRAFT, CampaignStatus.SCHEDULED)


class RecipientState(models.TextChoices):
    PENDING = "pending", _("Waiting")
    CLAIMED = "claimed", _("Being sent")
    # Written just before the mail server is told the message is complete: from then on the
    # mail counts as sent, even if the worker dies before hearing the server's answer.
    HANDED = "handed", _("Handed to the mail server")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    BOUNCED = "bounced", _("Bounced")
    SKIPPED = "skipped", _("Not sent")


# Mail that went out (whatever happened to it after).
WENT_OUT = (RecipientState.HANDED, RecipientState.SENT, RecipientState.BOUNCED)


class RecipientQuerySet(models.QuerySet["Recipient"]):
    def went_out(self) -> RecipientQuerySet:
        return self.filter(state__in=WENT_OUT)


class Recipient(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="recipients")
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="+")
    address = models.EmailField(_("address"))
    language = models.CharField(_("language"), max_length=8)
    arm = models.CharField(max_length=4, choices=Arm.choices, blank=True, default=Arm.ONLY)
    due_at = models.DateTimeField(_("due"))
    state = models.CharField(
        _("state"), max_length=8, choices=RecipientState.choices, default=RecipientState.PENDING
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    run = models.CharField(max_length=64, blank=True)
    # The tracking links' key, and the Message-ID, fixed at launch: a mail sent again after a
    # crash is the same message.
    token = models.CharField(max_length=32, unique=True)
    message_id = models.CharField(max_length=250, blank=True)
    provider_id = models.CharField(max_length=250, blank=True, db_index=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    opened_at = models.DateTimeField(_("first opened"), null=True, blank=True)
    clicked_at = models.DateTimeField(_("first clicked"), null=True, blank=True)
    opens = models.PositiveIntegerField(_("opens"), default=0)
    clicks = models.PositiveIntegerField(_("clicks"), default=0)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)
    complained_at = models.DateTimeField(_("marked as spam"), null=True, blank=True)

    objects = RecipientQuerySet.as_manager()

    class Meta:
        verbose_name = _("recipient")
        verbose_name_plural = _("recipients")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "contact"], name="recipient_once"),
        ]
        indexes = [
            # The sender's next batch: what is due, in order.
            models.Index(
                fields=["campaign", "state", "due_at", "id"],
                name="recipient_due",
                condition=Q(state__in=["pending", "claimed", "handed"]),
            ),
            # A contact's campaign mail (timeline, "opened the last campaign").
            models.Index(fields=["contact", "sent_at"], name="recipient_contact"),
        ]

    def __str__(self) -> str:
        return f"{self.campaign_id} → {self.address}"


class CampaignEvent(models.Model):
    """One open or click of a campaign mail, as it came (counted on the recipient)."""

    class Kind(models.TextChoices):
        OPEN = "open", _("Opened")
        CLICK = "click", _("Clicked")

    recipient = models.ForeignKey(Recipient, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=5, choices=Kind.choices)
    url = models.URLField(max_length=2000, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["recipient", "at"], name="campaign_event_recipient")]

    def __str__(self) -> str:
        return f"{self.kind} {self.recipient_id}"
