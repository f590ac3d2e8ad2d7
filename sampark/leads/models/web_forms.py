"""Web forms: the enquiry forms a firm embeds on its own website, each turning a visitor's
submission into a lead.

A form is a record like any other (owned, in a team, audited, versioned): its owner and team are
who the leads it captures go to. Its public token is the only thing the embedding page knows;
it names the form in the public address ``/f/<token>/`` and reveals nothing else.
"""

from __future__ import annotations

import secrets
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from sampark.core.records import OwnedQuerySet, OwnedRecord
from sampark.lib.countries import validate_country


class FormField(models.TextChoices):
    """What a web form may ask besides the name, which it always asks."""

    EMAIL = "email", _("Email")
    PHONE = "phone", _("Phone")
    COMPANY_NAME = "company_name", _("Company")
    JOB_TITLE = "job_title", _("Job title")
    COUNTRY = "country", _("Country")
    MESSAGE = "message", _("Message")
    CONSENT = "consent", _("Consent to be contacted")


def new_public_token() -> str:
    # 128 random bits: a form's address cannot be guessed from another's.
    return secrets.token_urlsafe(16)


def default_fields() -> list[str]:
    return [FormField.EMAIL, FormField.PHONE, FormField.MESSAGE]


def default_required() -> list[str]:
    return [FormField.EMAIL]


def origin_of(url: str) -> str:
    """``https://Example.com:443/contact?x`` → ``https://example.com``; "" if not a web URL."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return ""
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        return ""
    default = {"http": 80, "https": 443}[parts.scheme]
    host = parts.hostname.lower()
    return f"{parts.scheme}://{host}" + (f":{port}" if port and port != default else "")


class WebFormQuerySet(OwnedQuerySet["WebForm"]):
    def active(self) -> WebFormQuerySet:
        return self.filter(is_active=True)


class WebForm(OwnedRecord):
    name = models.CharField(
        _("name"), max_length=100, help_text=_("Also the heading of the form's own page.")
    )
    public_token = models.CharField(
        _("public token"), max_length=32, unique=True, default=new_public_token, editable=False
    )
    asked = models.JSONField(
        _("fields asked"),
        default=default_fields,
        blank=True,
        help_text=_("Besides the name, which every form asks."),
    )
    required = models.JSONField(_("required fields"), default=default_required, blank=True)
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("Of the form's labels and messages, and the leads' preferred language."),
    )
    default_country = models.CharField(
        _("visitors' country"),
        max_length=2,
        blank=True,
        validators=[validate_country],
        help_text=_("Phone numbers typed without a country code are read in this country."),
    )
    consent_text = models.CharField(
        _("consent wording"),
        max_length=500,
        blank=True,
        help_text=_("The sentence visitors tick to agree to be contacted; kept with each lead."),
    )
    thank_you_message = models.TextField(
        _("thank-you message"), blank=True, help_text=_("Shown after a visitor sends the form.")
    )
    redirect_url = models.URLField(
        _("redirect to"),
        max_length=500,
        blank=True,
        help_text=_("Instead of the thank-you message, send the visitor to this page."),
    )
    allowed_origins = models.TextField(
        _("allowed websites"),
        blank=True,
        help_text=_(
            "One per line, such as https://www.example.com. When set, submissions sent from "
            "other websites are refused."
        ),
    )
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("An inactive form takes no submissions.")
    )

    objects = WebFormQuerySet.as_manager()

    class Meta:
        verbose_name = _("web form")
        verbose_name_plural = _("web forms")
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["owner", "team"])]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors: dict[str, list[Any]] = {}
        known = set(FormField.values)
        asked = list(self.asked or [])
        if not isinstance(self.asked, list) or set(asked) - known:
            errors["asked"] = [_("Choose among the fields offered.")]
        if not isinstance(self.required, list) or set(self.required or []) - set(asked):
            errors["required"] = [_("A required field must also be asked.")]
        if FormField.CONSENT in asked and not self.consent_text.strip():
            errors["consent_text"] = [_("Say what visitors agree to when they tick the box.")]
        bad = [line for line in self._origin_lines() if not origin_of(line)]
        if bad:
            errors["allowed_origins"] = [
                _("“%(line)s” is not a website address such as https://www.example.com.")
                % {"line": line}
                for line in bad
            ]
        if errors:
            raise ValidationError(errors)
        # Stored as origins, whatever path was pasted after them.
        self.allowed_origins = "\n".join(dict.fromkeys(self.origins()))

    def _origin_lines(self) -> list[str]:
        return [line.strip() for line in self.allowed_origins.splitlines() if line.strip()]

    def origins(self) -> list[str]:
        return [origin for line in self._origin_lines() if (origin := origin_of(line))]

    def asks(self, field: str) -> bool:
        return field in (self.asked or [])

    def requires(self, field: str) -> bool:
        return field in (self.required or [])
