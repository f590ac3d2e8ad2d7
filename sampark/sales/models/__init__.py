"""The sales app's models, one module per concept; imported here so Django finds them."""

from sampark.sales.models.deals import (
    Deal,
    DealContact,
    DealLine,
    DealQuerySet,
    DealStatus,
    ForecastCategory,
    LostReason,
    StageChange,
)
from sampark.sales.models.forecasts import ForecastSnapshot, PeriodKind
from sampark.sales.models.money import ExchangeRate
from sampark.sales.models.pipelines import Pipeline, Stage
from sampark.sales.models.products import Product, ProductKind, ProductPrice

__all__ = [
    "Deal",
    "DealContact",
    "DealLine",
    "DealQuerySet",
    "DealStatus",
    "ExchangeRate",
    "ForecastCategory",
    "ForecastSnapshot",
    "LostReason",
    "PeriodKind",
    "Pipeline",
    "Product",
    "ProductKind",
    "ProductPrice",
    "Stage",
    "StageChange",
]
