"""SLAs: the promises a desk keeps on answering and solving, and the hours it counts them in.

A ``BusinessHours`` calendar (a zone, weekly hours, the country's public holidays and the firm's
own days off) belongs to the queues that work by it; a queue without one counts by the default
hours, or around the clock if there are none. An ``SlaPolicy`` applies to the tickets its
conditions pick (a company, the clients with a tag, a category; none: every ticket) — the first
active one by position wins — and sets, per priority, how long the first answer, each next
answer and the solution may take. The clock stops while a ticket waits on the client
(``SlaPause``): service/sla.py keeps the due times.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from sampark.contacts.models import Company, Tag
from sampark.core.models import validate_time_zone
from sampark.lib.countries import validate_country
from sampark.service.models.tickets import Category, Priority, Ticket


def _check_week(value: Any) -> None:
    """``{"0": [["09:00", "17:00"]], …}``: weekday (0 Monday) to its open intervals."""
    from sampark.service.sla import week_of

    try:
        week_of(value)
    except (TypeError, ValueError) as error:
        raise ValidationError(str(error)) from None


class BusinessHours(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    time_zone = models.CharField(
        _("time zone"), max_length=64, default=settings.TIME_ZONE, validators=[validate_time_zone]
    )
    country = models.CharField(
        _("public holidays of"),
        max_length=2,
        blank=True,
        validators=[validate_country],
        help_text=_("Its public holidays count as closed days."),
    )
    always_open = models.BooleanField(_("open around the clock"), default=False)
    week = models.JSONField(_("working hours"), default=dict, validators=[_check_week])
    is_default = models.BooleanField(_("for queues without hours of their own"), default=False)

    class Meta:
        verbose_name = _("business hours")
        verbose_name_plural = _("business hours")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"], condition=models.Q(is_default=True), name="one_default_hours"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Holiday(models.Model):
    """A day the firm is closed besides the public holidays."""

    hours = models.ForeignKey(BusinessHours, on_delete=models.CASCADE, related_name="days_off")
    date = models.DateField(_("date"))
    name = models.CharField(_("name"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("day off")
        verbose_name_plural = _("days off")
        ordering = ["date"]
        constraints = [models.UniqueConstraint(fields=["hours", "date"], name="one_day_off")]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.name}".strip()


class SlaPolicy(models.Model):
    name = models.CharField(_("name"), max_length=100)
    position = models.PositiveIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("active"), default=True)
    # Which tickets: every condition given must hold; with none, every ticket.
    company = models.ForeignKey(
        Company, null=True, blank=True, on_delete=models.CASCADE, verbose_name=_("company")
    )
    client_tag = models.ForeignKey(
        Tag,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        verbose_name=_("clients tagged"),
        help_text=_("A segment of clients, such as VIP."),
    )
    category = models.ForeignKey(
        Category, null=True, blank=True, on_delete=models.CASCADE, verbose_name=_("category")
    )
    warn_minutes = models.PositiveIntegerField(
        _("warn this many minutes before a target is missed"), default=30
    )
    # What happens when a target is missed (the assignee and the queue's managers are told).
    raise_priority = models.BooleanField(_("raise the priority one step"), default=False)
    escalate_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("hand it to"),
    )

    class Meta:
        verbose_name = _("SLA policy")
        verbose_name_plural = _("SLA policies")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.name


class SlaTarget(models.Model):
    policy = models.ForeignKey(SlaPolicy, on_delete=models.CASCADE, related_name="targets")
    priority = models.PositiveSmallIntegerField(_("priority"), choices=Priority.choices)
    first_response_minutes = models.PositiveIntegerField(
        _("first answer within (minutes)"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    next_response_minutes = models.PositiveIntegerField(
        _("each next answer within (minutes)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
    )
    resolution_minutes = models.PositiveIntegerField(
        _("solved within (minutes)"), null=True, blank=True, validators=[MinValueValidator(1)]
    )

    class Meta:
        verbose_name = _("SLA target")
        verbose_name_plural = _("SLA targets")
        ordering = ["-priority"]
        constraints = [
            models.UniqueConstraint(fields=["policy", "priority"], name="one_target_per_priority")
        ]

    def __str__(self) -> str:
        return f"{self.policy}: {self.get_priority_display()}"

    def minutes(self, kind: str) -> datetime.timedelta | None:
        value = getattr(self, f"{kind}_minutes")
        return datetime.timedelta(minutes=value) if value else None


class SlaPause(models.Model):
    """A time the ticket waited on the client: its SLA clock stood still."""

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="sla_pauses")
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True)

    class Meta:
        ordering = ["started_at", "id"]
        indexes = [models.Index(fields=["ticket", "started_at"])]

    def __str__(self) -> str:
        return f"{self.ticket_id}: {self.started_at} - {self.ended_at}"
