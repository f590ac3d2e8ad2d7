"""What the forecast said when a period began, kept to measure its accuracy once it is over."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sampark.core.models import Team, User
from sampark.sales.models.pipelines import Pipeline


class PeriodKind(models.TextChoices):
    MONTH = "month", _("Month")
    QUARTER = "quarter", _("Quarter")


class ForecastSnapshot(models.Model):
    """One owner's forecast in one team and pipeline for one period, as it stood on the period's
    first day (the first time the daily task saw the period). Kept per owner and team, as deals
    are, so each viewer sums the snapshots of the deals they may see (``records.reach_condition``)."""

    period = models.CharField(max_length=7, choices=PeriodKind.choices)
    starts_on = models.DateField()
    pipeline = models.ForeignKey(Pipeline, on_delete=models.CASCADE, related_name="+")
    owner = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    commit = models.DecimalField(max_digits=20, decimal_places=2)
    best_case = models.DecimalField(max_digits=20, decimal_places=2)
    pipeline_total = models.DecimalField(max_digits=20, decimal_places=2)
    weighted = models.DecimalField(max_digits=20, decimal_places=2)
    taken_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("forecast snapshot")
        verbose_name_plural = _("forecast snapshots")
        indexes = [models.Index(fields=["period", "starts_on"])]

    def __str__(self) -> str:
        return f"{self.period} {self.starts_on} {self.owner_id}"
