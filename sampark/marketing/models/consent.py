"""Consent per channel, its history, and the suppression list.

``Consent`` is where a contact stands now on one channel (one row per contact and channel, so a
campaign's audience is one indexed join); ``ConsentEvent`` is every change, never edited or
deleted, with where it came from, the very words the contact agreed to, who recorded it and
when — what a regulator asks to see. ``Suppression`` holds addresses no marketing may go to
(unsubscribed, bounced, complained, or put there by hand), by address rather than by contact: a
bounce belongs to the address, and it must hold even for a contact added again later.
"""

from __future__ import annotations

from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sampark.contacts.models import Contact
from sampark.core.models import User

WORDING_MAX_LENGTH = 1000
DETAIL_MAX_LENGTH = 300


class Channel(models.TextChoices):
    EMAIL = "email", _("Email")
    SMS = "sms", _("SMS")
    WHATSAPP = "whatsapp", _("WhatsApp")
    PHONE = "phone", _("Phone calls")


class ConsentStatus(models.TextChoices):
    GRANTED = "granted", _("Agreed")
    PENDING = "pending", _("Waiting for confirmation")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ConsentSource(models.TextChoices):
    FORM = "form", _("A web form")
    PREFERENCES = "preferences", _("The preference centre")
    CONFIRMATION = "confirmation", _("A confirmation link (double opt-in)")
    UNSUBSCRIBE = "unsubscribe", _("An unsubscribe link")
    AGENT = "agent", _("Recorded by a colleague")
    IMPORT = "import", _("An import")
    API = "api", _("The API")


class Consent(models.Model):
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="+")
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    status = models.CharField(_("status"), max_length=10, choices=ConsentStatus.choices)
    source = models.CharField(_("source"), max_length=12, choices=ConsentSource.choices)
    wording = models.TextField(_("what they agreed to"), max_length=WORDING_MAX_LENGTH, blank=True)
    changed_at = models.DateTimeField(_("changed"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        constraints = [
            models.UniqueConstraint(fields=["contact", "channel"], name="consent_per_channel")
        ]
        indexes = [models.Index(fields=["channel", "status", "contact"])]

    def __str__(self) -> str:
        return f"{self.contact_id} {self.channel}: {self.status}"


class ConsentEvent(models.Model):
    """One change of consent, as it happened: append-only."""

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="+")
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    status = models.CharField(_("status"), max_length=10, choices=ConsentStatus.choices)
    source = models.CharField(_("source"), max_length=12, choices=ConsentSource.choices)
    wording = models.TextField(_("what they agreed to"), blank=True)
    at = models.DateTimeField(_("when"), default=timezone.now)
    by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    # Where a contact acted themselves (a form, a link): their address, as evidence.
    ip = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        verbose_name = _("consent change")
        verbose_name_plural = _("consent changes")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["contact", "channel", "at"])]

    def __str__(self) -> str:
        return f"{self.contact_id} {self.channel}: {self.status} ({self.source})"


class SuppressionReason(models.TextChoices):
    UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")
    BOUNCED = "bounced", _("Bounced")
    COMPLAINED = "complained", _("Marked as spam")
    MANUAL = "manual", _("Added by hand")


class Suppression(models.Model):
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    # An email address in lower case, or a phone number in E.164.
    address = models.CharField(_("address"), max_length=254)
    reason = models.CharField(_("reason"), max_length=12, choices=SuppressionReason.choices)
    detail = models.CharField(_("detail"), max_length=DETAIL_MAX_LENGTH, blank=True)
    created_at = models.DateTimeField(_("since"), default=timezone.now)
    created_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("suppressed address")
        verbose_name_plural = _("suppressed addresses")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["channel", "address"], name="suppression_once"),
            models.CheckConstraint(
                condition=models.Q(address=Lower("address")), name="suppression_address_folded"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.channel}:{self.address}"
