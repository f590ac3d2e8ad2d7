"""Pipelines and their stages: how a firm's deals move from first talk to signed.

A pipeline is configuration, like a custom field: admins shape it in Settings and everyone's
deals move through it. Each stage carries the chance that a deal in it is won (for the weighted
forecast) and after how many days without moving a deal in it is "rotting". Won and lost are
not stages but a deal's status (deals.py): a deal keeps the stage it was won or lost in, which
is what win-rate-by-stage reports read.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Pipeline(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("Inactive pipelines take no new deals.")
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("pipeline")
        verbose_name_plural = _("pipelines")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.name


class Stage(models.Model):
    pipeline = models.ForeignKey(
        Pipeline, on_delete=models.CASCADE, related_name="stages", verbose_name=_("pipeline")
    )
    name = models.CharField(_("name"), max_length=100)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    probability = models.PositiveSmallIntegerField(
        _("win probability (%)"),
        default=10,
        validators=[MaxValueValidator(100)],
        help_text=_("The chance that a deal in this stage is won; weighs the forecast."),
    )
    rotting_days = models.PositiveSmallIntegerField(
        _("rotting after (days)"),
        null=True,
        blank=True,
        help_text=_("A deal that stays longer than this in the stage is highlighted."),
    )

    class Meta:
        verbose_name = _("stage")
        verbose_name_plural = _("stages")
        ordering = ["pipeline", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["pipeline", "name"], name="stage_name_once"),
        ]

    def __str__(self) -> str:
        return self.name
