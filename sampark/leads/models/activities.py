"""Calls, meetings and notes logged with a lead before it is a client. They belong to the lead
(who sees the lead sees them), count in its score as what it did with the sales team, and go
onto the contact's timeline when the lead is converted."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sampark.contacts.models import ActivityKind, Direction
from sampark.leads.models.leads import Lead


class LeadActivity(models.Model):
    lead = models.ForeignKey(Lead, on_delete=models.CASCADE, related_name="activities")
    kind = models.CharField(_("kind"), max_length=10, choices=ActivityKind.choices)
    direction = models.CharField(
        _("direction"), max_length=10, choices=Direction.choices, default=Direction.OUTBOUND
    )
    subject = models.CharField(_("subject"), max_length=300, blank=True)
    body = models.TextField(_("details"), blank=True)
    occurred_at = models.DateTimeField(_("when"), default=timezone.now)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("interaction with a lead")
        verbose_name_plural = _("interactions with leads")
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["lead", "-occurred_at"])]

    def __str__(self) -> str:
        label = str(self.get_kind_display())
        return f"{label}: {self.subject}" if self.subject else label
