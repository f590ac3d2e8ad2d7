"""Deals: a sale in the making, moving through a pipeline's stages until it is won or lost.

A deal names its main person (``contact``) and firm (``company``) directly, as lists and boards
show them on every card; other people on the deal (the spouse who co-signs, the accountant) are
``people``, each with a role. Its ``amount`` is in the deal's own currency; ``amount_base`` is the
same in the base currency at the rate of the expected close date, kept in step by the actions
(sales.actions) so boards and forecasts add up thousands of deals in one indexed query.

Every move is a ``StageChange``: from which stage to which, with which status, when, by whom and
how long the deal had stayed where it was. Time in stage, stage history and forecast accuracy
are read from them.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sampark.contacts.models import Company, Contact
from sampark.contacts.models.transactions import validate_currency
from sampark.core.models import User
from sampark.core.records import OwnedQuerySet, OwnedRecord
from sampark.sales.models.pipelines import Pipeline, Stage
from sampark.sales.models.products import Product


class DealStatus(models.TextChoices):
    OPEN = "open", _("Open")
    WON = "won", _("Won")
    LOST = "lost", _("Lost")


class ForecastCategory(models.TextChoices):
    """How sure the owner is, as sales teams forecast: commit is what they promise, best case
    what could also close, pipeline the rest; omitted is left out of the forecast."""

    PIPELINE = "pipeline", _("Pipeline")
    BEST_CASE = "best_case", _("Best case")
    COMMIT = "commit", _("Commit")
    OMITTED = "omitted", _("Omitted")


class LostReason(models.Model):
    """The reasons a firm records for lost deals, kept by admins so reports can count them."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("lost reason")
        verbose_name_plural = _("lost reasons")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class DealQuerySet(OwnedQuerySet["Deal"]):
    def open(self) -> DealQuerySet:
        return self.filter(status=DealStatus.OPEN)

    def in_pipeline(self, pipeline: Pipeline) -> DealQuerySet:
        return self.filter(pipeline=pipeline)


class Deal(OwnedRecord):
    name = models.CharField(_("name"), max_length=200)
    pipeline = models.ForeignKey(
        Pipeline, on_delete=models.PROTECT, related_name="deals", verbose_name=_("pipeline")
    )
    stage = models.ForeignKey(
        Stage, on_delete=models.PROTECT, related_name="deals", verbose_name=_("stage")
    )
    status = models.CharField(
        _("status"), max_length=4, choices=DealStatus.choices, default=DealStatus.OPEN
    )
    amount = models.DecimalField(
        _("amount"),
        max_digits=18,
        decimal_places=2,
        default=Decimal(0),
        validators=[MinValueValidator(0)],
    )
    currency = models.CharField(_("currency"), max_length=3, validators=[validate_currency])
    # The amount in the base currency (money.py), kept by the actions: totals read this. None
    # while there is no rate for the currency: totals leave the deal out and say so.
    amount_base = models.DecimalField(
        _("amount in the base currency"),
        max_digits=18,
        decimal_places=2,
        null=True,
        blank=True,
        editable=False,
    )
    expected_close = models.DateField(_("expected close"), null=True, blank=True)
    contact = models.ForeignKey(
        Contact,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="deals",
        verbose_name=_("contact"),
    )
    company = models.ForeignKey(
        Company,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="deals",
        verbose_name=_("company"),
    )
    people = models.ManyToManyField(
        Contact,
        through="DealContact",
        related_name="deals_involved_in",
        blank=True,
        verbose_name=_("other people"),
    )
    source = models.CharField(_("source"), max_length=100, blank=True)
    next_step = models.CharField(_("next step"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    forecast_category = models.CharField(
        _("forecast category"),
        max_length=10,
        choices=ForecastCategory.choices,
        default=ForecastCategory.PIPELINE,
    )
    stage_entered_at = models.DateTimeField(_("in this stage since"), default=timezone.now)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    lost_reason = models.CharField(_("lost reason"), max_length=100, blank=True)

    objects = DealQuerySet.as_manager()

    class Meta:
        verbose_name = _("deal")
        verbose_name_plural = _("deals")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["owner", "team"]),
            # The board: a pipeline's open deals by stage.
            models.Index(fields=["pipeline", "status", "stage"]),
            # Forecasts: open deals by close date; won ones by when they closed.
            models.Index(fields=["status", "expected_close"]),
            models.Index(fields=["status", "closed_at"]),
        ]

    def __str__(self) -> str:
        return self.name


class DealContact(models.Model):
    deal = models.ForeignKey(Deal, on_delete=models.CASCADE, related_name="involvements")
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="+")
    role = models.CharField(_("role"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("person on a deal")
        verbose_name_plural = _("people on deals")
        constraints = [
            models.UniqueConstraint(fields=["deal", "contact"], name="deal_contact_once"),
        ]

    def __str__(self) -> str:
        return f"{self.contact} ({self.role})" if self.role else str(self.contact)


class DealLine(models.Model):
    """A line of a deal: what is sold, how many, at what price and discount. The price is
    copied from the catalogue when the line is added, so later price changes leave it be."""

    deal = models.ForeignKey(Deal, on_delete=models.CASCADE, related_name="lines")
    product = models.ForeignKey(
        Product,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("product"),
    )
    name = models.CharField(_("item"), max_length=200)
    quantity = models.DecimalField(
        _("quantity"),
        max_digits=18,
        decimal_places=4,
        default=Decimal(1),
        validators=[MinValueValidator(0)],
    )
    unit_price = models.DecimalField(
        _("unit price"), max_digits=18, decimal_places=2, validators=[MinValueValidator(0)]
    )
    discount_percent = models.DecimalField(
        _("discount (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(0),
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("line item")
        verbose_name_plural = _("line items")
        ordering = ["deal", "position", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def total(self) -> Decimal:
        gross = self.quantity * self.unit_price
        return (gross * (100 - self.discount_percent) / 100).quantize(Decimal("0.01"))


class StageChange(models.Model):
    """One move of a deal: created in a stage, moved to another, won, lost or reopened."""

    deal = models.ForeignKey(Deal, on_delete=models.CASCADE, related_name="stage_changes")
    from_stage = models.ForeignKey(
        Stage, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    to_stage = models.ForeignKey(Stage, null=True, on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(max_length=4, choices=DealStatus.choices)
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    # How long the deal had been in ``from_stage``: time in stage without a window query.
    seconds_in_previous = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("stage change")
        verbose_name_plural = _("stage changes")
        ordering = ["deal", "at", "id"]
        indexes = [models.Index(fields=["deal", "at"]), models.Index(fields=["at"])]

    def __str__(self) -> str:
        return f"{self.from_stage} → {self.to_stage} ({self.status})"
