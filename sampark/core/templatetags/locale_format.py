"""Template filters for locale-correct numbers, money and dates: ``{{ amount|money:"BDT" }}``."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django import template

from sampark.lib import locale_format

register = template.Library()


@register.filter
def number(value: int | float | Decimal | None) -> str:
    return "" if value is None else locale_format.format_number(value)


@register.filter
def percent(share: float | None) -> str:
    """``{{ 0.625|percent }}``: 62%, in the UI language's digits."""
    return "" if share is None else locale_format.format_percent(share)


@register.filter
def money(value: Decimal | int | float | None, currency: str) -> str:
    return "" if value is None else locale_format.format_money(value, currency)


@register.filter
def local_date(value: datetime.date | None, style: str = "medium") -> str:
    return "" if value is None else locale_format.format_date(value, style)


@register.filter
def local_datetime(value: datetime.datetime | None, style: str = "medium") -> str:
    return "" if value is None else locale_format.format_datetime(value, style)


@register.filter
def country(code: str | None) -> str:
    return locale_format.country_name(code or "")
