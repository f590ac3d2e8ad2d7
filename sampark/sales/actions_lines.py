"""A deal's line items as people and programs send them: a line names a catalogue product, or
is a free-text item; a product's line takes the product's name and its price in the deal's
currency unless the sender gives their own. One rule for the web form and the API.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from sampark.core.models import User
from sampark.sales import actions
from sampark.sales.models import Deal, Product, ProductPrice

MAX_LINES = 100
LINE_FIELDS = ("product", "name", "quantity", "unit_price", "discount_percent")


def catalogue_price(product: Product, currency: str) -> Decimal | None:
    price = ProductPrice.objects.filter(product=product, currency=currency).first()
    return None if price is None else price.unit_price


def no_price_message(product: Product, currency: str) -> str:
    return _(
        "%(product)s has no price in %(currency)s. Enter a unit price, or add one to the catalogue."
    ) % {"product": product.name, "currency": currency}


def offered_products(deal: Deal) -> QuerySet[Product]:
    """What a line of ``deal`` may name: the active products, and any it already names."""
    on_deal = deal.lines.exclude(product=None).values("product_id")
    return Product.objects.filter(Q(is_active=True) | Q(pk__in=on_deal))


def complete_lines(deal: Deal, lines: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """``lines`` with each product's name and price filled in where left out, checked as far
    as the catalogue goes; errors are keyed ``lines.<n>.<field>``."""
    if len(lines) > MAX_LINES:
        raise ValidationError(
            {"lines": _("A deal has at most %(count)d line items.") % {"count": MAX_LINES}}
        )
    offered = set(offered_products(deal).values_list("pk", flat=True))
    completed: list[dict[str, Any]] = []
    errors: dict[str, list[str]] = {}
    for n, sent in enumerate(lines):
        line = {name: sent[name] for name in LINE_FIELDS if sent.get(name) is not None}
        line["name"] = str(line.get("name", "")).strip()
        product: Product | None = line.get("product")
        if product is not None and product.pk not in offered:
            errors[f"lines.{n}.product"] = [_("This product is no longer offered.")]
        elif product is not None:
            line["name"] = line["name"] or product.name
            if line.get("unit_price") is None:
                price = catalogue_price(product, deal.currency)
                if price is None:
                    errors[f"lines.{n}.product"] = [no_price_message(product, deal.currency)]
                line["unit_price"] = price
        else:
            if not line["name"]:
                errors[f"lines.{n}.name"] = [_("Name the item, or choose a product.")]
            if line.get("unit_price") is None:
                errors[f"lines.{n}.unit_price"] = [_("Enter a unit price.")]
        completed.append(line)
    if errors:
        raise ValidationError(errors)
    return completed


def save_lines(
    deal: Deal,
    lines: Sequence[Mapping[str, Any]],
    *,
    by: User,
    expected_version: int | None = None,
) -> Deal:
    """Make ``lines`` the deal's line items (``actions.set_lines``), completed from the
    catalogue first."""
    return actions.set_lines(
        deal, complete_lines(deal, lines), by=by, expected_version=expected_version
    )
