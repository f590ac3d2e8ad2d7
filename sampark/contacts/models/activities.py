"""Activities: the interaction timeline (calls, emails, chats, meetings, notes) and attachments."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Collection
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sampark.contacts.models.people import Affiliation, Company, Contact
from sampark.core.records import OwnedQuerySet, OwnedRecord
from sampark.lib.stored_files import delete_files_with


class ActivityKind(models.TextChoices):
    CALL = "call", _("Call")
    EMAIL = "email", _("Email")
    CHAT = "chat", _("Chat")
    SMS = "sms", _("SMS")
    SOCIAL = "social", _("Social media")
    MEETING = "meeting", _("Meeting")
    NOTE = "note", _("Note")


class Direction(models.TextChoices):
    INBOUND = "inbound", _("Inbound")
    OUTBOUND = "outbound", _("Outbound")
    INTERNAL = "internal", _("Internal")


class CallOutcome(models.TextChoices):
    CONNECTED = "connected", _("Connected")
    NO_ANSWER = "no_answer", _("No answer")
    VOICEMAIL = "voicemail", _("Voicemail")
    BUSY = "busy", _("Busy")
    WRONG_NUMBER = "wrong_number", _("Wrong number")


# The fields that belong to each kind, besides the ones every activity has; forms show these.
KIND_FIELDS: dict[str, tuple[str, ...]] = {
    ActivityKind.CALL: ("duration_seconds", "outcome"),
    ActivityKind.EMAIL: ("from_address", "to_addresses", "cc_addresses", "message_id"),
    ActivityKind.CHAT: ("handle",),
    ActivityKind.SMS: ("handle",),
    ActivityKind.SOCIAL: ("handle",),
    ActivityKind.MEETING: ("starts_at", "ends_at", "location", "video_url", "attendees"),
    ActivityKind.NOTE: (),
}


class ActivityQuerySet(OwnedQuerySet["Activity"]):
    def on_contact(self, contact: Contact) -> ActivityQuerySet:
        return self.filter(contact=contact)

    def on_company(self, company: Company) -> ActivityQuerySet:
        """Activities on the company itself and on anyone who works there."""
        people = Affiliation.objects.filter(company=company).values("contact_id")
        # A subquery, not a join through affiliations: a join would repeat an activity once per
        # company its contact works for.
        return self.filter(models.Q(company=company) | models.Q(contact_id__in=people))


class Activity(OwnedRecord):
    """One interaction with a contact or company. ``owner`` is its author; ``team`` is the
    contact's (or company's) team when it was logged, so it reaches whoever sees that record."""

    kind = models.CharField(_("kind"), max_length=10, choices=ActivityKind.choices)
    direction = models.CharField(
        _("direction"), max_length=10, choices=Direction.choices, default=Direction.OUTBOUND
    )
    subject = models.CharField(_("subject"), max_length=300, blank=True)
    # Stored sanitised (sampark.lib.richtext) by clean(), which every audited write runs.
    body = models.TextField(_("details"), blank=True)
    occurred_at = models.DateTimeField(_("when"), default=timezone.now)
    contact = models.ForeignKey(
        Contact,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="activities",
        verbose_name=_("contact"),
    )
    company = models.ForeignKey(
        Company,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="activities",
        verbose_name=_("company"),
    )
    # Calls
    duration_seconds = models.PositiveIntegerField(
        _("duration in seconds"), null=True, blank=True, validators=[MinValueValidator(0)]
    )
    outcome = models.CharField(_("outcome"), max_length=16, choices=CallOutcome.choices, blank=True)
    # Emails
    from_address = models.CharField(_("from"), max_length=254, blank=True)
    to_addresses = models.JSONField(_("to"), default=list, blank=True)
    cc_addresses = models.JSONField(_("cc"), default=list, blank=True)
    message_id = models.CharField(
        _("message ID"),
        max_length=255,
        blank=True,
        help_text=_("The email's Message-ID header; the same email is never logged twice."),
    )
    # Meetings
    starts_at = models.DateTimeField(_("starts"), null=True, blank=True)
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    location = models.CharField(_("location"), max_length=200, blank=True)
    video_url = models.URLField(_("video call link"), max_length=500, blank=True)
    attendees = models.JSONField(_("attendees"), default=list, blank=True)
    # Chats, SMS and social media
    handle = models.CharField(
        _("handle"),
        max_length=200,
        blank=True,
        help_text=_("The number, username or channel it came through."),
    )

    objects = ActivityQuerySet.as_manager()

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["-occurred_at", "-id"]
        indexes = [
            models.Index(fields=["owner", "team"]),
            # The contact timeline, newest first, paged by keyset.
            models.Index(fields=["contact", "-occurred_at", "-id"], name="activity_contact_time"),
            models.Index(fields=["company", "occurred_at", "id"], name="activity_company_time"),
            models.Index(fields=["occurred_at", "id"], name="activity_time"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(contact__isnull=False) | models.Q(company__isnull=False),
                name="activity_on_contact_or_company",
            ),
            models.CheckConstraint(
                condition=models.Q(starts_at__isnull=True)
                | models.Q(ends_at__isnull=True)
                | models.Q(ends_at__gte=models.F("starts_at")),
                name="activity_ends_after_start",
            ),
            models.UniqueConstraint(
                fields=["message_id"],
                condition=~models.Q(message_id=""),
                name="activity_message_id_once",
                violation_error_message=_("An activity with this message ID is already logged."),
            ),
        ]

    def __str__(self) -> str:
        label = str(self.get_kind_display())
        return f"{label}: {self.subject}" if self.subject else label

    def get_absolute_url(self) -> str:
        """Where it is shown: on its contact's timeline, else its company's."""
        if self.contact_id:
            return reverse("contacts:detail", args=[self.contact_id])
        return reverse("contacts:company_detail", args=[self.company_id])

    def clean(self) -> None:
        """Normalise and check what the field types cannot: run by every audited write."""
        from sampark.lib import richtext
        from sampark.lib.emails import InvalidEmail, normalise_email

        errors: dict[str, list[Any]] = {}
        if self.contact_id is None and self.company_id is None:
            errors[NON_FIELD_ERRORS] = [_("An activity must be on a contact or a company.")]
        self.body = richtext.to_safe_html(self.body or "")
        self.subject = (self.subject or "").strip()
        self.message_id = (self.message_id or "").strip()
        for name in ("occurred_at", "starts_at", "ends_at"):
            value = getattr(self, name)
            if isinstance(value, datetime.datetime) and timezone.is_naive(value):
                # A time without a zone means the writer's own (active) time zone.
                setattr(self, name, timezone.make_aware(value))
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            errors["ends_at"] = [_("A meeting cannot end before it starts.")]
        if self.from_address:
            try:
                self.from_address = normalise_email(self.from_address)
            except InvalidEmail as error:
                errors["from_address"] = [f"{self.from_address}: {error}"]
        for name in ("to_addresses", "cc_addresses"):
            addresses, problems = _email_list(getattr(self, name), normalise_email, InvalidEmail)
            setattr(self, name, addresses)
            if problems:
                errors[name] = problems
        attendees = self.attendees if isinstance(self.attendees, list) else None
        if attendees is None or not all(isinstance(a, str) for a in attendees):
            errors["attendees"] = [_("Give the attendees as a list of names or addresses.")]
        else:
            self.attendees = [a.strip() for a in attendees if a.strip()]
        if errors:
            raise ValidationError(errors)

    def validate_constraints(self, exclude: Collection[str] | None = None) -> None:
        # The two check constraints are reported by clean(), in words and by field; the
        # database still enforces them. Only the message ID's uniqueness is checked here.
        skip = {"contact", "company", "starts_at", "ends_at"}
        super().validate_constraints(exclude={*(exclude or ()), *skip})

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Belt and braces for writes that skip full_clean (fixtures, factories): never store
        # unsanitised HTML. Sanitising sanitised HTML changes nothing.
        from sampark.lib import richtext

        self.body = richtext.to_safe_html(self.body or "")
        super().save(*args, **kwargs)

    @property
    def kind_fields(self) -> tuple[str, ...]:
        return KIND_FIELDS.get(self.kind, ())


def _email_list(
    value: object, normalise: Callable[[str], str], invalid: type[Exception]
) -> tuple[list[str], list[str]]:
    """Normalised addresses without repeats, and a message for each bad one."""
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return [], [str(_("Give the addresses as a list."))]
    addresses: list[str] = []
    problems: list[str] = []
    for raw in value:
        if not raw.strip():
            continue
        try:
            address = normalise(raw)
        except invalid as error:
            problems.append(f"{raw.strip()}: {error}")
            continue
        if address.casefold() not in {a.casefold() for a in addresses}:
            addresses.append(address)
    return addresses, problems


class Attachment(models.Model):
    """A file on an activity. Stored under a random name; served only by a checked download."""

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("activity")
    )
    # Through the default storage (STORAGES["default"]): local files now, S3 later.
    file = models.FileField(_("file"), upload_to="attachments/%Y/%m/", max_length=255)
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    content_type = models.CharField(_("type"), max_length=100)
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.original_name


delete_files_with(Attachment)
