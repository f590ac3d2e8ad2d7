"""The forecast over the REST API: ``GET /forecast`` — the figures of each period (see
sampark/sales/forecast.py), in the base currency, of the deals you may see. Money as decimal
strings."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from sampark.core.api.auth import current_user
from sampark.core.api.errors import ApiError, documented
from sampark.sales.currency import base_currency
from sampark.sales.forecast import Figures, forecast
from sampark.sales.models import PeriodKind, Pipeline

router = Router(tags=["forecast"])


class ForecastQuery(Schema):
    period: str = Field(PeriodKind.QUARTER, description="month or quarter")
    group_by: str = Field("", description="owner, team, or empty for totals only")
    pipeline: int | None = Field(None, description="a pipeline's id; all pipelines if empty")
    past: int = Field(2, ge=0, le=24, description="periods before the current one")
    ahead: int = Field(3, ge=0, le=24, description="periods after the current one")


class FiguresOut(Schema):
    won: Decimal
    commit: Decimal
    best_case: Decimal
    pipeline: Decimal
    weighted: Decimal
    open_deals: int
    won_deals: int


class GroupOut(FiguresOut):
    id: int | None = Field(description="the owner's or team's id")


class PeriodOut(Schema):
    starts_on: datetime.date
    figures: FiguresOut
    groups: list[GroupOut]
    committed_at_start: Decimal | None
    accuracy_percent: Decimal | None


class ForecastOut(Schema):
    currency: str
    period: str
    group_by: str
    without_close_date: int
    without_rate: int
    periods: list[PeriodOut]


def _figures(figures: Figures) -> dict[str, Any]:
    names = ("won", "commit", "best_case", "pipeline", "weighted", "open_deals", "won_deals")
    return {name: getattr(figures, name) for name in names}


@router.get("/forecast", response={200: ForecastOut, **documented(401, 422)})
def get_forecast(request: HttpRequest, query: Query[ForecastQuery]) -> Any:
    """Won, commit, best case, pipeline and weighted pipeline per period, with the accuracy of
    past periods against what was committed when they began."""
    user = current_user(request)
    fields: dict[str, list[str]] = {}
    if query.period not in PeriodKind.values:
        fields["period"] = [_("Use month or quarter.")]
    if query.group_by not in ("", "owner", "team"):
        fields["group_by"] = [_("Use owner, team or nothing.")]
    pipeline = None
    if query.pipeline is not None:
        pipeline = Pipeline.objects.filter(pk=query.pipeline).first()
        if pipeline is None:
            fields["pipeline"] = [_("There is no such pipeline.")]
    if fields:
        raise ApiError(422, "invalid", _("Some values are not valid; see fields."), fields=fields)
    found = forecast(
        user,
        period=query.period,
        group_by=query.group_by,
        pipeline=pipeline,
        past=query.past,
        ahead=query.ahead,
    )
    return {
        "currency": base_currency(),
        "period": found.period,
        "group_by": found.group_by,
        "without_close_date": found.without_date,
        "without_rate": found.without_rate,
        "periods": [
            {
                "starts_on": period.starts_on,
                "figures": _figures(period.figures),
                "groups": [
                    {"id": key, **_figures(figures)} for key, figures in period.by_group.items()
                ],
                "committed_at_start": period.forecast_at_start,
                "accuracy_percent": period.accuracy,
            }
            for period in found.periods
        ],
    }
