"""Postal addresses of contacts and companies, in any script, laid out as the country posts them."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sampark.contacts.models.people import Company, Contact
from sampark.lib.countries import validate_country


class AddressLabel(models.TextChoices):
    HOME = "home", _("Home")
    WORK = "work", _("Work")
    BILLING = "billing", _("Billing")
    SHIPPING = "shipping", _("Shipping")
    OTHER = "other", _("Other")


# Countries that write the postal code before the town ("10115 Berlin").
_CODE_BEFORE_TOWN = frozenset(
    {"AT", "BE", "CH", "DE", "DK", "ES", "FI", "FR", "IT", "NL", "NO", "PL", "PT", "SE"}
)
# Countries that write town, region and code on one line ("Springfield, IL 62704").
_TOWN_REGION_CODE = frozenset({"US", "CA", "AU"})


class Address(models.Model):
    """One address of a contact or of a company.

    One table with two nullable keys (exactly one set, checked by the database) rather than one
    model per owner: both owners' addresses share the same fields, checks, form, API schema and
    audit, and "everyone we have in Sylhet" stays one query. The owner is fixed; editing a
    record replaces its whole list (see contacts.addresses).
    """

    contact = models.ForeignKey(
        Contact, null=True, blank=True, on_delete=models.CASCADE, related_name="addresses"
    )
    company = models.ForeignKey(
        Company, null=True, blank=True, on_delete=models.CASCADE, related_name="addresses"
    )
    label = models.CharField(
        _("label"), max_length=10, choices=AddressLabel.choices, default=AddressLabel.OTHER
    )
    line1 = models.CharField(_("street address"), max_length=200, blank=True)
    line2 = models.CharField(_("street address, line 2"), max_length=200, blank=True)
    city = models.CharField(_("city or town"), max_length=100, blank=True)
    region = models.CharField(_("district, state or region"), max_length=100, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=12, blank=True)
    country = models.CharField(
        _("country"), max_length=2, blank=True, validators=[validate_country]
    )
    is_primary = models.BooleanField(_("primary"), default=False)
    # The primary address is always first (position 0); the others keep the order they were given.
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("address")
        verbose_name_plural = _("addresses")
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(contact__isnull=False, company__isnull=True)
                | Q(contact__isnull=True, company__isnull=False),
                name="address_of_a_contact_or_a_company",
            ),
            models.UniqueConstraint(
                fields=["contact"], condition=Q(is_primary=True), name="one_primary_contact_address"
            ),
            models.UniqueConstraint(
                fields=["company"], condition=Q(is_primary=True), name="one_primary_company_address"
            ),
        ]

    def __str__(self) -> str:
        return ", ".join(self.postal_lines() + ([self.country] if self.country else []))

    def postal_lines(self) -> list[str]:
        """The address as it goes on an envelope, without the country: street lines, then town
        and postal code (and region) in the order the country writes them."""
        town, region, code = self.city, self.region, self.postal_code
        if self.country in _TOWN_REGION_CODE:
            place = [" ".join(p for p in [", ".join(p for p in [town, region] if p), code] if p)]
        elif self.country == "GB":
            place = [town, region, code]  # the postcode on a line of its own
        elif self.country in _CODE_BEFORE_TOWN:
            place = [" ".join(p for p in [code, town] if p), region]
        else:
            place = [" ".join(p for p in [town, code] if p), region]
        return [line for line in [self.line1, self.line2, *place] if line]
