"""How a desk hands out its tickets: each queue's working hours and assignment, and each
agent's languages, skills, availability and how many open tickets they take at once.

A queue is a team (``core.Team``); ``Queue`` holds what the service desk adds to it. Tickets go
round the available agents in turn, or to whoever has the fewest open, among those who speak
the ticket's language and, when some have it, the skill of its category (service/routing.py).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sampark.core.models import Team
from sampark.service.models.sla import BusinessHours
from sampark.service.models.tickets import Category


class Assignment(models.TextChoices):
    MANUAL = "manual", _("By hand: agents take tickets")
    ROUND_ROBIN = "round_robin", _("In turn, to each available agent")
    LOAD = "load", _("To the available agent with the fewest open tickets")


class Queue(models.Model):
    team = models.OneToOneField(Team, on_delete=models.CASCADE, related_name="queue")
    business_hours = models.ForeignKey(
        BusinessHours,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="queues",
        verbose_name=_("business hours"),
        help_text=_("Empty: the default hours, or around the clock if there are none."),
    )
    assignment = models.CharField(
        _("new tickets go"), max_length=12, choices=Assignment.choices, default=Assignment.MANUAL
    )
    # Round robin's place: the agent who got the last ticket.
    last_assigned = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("queue")
        verbose_name_plural = _("queues")

    def __str__(self) -> str:
        return str(self.team)


class Availability(models.TextChoices):
    AVAILABLE = "available", _("Available")
    AWAY = "away", _("Away")
    OFFLINE = "offline", _("Offline")


class AgentProfile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="agent_profile"
    )
    languages = models.JSONField(
        _("answers in"),
        default=list,
        blank=True,
        help_text=_("The languages they answer clients in; empty: their own language."),
    )
    skills = models.ManyToManyField(
        Category, blank=True, related_name="skilled_agents", verbose_name=_("skills")
    )
    availability = models.CharField(
        _("availability"),
        max_length=10,
        choices=Availability.choices,
        default=Availability.AVAILABLE,
    )
    max_open_tickets = models.PositiveSmallIntegerField(
        _("open tickets at once"),
        default=0,
        help_text=_("New tickets stop going to them at this many; 0: no limit."),
    )
    max_chats = models.PositiveSmallIntegerField(
        _("live chats at once"),
        default=3,
        help_text=_("New chats stop going to them at this many."),
    )

    class Meta:
        verbose_name = _("agent profile")
        verbose_name_plural = _("agent profiles")

    def __str__(self) -> str:
        return str(self.user)

    def speaks(self) -> list[str]:
        return list(self.languages) or [self.user.language]
