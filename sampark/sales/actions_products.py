"""Writes to the catalogue: products and their price in each currency, audited together.

Managers and admins keep the catalogue (``MANAGE_CATALOGUE``); everyone sells from it. A product
is never deleted here: deals' line items point at it, so one no longer sold is made inactive.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sampark.contacts.models.transactions import validate_currency
from sampark.core import audited
from sampark.core.models import User
from sampark.core.roles import Role
from sampark.sales.models import Product, ProductPrice

MANAGE_CATALOGUE = frozenset({Role.ADMIN, Role.MANAGER})

PRODUCT_FIELDS = ("name", "code", "kind", "unit", "description", "is_active")
_PRICE_LIMIT = Decimal(10) ** 16  # ProductPrice.unit_price: 18 digits, 2 of them decimals


def clean_prices(prices: Sequence[Mapping[str, Any]]) -> dict[str, Decimal]:
    """``prices`` (``currency``, ``unit_price``) checked, as currency -> price; errors are keyed
    ``prices.<n>.<field>``, the n-th price's field."""
    cleaned: dict[str, Decimal] = {}
    errors: dict[str, list[str]] = {}
    for n, price in enumerate(prices):
        currency = str(price.get("currency") or "").strip().upper()
        try:
            validate_currency(currency)
        except ValidationError as error:
            errors[f"prices.{n}.currency"] = error.messages
        else:
            if currency in cleaned:
                errors[f"prices.{n}.currency"] = [
                    _("The product already has a price in %(currency)s.") % {"currency": currency}
                ]
        try:
            amount = Decimal(str(price.get("unit_price")))
        except (InvalidOperation, ValueError):
            errors[f"prices.{n}.unit_price"] = [_("Enter a price, such as 1250.50.")]
            continue
        if not amount.is_finite() or amount < 0 or amount >= _PRICE_LIMIT:
            errors[f"prices.{n}.unit_price"] = [_("Enter a price of zero or more.")]
        elif amount != amount.quantize(Decimal("0.01")):
            errors[f"prices.{n}.unit_price"] = [_("Use at most two decimal places.")]
        elif f"prices.{n}.currency" not in errors:
            cleaned[currency] = amount
    if errors:
        raise ValidationError(errors)
    return cleaned


def price_list(prices: Mapping[str, Decimal]) -> list[str]:
    """The prices as the audit trail and History show them: ["BDT 1250.00", "USD 10.00"]."""
    return [f"{currency} {prices[currency]:.2f}" for currency in sorted(prices)]


def stored_prices(product: Product) -> dict[str, Decimal]:
    return {price.currency: price.unit_price for price in product.prices.all()}


def _checked(product: Product, prices: Sequence[Mapping[str, Any]] | None) -> dict[str, Decimal]:
    """The product's and the prices' errors at once, so a form shows them all together."""
    errors: dict[str, list[str]] = {}
    try:
        product.full_clean()
    except ValidationError as error:
        errors.update(error.message_dict)
    cleaned: dict[str, Decimal] = {}
    if prices is not None:
        try:
            cleaned = clean_prices(prices)
        except ValidationError as error:
            errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    return cleaned


def _normalised(values: Mapping[str, Any]) -> dict[str, Any]:
    values = {name: values[name] for name in PRODUCT_FIELDS if name in values}
    for name in ("name", "code", "unit"):
        if name in values:
            values[name] = str(values[name] or "").strip()
    return values


def create_product(*, by: User, prices: Sequence[Mapping[str, Any]] = (), **values: Any) -> Product:
    product = Product(**_normalised(values))
    cleaned = _checked(product, prices)
    with transaction.atomic():
        audited.create(product, by=by, fields=PRODUCT_FIELDS, extra={"prices": price_list(cleaned)})
        _store_prices(product, cleaned)
    return product


def update_product(
    product: Product,
    *,
    by: User,
    values: Mapping[str, Any],
    prices: Sequence[Mapping[str, Any]] | None = None,
) -> Product:
    """Change the fields in ``values``; ``prices``, when given, replace all of them."""
    values = _normalised(values)
    for name, value in values.items():
        setattr(product, name, value)
    cleaned = _checked(product, prices)
    before = stored_prices(product)
    extra = {}
    if prices is not None and cleaned != before:
        extra["prices"] = [price_list(before), price_list(cleaned)]
    with transaction.atomic():
        audited.update(product, by=by, values=values, fields=PRODUCT_FIELDS, extra=extra)
        if extra:
            product.prices.all().delete()
            _store_prices(product, cleaned)
    return product


def _store_prices(product: Product, prices: Mapping[str, Decimal]) -> None:
    ProductPrice.objects.bulk_create(
        ProductPrice(product=product, currency=currency, unit_price=amount)
        for currency, amount in prices.items()
    )
    # A list prefetched earlier would now be stale.
    getattr(product, "_prefetched_objects_cache", {}).pop("prices", None)
