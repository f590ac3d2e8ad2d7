"""Lead scoring: the admins' rules, the models trained on the firm's own history, and each lead's
score with the factors that explain it.

A rule is configuration (like a pipeline): it belongs to no one, and admins change it in
Settings. A trained model is kept as numbers — feature names, coefficients, the scaling each
feature was standardised with — never as a pickle, so it can be read, shown and checked. A lead's
score lives in ``Lead.score`` (for sorting and filtering the list) and here, in ``LeadScore``,
with where it came from and its top factors.
"""

from __future__ import annotations

import enum
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from sampark.leads.models import Lead, LeadSource, LeadStatus, Timeline
from sampark.lib.countries import is_country
from sampark.lib.locale_format import country_name
from sampark.scoring.linear import LinearModel

MAX_POINTS = 100


class RuleField(models.TextChoices):
    """What a rule looks at: one of the lead's fields, or something the lead did."""

    SOURCE = "source", _("Source")
    STATUS = "status", _("Status")
    COUNTRY = "country", _("Country")
    LANGUAGE = "language", _("Preferred language")
    JOB_TITLE = "job_title", _("Job title")
    COMPANY = "company_name", _("Company")
    EMAIL = "email", _("Email")
    PHONE = "phone", _("Phone")
    BUDGET = "budget", _("Budget")
    DECISION_MAKER = "decision_maker", _("Decision maker")
    NEED = "need", _("Need")
    TIMELINE = "timeline", _("Timeline")
    MESSAGE = "message", _("Message")
    CONSENT = "consent", _("Agreed to be contacted")
    CAMPAIGN = "utm_campaign", _("Campaign (UTM)")
    # Behaviour: what the lead did, rather than what they told.
    WEB_FORM = "web_form", _("Came through a web form")
    SUBMISSIONS = "submissions", _("Web form submissions from their email")
    EMAILS = "emails", _("Emails they sent to a sales mailbox")
    VISITS = "visits", _("Visits to pages with a web form")
    OPENS = "opens", _("Opens of the emails sent to them")
    CLICKS = "clicks", _("Links followed in the emails sent to them")
    ACTIVITIES = "activities", _("Calls, meetings and notes logged with them")
    MESSAGE_LENGTH = "message_length", _("Length of their message (characters)")


class RuleOperator(models.TextChoices):
    EQUALS = "equals", _("is")
    NOT_EQUALS = "not_equals", _("is not")
    CONTAINS = "contains", _("contains")
    IS_SET = "is_set", _("is given")
    IS_EMPTY = "is_empty", _("is not given")
    AT_LEAST = "at_least", _("is at least")
    AT_MOST = "at_most", _("is at most")


class ValueKind(enum.Enum):
    CHOICE = "choice"  # one of the field's choices, by code or by name
    COUNTRY = "country"  # an ISO code
    TEXT = "text"  # compared without regard to case
    AMOUNT = "amount"  # a number that may be missing (budget)
    COUNT = "count"  # a whole number that is always there
    YES_NO = "yes_no"  # a yes or no that is always there (consent)
    KNOWN_YES_NO = "known_yes_no"  # yes, no, or not known (decision maker)
    PRESENCE = "presence"  # there or not (the web form)


KINDS: dict[str, ValueKind] = {
    RuleField.SOURCE: ValueKind.CHOICE,
    RuleField.STATUS: ValueKind.CHOICE,
    RuleField.COUNTRY: ValueKind.COUNTRY,
    RuleField.LANGUAGE: ValueKind.CHOICE,
    RuleField.JOB_TITLE: ValueKind.TEXT,
    RuleField.COMPANY: ValueKind.TEXT,
    RuleField.EMAIL: ValueKind.TEXT,
    RuleField.PHONE: ValueKind.TEXT,
    RuleField.BUDGET: ValueKind.AMOUNT,
    RuleField.DECISION_MAKER: ValueKind.KNOWN_YES_NO,
    RuleField.NEED: ValueKind.TEXT,
    RuleField.TIMELINE: ValueKind.CHOICE,
    RuleField.MESSAGE: ValueKind.TEXT,
    RuleField.CONSENT: ValueKind.YES_NO,
    RuleField.CAMPAIGN: ValueKind.TEXT,
    RuleField.WEB_FORM: ValueKind.PRESENCE,
    RuleField.SUBMISSIONS: ValueKind.COUNT,
    RuleField.EMAILS: ValueKind.COUNT,
    RuleField.VISITS: ValueKind.COUNT,
    RuleField.OPENS: ValueKind.COUNT,
    RuleField.CLICKS: ValueKind.COUNT,
    RuleField.ACTIVITIES: ValueKind.COUNT,
    RuleField.MESSAGE_LENGTH: ValueKind.COUNT,
}

_O = RuleOperator
OPERATORS: dict[ValueKind, tuple[str, ...]] = {
    ValueKind.CHOICE: (_O.EQUALS, _O.NOT_EQUALS, _O.IS_SET, _O.IS_EMPTY),
    ValueKind.COUNTRY: (_O.EQUALS, _O.NOT_EQUALS, _O.IS_SET, _O.IS_EMPTY),
    ValueKind.TEXT: (_O.CONTAINS, _O.EQUALS, _O.NOT_EQUALS, _O.IS_SET, _O.IS_EMPTY),
    ValueKind.AMOUNT: (_O.AT_LEAST, _O.AT_MOST, _O.IS_SET, _O.IS_EMPTY),
    ValueKind.COUNT: (_O.AT_LEAST, _O.AT_MOST),
    ValueKind.YES_NO: (_O.EQUALS,),
    ValueKind.KNOWN_YES_NO: (_O.EQUALS, _O.IS_SET, _O.IS_EMPTY),
    ValueKind.PRESENCE: (_O.IS_SET, _O.IS_EMPTY),
}
NEEDS_VALUE = frozenset({_O.EQUALS, _O.NOT_EQUALS, _O.CONTAINS, _O.AT_LEAST, _O.AT_MOST})
YES, NO = "yes", "no"


def field_choices(field: str) -> list[tuple[str, Any]]:
    """The values a CHOICE field takes, as (code, name)."""
    choices: dict[str, list[tuple[str, Any]]] = {
        RuleField.SOURCE: LeadSource.choices,
        RuleField.STATUS: LeadStatus.choices,
        RuleField.TIMELINE: Timeline.choices,
        RuleField.LANGUAGE: list(settings.LANGUAGES),
    }
    return choices.get(field, [])


def _choice_value(field: str, value: str) -> str:
    wanted = value.casefold()
    for code, label in field_choices(field):
        if wanted in (code.casefold(), str(label).casefold()):
            return code
    names = ", ".join(str(label) for _code, label in field_choices(field))
    raise ValidationError(gettext("Use one of: %(values)s.") % {"values": names})


def _number(value: str, *, whole: bool) -> str:
    try:
        number = Decimal(value.replace(",", "").strip())
    except InvalidOperation:
        number = Decimal("NaN")
    if not number.is_finite() or number < 0 or (whole and number != number.to_integral_value()):
        raise ValidationError(
            gettext("Enter a whole number of 0 or more.")
            if whole
            else gettext("Enter a number of 0 or more.")
        )
    return str(number.to_integral_value() if whole else number.normalize())


def checked_value(field: str, operator: str, value: str) -> str:
    """``value`` as a rule on ``field`` with ``operator`` stores it, or a ValidationError on
    ``operator`` or ``value`` saying what is wrong."""
    kind = KINDS.get(field)
    if kind is None:
        raise ValidationError({"field": gettext("Choose what the rule looks at.")})
    if operator not in OPERATORS[kind]:
        allowed = ", ".join(str(RuleOperator(op).label) for op in OPERATORS[kind])
        raise ValidationError(
            {
                "operator": gettext("For %(field)s, use one of: %(operators)s.")
                % {"field": RuleField(field).label, "operators": allowed}
            }
        )
    value = " ".join(value.split())
    if operator not in NEEDS_VALUE:
        return ""  # "is given" looks at no value: one left in the form is not kept
    if not value:
        raise ValidationError({"value": gettext("Say what the rule compares with.")})
    try:
        if kind is ValueKind.CHOICE:
            return _choice_value(field, value)
        if kind is ValueKind.COUNTRY:
            if not is_country(value.upper()):
                raise ValidationError(
                    gettext("“%(code)s” is not a country code; use two letters such as BD or IN.")
                    % {"code": value}
                )
            return value.upper()
        if kind in (ValueKind.YES_NO, ValueKind.KNOWN_YES_NO):
            # In English or in the admin's own language.
            yes = {YES, gettext("yes").casefold()}
            if value.casefold() not in yes | {NO, gettext("no").casefold()}:
                raise ValidationError(gettext("Enter yes or no."))
            return YES if value.casefold() in yes else NO
        if kind in (ValueKind.AMOUNT, ValueKind.COUNT):
            return _number(value, whole=kind is ValueKind.COUNT)
    except ValidationError as error:
        raise ValidationError({"value": error.messages}) from None
    return value


class ScoringRule(models.Model):
    """Points a lead gets when ``field`` meets ``operator`` (with ``value``)."""

    name = models.CharField(
        _("name"),
        max_length=100,
        blank=True,
        help_text=_("Shown as the reason for the points; the condition itself when empty."),
    )
    field = models.CharField(_("looks at"), max_length=20, choices=RuleField.choices)
    operator = models.CharField(_("condition"), max_length=12, choices=RuleOperator.choices)
    value = models.CharField(_("value"), max_length=200, blank=True)
    points = models.SmallIntegerField(
        _("points"),
        validators=[MinValueValidator(-MAX_POINTS), MaxValueValidator(MAX_POINTS)],
        help_text=_("From -100 to 100; negative points lower the score."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("scoring rule")
        verbose_name_plural = _("scoring rules")
        ordering = ["-is_active", "-points", "id"]

    def __str__(self) -> str:
        return self.label()

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.points == 0:
            errors["points"] = gettext("A rule that gives no points changes nothing.")
        if self.field and self.operator:
            try:
                self.value = checked_value(self.field, self.operator, self.value or "")
            except ValidationError as error:
                errors.update(error.message_dict)
        if errors:
            raise ValidationError(errors)

    def condition(self) -> str:
        """The rule in words, in the active language: "Job title contains “director”"."""
        field = RuleField(self.field).label
        operator = RuleOperator(self.operator).label
        if not self.value:
            return f"{field} {operator}"
        return f"{field} {operator} {self.value_label()}"

    def value_label(self) -> str:
        kind = KINDS[self.field]
        if kind is ValueKind.CHOICE:
            return str(dict(field_choices(self.field)).get(self.value, self.value))
        if kind is ValueKind.COUNTRY:
            return country_name(self.value)
        if kind in (ValueKind.YES_NO, ValueKind.KNOWN_YES_NO):
            return gettext("yes") if self.value == YES else gettext("no")
        if kind is ValueKind.TEXT:
            return f"“{self.value}”"
        return self.value

    def label(self) -> str:
        return self.name or self.condition()


class ScoringModelQuerySet(models.QuerySet["ScoringModel"]):
    def current(self) -> ScoringModel | None:
        """The newest model: each training replaces the last."""
        return self.order_by("-trained_at", "-id").first()


class ScoringModel(models.Model):
    """A logistic regression trained on the firm's won and lost leads, as plain numbers.

    ``features`` names each column (``source=referral``, ``has_phone``…); a lead's column value
    is standardised with ``means`` and ``scales`` before it meets its ``coefficients``, so a
    coefficient is what one standard deviation of that feature adds to the log-odds.
    """

    trained_at = models.DateTimeField(_("trained"), default=timezone.now)
    trained_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("trained by"),
        help_text=_("Empty when the daily task trained it."),
    )
    n_samples = models.PositiveIntegerField(_("labelled leads"))
    n_positive = models.PositiveIntegerField(_("won"))
    n_holdout = models.PositiveIntegerField(_("held out"))
    auc = models.FloatField(_("holdout AUC"))
    intercept = models.FloatField(_("intercept"))
    features = models.JSONField(_("features"), default=list)
    coefficients = models.JSONField(_("coefficients"), default=list)
    means = models.JSONField(_("means"), default=list)
    scales = models.JSONField(_("scales"), default=list)

    objects = ScoringModelQuerySet.as_manager()

    class Meta:
        verbose_name = _("scoring model")
        verbose_name_plural = _("scoring models")
        ordering = ["-trained_at", "-id"]

    def __str__(self) -> str:
        return f"{self.trained_at:%Y-%m-%d %H:%M} (AUC {self.auc:.2f})"

    @property
    def n_negative(self) -> int:
        return self.n_samples - self.n_positive

    def linear(self) -> LinearModel:
        return LinearModel(
            columns=list(self.features),
            coefficients=[float(c) for c in self.coefficients],
            intercept=self.intercept,
            means=[float(m) for m in self.means],
            scales=[float(s) for s in self.scales],
        )


class ScoreSource(models.TextChoices):
    MODEL = "model", _("the model trained on your history")
    RULES = "rules", _("your scoring rules")


class LeadScore(models.Model):
    """A lead's current score, where it came from, and what moved it most.

    ``factors`` are kept as data and put into words when shown, in the reader's language:
    ``{"rule": id, "points": n}`` for a rule, ``{"feature": group, "value": …, "points": n}``
    for the model (``value`` is the lead's own value of that feature group).
    """

    lead = models.OneToOneField(
        Lead,
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="score_detail",
        verbose_name=_("lead"),
    )
    score = models.PositiveSmallIntegerField(_("score"), validators=[MaxValueValidator(100)])
    source = models.CharField(_("from"), max_length=5, choices=ScoreSource.choices)
    model = models.ForeignKey(
        ScoringModel,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("model"),
    )
    # Where an average lead would be (the model's baseline), for "a typical lead scores …".
    baseline = models.PositiveSmallIntegerField(_("baseline"), null=True, blank=True)
    factors = models.JSONField(_("factors"), default=list)
    scored_at = models.DateTimeField(_("scored"), default=timezone.now)

    class Meta:
        verbose_name = _("lead score")
        verbose_name_plural = _("lead scores")

    def __str__(self) -> str:
        return f"{self.lead_id}: {self.score}"
