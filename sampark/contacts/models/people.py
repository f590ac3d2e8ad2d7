"""Contacts and companies: who a firm serves, how to reach them, and who they work for."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Value
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sampark.core.constraints import UniqueWhenSet
from sampark.core.models import validate_time_zone
from sampark.core.records import OwnedQuerySet, OwnedRecord
from sampark.lib.countries import validate_country


class LifecycleStage(models.TextChoices):
    SUBSCRIBER = "subscriber", _("Subscriber")
    LEAD = "lead", _("Lead")
    QUALIFIED = "qualified", _("Qualified")
    CUSTOMER = "customer", _("Customer")
    CHURNED = "churned", _("Churned")


class PreferredChannel(models.TextChoices):
    EMAIL = "email", _("Email")
    PHONE = "phone", _("Phone")
    SMS = "sms", _("SMS")
    WHATSAPP = "whatsapp", _("WhatsApp")
    CHAT = "chat", _("Chat")
    IN_PERSON = "in_person", _("In person")


class CompanySize(models.TextChoices):
    SOLO = "1", _("Just one person")
    MICRO = "2-10", _("2 to 10 people")
    SMALL = "11-50", _("11 to 50 people")
    MEDIUM = "51-250", _("51 to 250 people")
    LARGE = "251-1000", _("251 to 1,000 people")
    ENTERPRISE = "1000+", _("More than 1,000 people")


class Tag(models.Model):
    """A label shared by the whole workspace, on contacts and companies alike."""

    name = models.CharField(_("name"), max_length=60, unique=True)

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class CompanyQuerySet(OwnedQuerySet["Company"]):
    """Text filters go through the search index: contacts.search.narrow."""


class Company(OwnedRecord):
    name = models.CharField(_("name"), max_length=200)
    domain = models.CharField(
        _("web domain"), max_length=253, blank=True, help_text=_("Such as example.com.")
    )
    industry = models.CharField(_("industry"), max_length=100, blank=True)
    size = models.CharField(_("size"), max_length=10, choices=CompanySize.choices, blank=True)
    country = models.CharField(
        _("country"), max_length=2, blank=True, validators=[validate_country]
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="subsidiaries",
        verbose_name=_("parent company"),
    )
    external_id = models.CharField(
        _("external ID"),
        max_length=100,
        blank=True,
        help_text=_("The record's ID in the system it came from, so an import can find it again."),
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="companies", verbose_name=_("tags"))
    # Values of the admin-defined custom fields, by key (see sampark.customfields.storage).
    custom = models.JSONField(_("custom fields"), default=dict, blank=True)

    objects = CompanyQuerySet.as_manager()

    class Meta:
        verbose_name = _("company")
        verbose_name_plural = _("companies")
        ordering = ["name", "id"]
        indexes = [
            models.Index(fields=["owner", "team"]),
            models.Index(fields=["name", "id"]),
            models.Index(fields=["domain"]),
        ]
        constraints = [
            UniqueWhenSet(
                field="external_id",
                name="company_external_id_once",
                violation_error_message=_("Another company already has this external ID."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ContactQuerySet(OwnedQuerySet["Contact"]):
    """Text filters go through the search index: contacts.search.narrow."""


class Contact(OwnedRecord):
    display_name = models.CharField(_("name"), max_length=200)
    given_name = models.CharField(_("given name"), max_length=100, blank=True)
    family_name = models.CharField(_("family name"), max_length=100, blank=True)
    latin_name = models.CharField(
        _("name in Latin letters"),
        max_length=200,
        blank=True,
        help_text=_("How the name is written in English, for search and for mail merges."),
    )
    # The primary email and phone, kept here for lists and search; all of them are in
    # ContactEmail and ContactPhone.
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    country = models.CharField(
        _("country"), max_length=2, blank=True, validators=[validate_country]
    )
    language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    preferred_channel = models.CharField(
        _("preferred channel"),
        max_length=16,
        choices=PreferredChannel.choices,
        default=PreferredChannel.EMAIL,
    )
    time_zone = models.CharField(
        _("time zone"), max_length=64, blank=True, validators=[validate_time_zone]
    )
    lifecycle_stage = models.CharField(
        _("lifecycle stage"),
        max_length=16,
        choices=LifecycleStage.choices,
        default=LifecycleStage.LEAD,
    )
    source = models.CharField(_("source"), max_length=100, blank=True)
    referred_by = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="referrals",
        verbose_name=_("referred by"),
    )
    notes = models.TextField(
        _("communication notes"),
        blank=True,
        help_text=_("Style, etiquette and anything a colleague should know before reaching out."),
    )
    external_id = models.CharField(
        _("external ID"),
        max_length=100,
        blank=True,
        help_text=_("The record's ID in the system it came from, so an import can find it again."),
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="contacts", verbose_name=_("tags"))
    companies = models.ManyToManyField(
        Company,
        through="Affiliation",
        blank=True,
        related_name="contacts",
        verbose_name=_("companies"),
    )
    # Values of the admin-defined custom fields, by key (see sampark.customfields.storage).
    custom = models.JSONField(_("custom fields"), default=dict, blank=True)

    objects = ContactQuerySet.as_manager()

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["display_name", "id"]
        indexes = [
            models.Index(fields=["owner", "team"]),
            models.Index(fields=["display_name", "id"]),
            models.Index(fields=["lifecycle_stage", "display_name", "id"]),
            models.Index(fields=["lifecycle_stage", "updated_at", "id"]),
            models.Index(fields=["updated_at", "id"]),
        ]
        constraints = [
            UniqueWhenSet(
                field="external_id",
                name="contact_external_id_once",
                violation_error_message=_("Another contact already has this external ID."),
            ),
        ]

    def __str__(self) -> str:
        return self.display_name


class EmailLabel(models.TextChoices):
    WORK = "work", _("Work")
    PERSONAL = "personal", _("Personal")
    OTHER = "other", _("Other")


class PhoneLabel(models.TextChoices):
    MOBILE = "mobile", _("Mobile")
    WORK = "work", _("Work")
    HOME = "home", _("Home")
    OTHER = "other", _("Other")


class ContactEmailQuerySet(models.QuerySet["ContactEmail"]):
    def with_address(self, address: str) -> ContactEmailQuerySet:
        """The rows holding ``address``, whatever its case (people capitalise their address at
        whim), through the index on the folded address: a plain ``iexact`` becomes LIKE on
        SQLite and UPPER() on PostgreSQL, which no index serves (a scan of every row)."""
        return self.alias(folded=Lower("address")).filter(folded=Lower(Value(address.strip())))


class ContactEmail(models.Model):
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="emails")
    address = models.EmailField(_("email"))
    label = models.CharField(
        _("label"), max_length=10, choices=EmailLabel.choices, default=EmailLabel.WORK
    )
    is_primary = models.BooleanField(_("primary"), default=False)

    objects = ContactEmailQuerySet.as_manager()

    class Meta:
        verbose_name = _("email address")
        verbose_name_plural = _("email addresses")
        ordering = ["-is_primary", "id"]
        constraints = [
            models.UniqueConstraint(fields=["contact", "address"], name="contact_email_once")
        ]
        indexes = [
            models.Index(fields=["address"]),
            models.Index(Lower("address"), name="contact_email_folded"),
        ]

    def __str__(self) -> str:
        return self.address


class ContactPhone(models.Model):
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="phones")
    number = models.CharField(_("phone"), max_length=20, help_text=_("In E.164: +8801711000001."))
    label = models.CharField(
        _("label"), max_length=10, choices=PhoneLabel.choices, default=PhoneLabel.MOBILE
    )
    is_primary = models.BooleanField(_("primary"), default=False)

    class Meta:
        verbose_name = _("phone number")
        verbose_name_plural = _("phone numbers")
        ordering = ["-is_primary", "id"]
        constraints = [
            models.UniqueConstraint(fields=["contact", "number"], name="contact_phone_once")
        ]
        indexes = [models.Index(fields=["number"])]

    def __str__(self) -> str:
        return self.number


class Affiliation(models.Model):
    """A contact's place at a company: their title and role there."""

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="affiliations")
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="affiliations")
    # "Title" is also a task's or an article's: the context keeps the translations apart.
    title = models.CharField(
        pgettext_lazy("a person's position", "title"), max_length=120, blank=True
    )
    role = models.CharField(
        _("role"), max_length=120, blank=True, help_text=_("Such as decision maker or billing.")
    )
    is_primary = models.BooleanField(_("primary company"), default=False)

    class Meta:
        verbose_name = _("affiliation")
        verbose_name_plural = _("affiliations")
        constraints = [
            models.UniqueConstraint(fields=["contact", "company"], name="affiliation_once")
        ]

    def __str__(self) -> str:
        return f"{self.contact} · {self.company}"
