"""The catalogue: products, services and tradable assets, each with a price per currency.

Shared configuration, not anyone's record: managers and admins keep it, everyone sells from it.
A deal's line items (deals.py) copy the price they were sold at, so changing a price later
leaves past deals as they were.
"""

from __future__ import annotations

from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sampark.contacts.models.transactions import validate_currency
from sampark.core.constraints import UniqueWhenSet


class ProductKind(models.TextChoices):
    PRODUCT = "product", _("Product")
    SERVICE = "service", _("Service")
    ASSET = "asset", _("Tradable asset")


class ProductQuerySet(models.QuerySet["Product"]):
    def active(self) -> ProductQuerySet:
        return self.filter(is_active=True)

    def matching(self, text: str) -> ProductQuerySet:
        """Products whose name or code holds ``text``."""
        text = text.strip()
        if not text:
            return self
        return self.filter(models.Q(name__icontains=text) | models.Q(code__icontains=text))


class Product(models.Model):
    name = models.CharField(_("name"), max_length=200)
    code = models.CharField(
        _("code"), max_length=64, blank=True, help_text=_("A SKU, ticker or plan code.")
    )
    kind = models.CharField(
        _("kind"), max_length=10, choices=ProductKind.choices, default=ProductKind.PRODUCT
    )
    unit = models.CharField(_("unit"), max_length=30, blank=True)
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("Inactive products are kept but not offered.")
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    objects = ProductQuerySet.as_manager()

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("products")
        ordering = ["name", "id"]
        constraints = [
            UniqueWhenSet(
                field="code",
                name="product_code_once",
                violation_error_message=_("Another product already has this code."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})" if self.code else self.name


class ProductPrice(models.Model):
    product = models.ForeignKey(
        Product, on_delete=models.CASCADE, related_name="prices", verbose_name=_("product")
    )
    currency = models.CharField(_("currency"), max_length=3, validators=[validate_currency])
    unit_price = models.DecimalField(
        _("unit price"), max_digits=18, decimal_places=2, validators=[MinValueValidator(0)]
    )

    class Meta:
        verbose_name = _("price")
        verbose_name_plural = _("prices")
        ordering = ["product", "currency"]
        constraints = [
            models.UniqueConstraint(fields=["product", "currency"], name="one_price_a_currency"),
        ]

    def __str__(self) -> str:
        return f"{self.currency} {self.unit_price}"
