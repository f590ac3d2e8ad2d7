"""What an agent sends often, written once: canned responses, each in the languages clients
write in; and what clients said of how their ticket was handled (CSAT).

A canned response is a record like any other (its owner and team decide who sees it: a team's
responses are its agents'); the variants of one response in several languages share its
``name`` and are told apart by ``language``, so the answer box offers the one in the ticket's
language. Its text may hold placeholders (service/canned.py) filled in for the ticket at hand.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sampark.core.models import Team
from sampark.core.records import OwnedQuerySet, OwnedRecord
from sampark.service.models.tickets import Category, Ticket


class CannedResponse(OwnedRecord):
    name = models.CharField(_("name"), max_length=100)
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    body = models.TextField(
        _("text"),
        help_text=_(
            "Placeholders: {client_name}, {ticket_number}, {ticket_subject}, {agent_name}."
        ),
    )

    objects = OwnedQuerySet.as_manager()

    class Meta:
        verbose_name = _("canned response")
        verbose_name_plural = _("canned responses")
        ordering = ["name", "language"]
        constraints = [
            models.UniqueConstraint(fields=["name", "language"], name="one_canned_per_language")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.language})"


class Rating(models.IntegerChoices):
    AWFUL = 1, _("Very unhappy")
    BAD = 2, _("Unhappy")
    OKAY = 3, _("Neither")
    GOOD = 4, _("Happy")
    GREAT = 5, _("Very happy")


# A rating at or below this opens a follow-up for the team lead.
BAD_RATING = Rating.BAD


class Satisfaction(models.Model):
    """The client's rating of a solved ticket, kept with whom and what it rates (the assignee,
    queue and category when it was solved), so reports need no history to say who earned it."""

    ticket = models.OneToOneField(Ticket, on_delete=models.CASCADE, related_name="satisfaction")
    rating = models.PositiveSmallIntegerField(
        _("rating"),
        choices=Rating.choices,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    comment = models.TextField(_("comment"), blank=True)
    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    team = models.ForeignKey(Team, null=True, on_delete=models.SET_NULL, related_name="+")
    category = models.ForeignKey(Category, null=True, on_delete=models.SET_NULL, related_name="+")
    rated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("satisfaction rating")
        verbose_name_plural = _("satisfaction ratings")
        indexes = [
            models.Index(fields=["rated_at"]),
            models.Index(fields=["agent", "rated_at"]),
            models.Index(fields=["team", "rated_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.ticket_id}: {self.rating}"
