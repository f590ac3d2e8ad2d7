"""The catalogue, exchange rates and deals' line items over the REST API.

Mounted at the API's root, so its operations are:

- ``GET/POST /products``, ``GET/PATCH /products/{id}`` — everyone with a role reads the
  catalogue; managers and admins add and change it. ``prices`` (one per currency) are nested;
  sending them replaces them all. A product has no version: the last change wins;
- ``GET/POST /exchange-rates``, ``DELETE /exchange-rates/{id}`` — everyone reads; admins set a
  rate (one for a day that has one replaces it: 200 instead of 201) or delete one. Either brings
  the open deals in that currency to the new rate;
- ``GET/PUT /deals/{id}/lines`` — a deal's line items for whoever sees the deal; PUT, for whoever
  may change it, replaces them all and needs the deal's version (``If-Match``, as its ETag).

Money and rates are sent and returned as decimal strings ("1250.50"), never floats.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import ConfigDict

from sampark.core.api.auth import current_user
from sampark.core.api.errors import documented
from sampark.core.api.pagination import KeysetPagination
from sampark.core.api.versions import expected_version, set_etag
from sampark.core.models import User
from sampark.core.records import access_record
from sampark.core.roles import Action, Role, role_of
from sampark.sales import actions_products, actions_rates
from sampark.sales.actions_lines import save_lines
from sampark.sales.actions_products import MANAGE_CATALOGUE
from sampark.sales.actions_settings import MANAGE_SALES_SETTINGS
from sampark.sales.currency import base_currency
from sampark.sales.models import Deal, DealLine, ExchangeRate, Product, ProductKind

router = Router()

KINDS = ", ".join(ProductKind.values)
PRODUCTS, RATES, LINES = ["products"], ["exchange rates"], ["line items"]


def _require(user: User, allowed: frozenset[Role], message: str) -> None:
    if role_of(user) not in allowed:
        raise PermissionDenied(message)


def _reader(request: HttpRequest) -> User:
    user = current_user(request)
    _require(user, frozenset(Role), _("Your role does not allow this."))
    return user


# ---------- products ----------


class PriceIO(Schema):
    model_config = ConfigDict(extra="forbid")

    currency: str = Field(description="ISO 4217 code, such as BDT.")
    unit_price: Decimal = Field(description="Up to two decimal places; not negative.")


class ProductOut(Schema):
    id: int
    name: str
    code: str = Field(description="A SKU, ticker or plan code; unique when set.")
    kind: str = Field(description=f"One of {KINDS}.")
    unit: str
    description: str
    is_active: bool = Field(description="Inactive products are kept but not offered on deals.")
    prices: list[PriceIO] = Field(description="One per currency.")
    created_at: datetime.datetime

    @staticmethod
    def resolve_prices(product: Product) -> list[dict[str, Any]]:
        return [{"currency": p.currency, "unit_price": p.unit_price} for p in product.prices.all()]


class ProductIn(Schema):
    model_config = ConfigDict(extra="forbid")

    name: str
    code: str = ""
    kind: str = Field(ProductKind.PRODUCT.value, description=f"One of {KINDS}.")
    unit: str = ""
    description: str = ""
    is_active: bool = True
    prices: list[PriceIO] = Field([], description="One per currency.")


class ProductPatch(Schema):
    model_config = ConfigDict(extra="forbid")

    name: str | None = None
    code: str | None = None
    kind: str | None = Field(None, description=f"One of {KINDS}.")
    unit: str | None = None
    description: str | None = None
    is_active: bool | None = None
    prices: list[PriceIO] | None = Field(None, description="Replaces every price when sent.")


def _product(pk: int) -> Product:
    return get_object_or_404(Product.objects.prefetch_related("prices"), pk=pk)


def _split(values: dict[str, Any]) -> tuple[dict[str, Any], list[dict[str, Any]] | None]:
    prices = values.pop("prices", None)
    return {k: v for k, v in values.items() if v is not None}, prices


@router.get(
    "/products", response={200: list[ProductOut], **documented(401, 403, 422)}, tags=PRODUCTS
)
@paginate(KeysetPagination)
def list_products(
    request: HttpRequest, q: str = "", active: bool | None = None, kind: str = ""
) -> QuerySet[Product]:
    """The catalogue by name; `q` matches name or code, `active` and `kind` narrow it."""
    _reader(request)
    products = Product.objects.matching(q).prefetch_related("prices")
    if active is not None:
        products = products.filter(is_active=active)
    if kind:
        if kind not in ProductKind.values:
            raise ValidationError({"kind": _("Use one of: %(kinds)s.") % {"kinds": KINDS}})
        products = products.filter(kind=kind)
    return products


@router.post("/products", response={201: ProductOut, **documented(401, 403, 422)}, tags=PRODUCTS)
def create_product(
    request: HttpRequest, payload: ProductIn, response: HttpResponse
) -> Status[Product]:
    """Add a product with its prices (managers and admins)."""
    user = current_user(request)
    _require(user, MANAGE_CATALOGUE, _("Only managers and admins change the catalogue."))
    values, prices = _split(payload.model_dump())
    product = actions_products.create_product(by=user, prices=prices or [], **values)
    response["Location"] = f"{request.path.rstrip('/')}/{product.pk}"
    return Status(201, _product(product.pk))


@router.get(
    "/products/{int:product_id}",
    response={200: ProductOut, **documented(401, 403, 404)},
    tags=PRODUCTS,
)
def get_product(request: HttpRequest, product_id: int) -> Product:
    _reader(request)
    return _product(product_id)


@router.patch(
    "/products/{int:product_id}",
    response={200: ProductOut, **documented(401, 403, 404, 422)},
    tags=PRODUCTS,
)
def update_product(request: HttpRequest, product_id: int, payload: ProductPatch) -> Product:
    """Change the fields sent (managers and admins); `prices`, when sent, replace them all."""
    user = current_user(request)
    _require(user, MANAGE_CATALOGUE, _("Only managers and admins change the catalogue."))
    product = _product(product_id)
    values, prices = _split(payload.model_dump(exclude_unset=True))
    actions_products.update_product(product, by=user, values=values, prices=prices)
    return _product(product.pk)


# ---------- exchange rates ----------


class ExchangeRateOut(Schema):
    id: int
    currency: str = Field(description="ISO 4217 code, such as USD.")
    rate: Decimal = Field(description="How many units of the base currency one unit buys.")
    valid_from: datetime.date = Field(description="It holds from this day until the next rate.")
    base_currency: str = Field(description="The currency deal totals are given in.")

    @staticmethod
    def resolve_base_currency(rate: ExchangeRate) -> str:
        return base_currency()


class ExchangeRateIn(Schema):
    model_config = ConfigDict(extra="forbid")

    currency: str = Field(description="ISO 4217 code, such as USD; not the base currency.")
    rate: Decimal = Field(description="More than zero: base units per unit of the currency.")
    valid_from: datetime.date = Field(description="YYYY-MM-DD.")


@router.get(
    "/exchange-rates",
    response={200: list[ExchangeRateOut], **documented(401, 403, 422)},
    tags=RATES,
)
@paginate(KeysetPagination)
def list_rates(request: HttpRequest, currency: str = "") -> QuerySet[ExchangeRate]:
    """Every rate by currency, newest first; `currency` narrows to one."""
    _reader(request)
    rates = ExchangeRate.objects.order_by("currency", "-valid_from")
    return rates.filter(currency=currency.strip().upper()) if currency else rates


@router.post(
    "/exchange-rates",
    response={200: ExchangeRateOut, 201: ExchangeRateOut, **documented(401, 403, 422)},
    tags=RATES,
)
def set_rate(request: HttpRequest, payload: ExchangeRateIn) -> Status[ExchangeRate]:
    """Set a rate (admins): 201 when new, 200 when it replaced the rate of the same day."""
    user = current_user(request)
    _require(user, MANAGE_SALES_SETTINGS, _("Only admins set exchange rates."))
    rate, created = actions_rates.set_rate(by=user, **payload.model_dump())
    return Status(201 if created else 200, rate)


@router.delete(
    "/exchange-rates/{int:rate_id}",
    response={204: None, **documented(401, 403, 404)},
    tags=RATES,
)
def delete_rate(request: HttpRequest, rate_id: int) -> Status[None]:
    user = current_user(request)
    _require(user, MANAGE_SALES_SETTINGS, _("Only admins delete exchange rates."))
    actions_rates.delete_rate(get_object_or_404(ExchangeRate, pk=rate_id), by=user)
    return Status(204, None)


# ---------- line items ----------


class LineOut(Schema):
    product: int | None = Field(description="The catalogue product's id; null for free text.")
    name: str
    quantity: Decimal
    unit_price: Decimal = Field(description="In the deal's currency.")
    discount_percent: Decimal
    total: Decimal = Field(description="Quantity times unit price, less the discount.")

    @staticmethod
    def resolve_product(line: DealLine) -> int | None:
        return line.product_id


class DealLinesOut(Schema):
    deal: int
    currency: str = Field(description="The deal's currency, which every price is in.")
    amount: Decimal = Field(description="The deal's amount: the lines' total when it has any.")
    version: int = Field(description="The deal's version; send it back as If-Match to PUT.")
    lines: list[LineOut]


class LineIn(Schema):
    model_config = ConfigDict(extra="forbid")

    product: int | None = Field(
        None, description="A catalogue product's id; its name and price fill what is left out."
    )
    name: str = Field("", description="Needed for a free-text item.")
    quantity: Decimal = Decimal(1)
    unit_price: Decimal | None = Field(
        None, description="Left out: the product's price in the deal's currency."
    )
    discount_percent: Decimal = Decimal(0)


class DealLinesIn(Schema):
    model_config = ConfigDict(extra="forbid")

    lines: list[LineIn] = Field(description="Every line, in order; [] removes them all.")
    version: int | None = Field(
        None, description="The deal's version you read; or send it as If-Match instead."
    )


def _lines_body(deal: Deal) -> dict[str, Any]:
    return {
        "deal": deal.pk,
        "currency": deal.currency,
        "amount": deal.amount,
        "version": deal.version,
        "lines": list(deal.lines.all()),
    }


def _with_products(lines: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Product ids made products; an unknown id is the error of that line's field."""
    ids = {line["product"] for line in lines if line.get("product") is not None}
    found = Product.objects.in_bulk(ids)
    errors = {
        f"lines.{n}.product": [_("No such product.")]
        for n, line in enumerate(lines)
        if line.get("product") is not None and line["product"] not in found
    }
    if errors:
        raise ValidationError(errors)
    return [{**line, "product": found.get(line.get("product") or 0)} for line in lines]


@router.get(
    "/deals/{int:deal_id}/lines",
    response={200: DealLinesOut, **documented(401, 404)},
    tags=LINES,
)
def get_lines(request: HttpRequest, deal_id: int, response: HttpResponse) -> dict[str, Any]:
    """The deal's line items, with the deal's version as the ETag."""
    deal = access_record(current_user(request), Deal, deal_id)
    set_etag(response, deal)
    return _lines_body(deal)


@router.put(
    "/deals/{int:deal_id}/lines",
    response={200: DealLinesOut, **documented(401, 403, 404, 409, 422, 428)},
    tags=LINES,
)
def put_lines(
    request: HttpRequest, deal_id: int, payload: DealLinesIn, response: HttpResponse
) -> dict[str, Any]:
    """Replace the deal's line items; needs If-Match (or `version`) with the deal's version."""
    user = current_user(request)
    deal = access_record(user, Deal, deal_id, Action.CHANGE)
    values = payload.model_dump()
    version = expected_version(request, values.pop("version"))
    deal = save_lines(deal, _with_products(values["lines"]), by=user, expected_version=version)
    set_etag(response, deal)
    return _lines_body(deal)
