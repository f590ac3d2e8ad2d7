"""Leads: people who showed interest but are not yet clients, until they are qualified and
converted into a contact (with their company, and a deal when there is one to pursue).

A lead keeps where it came from (source, web form, the campaign's UTM tags and the page), what
it asked, whether it agreed to be contacted and in which words, and the sales team's judgement
of it (BANT: budget, authority, need, timeline). Once converted it stays as it was, pointing to
the contact, company and deal it became, so the path from first touch to sale can be read.
"""

from __future__ import annotations

import unicodedata

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sampark.contacts.models import Company, Contact
from sampark.contacts.models.transactions import validate_currency
from sampark.core.records import OwnedQuerySet, OwnedRecord
from sampark.leads.models.web_forms import WebForm
from sampark.lib.countries import validate_country
from sampark.sales.models import Deal


class LeadStatus(models.TextChoices):
    NEW = "new", _("New")
    CONTACTED = "contacted", _("Contacted")
    QUALIFIED = "qualified", _("Qualified")
    UNQUALIFIED = "unqualified", _("Unqualified")
    CONVERTED = "converted", _("Converted")


class LeadSource(models.TextChoices):
    WEB_FORM = "web_form", _("Web form")
    API = "api", _("API")
    IMPORT = "import", _("Import")
    EMAIL = "email", _("Email")
    MANUAL = "manual", _("Entered by hand")
    REFERRAL = "referral", _("Referral")
    PHONE = "phone", _("Phone call")
    EVENT = "event", _("Event")
    SOCIAL = "social", _("Social media")
    OTHER = "other", _("Other")


class Timeline(models.TextChoices):
    """When the lead means to buy: the T of BANT."""

    NOW = "now", _("Now")
    QUARTER = "quarter", _("Within 3 months")
    HALF_YEAR = "half_year", _("Within 6 months")
    YEAR = "year", _("Within a year")
    LATER = "later", _("Later or not known")


class LeadQuerySet(OwnedQuerySet["Lead"]):
    def open(self) -> LeadQuerySet:
        return self.exclude(status__in=[LeadStatus.CONVERTED, LeadStatus.UNQUALIFIED])

    def by_score(self) -> LeadQuerySet:
        """The highest score first, unscored leads last, then the newest."""
        # -1 rather than NULL for the unscored: keyset pages put NULLs first when descending.
        return self.annotate(score_rank=Coalesce("score", -1)).order_by(
            "-score_rank", "-created_at", "-id"
        )

    def matching(self, text: str) -> LeadQuerySet:
        """Leads whose name, email, company or phone contains ``text``. Leads are few next to
        contacts, and short-lived: a substring filter, not the contacts' search index."""
        text = " ".join(text.split())
        if not text:
            return self
        found = Q(name__icontains=text) | Q(email__icontains=text) | Q(company_name__icontains=text)
        # A phone typed as dialled at home (01711…, or ০১৭১১…) matches the stored +8801711…
        digits = "".join(str(unicodedata.decimal(ch)) for ch in text if ch.isdecimal())
        digits = digits.lstrip("0")
        if len(digits) >= 4:
            found |= Q(phone__contains=digits)
        return self.filter(found)


class Lead(OwnedRecord):
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(
        _("phone"), max_length=20, blank=True, help_text=_("In E.164: +8801711000001.")
    )
    company_name = models.CharField(_("company"), max_length=200, blank=True)
    job_title = models.CharField(_("job title"), max_length=120, blank=True)
    country = models.CharField(
        _("country"), max_length=2, blank=True, validators=[validate_country]
    )
    language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    source = models.CharField(
        _("source"), max_length=16, choices=LeadSource.choices, default=LeadSource.MANUAL
    )
    status = models.CharField(
        _("status"), max_length=12, choices=LeadStatus.choices, default=LeadStatus.NEW
    )
    unqualified_reason = models.CharField(_("why unqualified"), max_length=200, blank=True)
    # Qualification (BANT).
    budget = models.DecimalField(
        _("budget"),
        max_digits=18,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    budget_currency = models.CharField(
        _("budget currency"), max_length=3, blank=True, validators=[validate_currency]
    )
    decision_maker = models.BooleanField(
        _("decision maker"),
        null=True,
        blank=True,
        help_text=_("Whether they decide the purchase themselves; empty while not known."),
    )
    need = models.TextField(_("need"), blank=True)
    timeline = models.CharField(_("timeline"), max_length=10, choices=Timeline.choices, blank=True)
    # What they wrote, and what the team notes about them.
    message = models.TextField(_("message"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    # Where a web lead came from.
    web_form = models.ForeignKey(
        WebForm,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="leads",
        verbose_name=_("web form"),
    )
    utm_source = models.CharField(_("UTM source"), max_length=100, blank=True)
    utm_medium = models.CharField(_("UTM medium"), max_length=100, blank=True)
    utm_campaign = models.CharField(_("UTM campaign"), max_length=100, blank=True)
    page_url = models.URLField(_("page"), max_length=500, blank=True)
    # The embed script's anonymous id of the browser that sent the form (see models/visits.py).
    visitor = models.CharField(max_length=64, blank=True, editable=False)
    # Consent to be contacted: whether, in which words, and when it was given.
    consent = models.BooleanField(_("agreed to be contacted"), default=False)
    consent_text = models.CharField(_("consent wording"), max_length=500, blank=True)
    consent_at = models.DateTimeField(_("agreed on"), null=True, blank=True)
    # Set by lead scoring (sampark.scoring, through leads/scores.py); empty until scored.
    score = models.IntegerField(_("score"), null=True, blank=True)
    # What the lead became.
    converted_at = models.DateTimeField(_("converted"), null=True, blank=True)
    converted_contact = models.ForeignKey(
        Contact,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="source_leads",
        verbose_name=_("contact"),
    )
    converted_company = models.ForeignKey(
        Company,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="source_leads",
        verbose_name=_("company"),
    )
    converted_deal = models.ForeignKey(
        Deal,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="source_leads",
        verbose_name=_("deal"),
    )

    objects = LeadQuerySet.as_manager()

    # The score is derived from the lead by lead scoring (leads/scores.py), not said about it:
    # rescoring writes no audit entry and no new version, so an edit form open meanwhile stays
    # valid, and an edit never writes back a score it read before a rescore.
    AUDIT_EXCLUDE = OwnedRecord.AUDIT_EXCLUDE | {"score"}

    class Meta:
        verbose_name = _("lead")
        verbose_name_plural = _("leads")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["owner", "team"]),
            models.Index(fields=["created_at", "id"]),
            models.Index(fields=["status", "created_at", "id"]),
            models.Index(fields=["email"]),
            models.Index(fields=["phone"]),
            models.Index(fields=["visitor"]),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("leads:detail", args=[self.pk])

    @property
    def is_converted(self) -> bool:
        return self.status == LeadStatus.CONVERTED
