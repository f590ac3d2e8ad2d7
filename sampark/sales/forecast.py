"""The sales forecast: what will close in each month or quarter, by owner or team.

For a period and the deals a user may see, in the base currency (``Deal.amount_base``):

- **won**: deals won in the period (by when they were won);
- **commit**: won, plus open deals expected to close in it that their owners put in "commit";
- **best case**: commit, plus the open "best case" deals;
- **pipeline**: won, plus every open deal expected then, save "omitted" ones;
- **weighted**: won, plus each such open deal's amount times its stage's win probability.

Open deals whose expected close date has passed are counted in the current period: they have
slipped, not vanished. Open deals without a date, and amounts in a currency without an exchange
rate, are left out and counted, so the page can say so.

A period that is over is also set against what the forecast said at its start
(``ForecastSnapshot``, taken by ``take_snapshots`` from a daily task): the accuracy is how near
the committed figure came to what was won.

Two aggregate queries whatever the number of deals: open deals grouped by close period,
category and owner; won deals grouped by period and owner.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, DecimalField, ExpressionWrapper, F, Q, Sum
from django.db.models.functions import TruncMonth, TruncQuarter
from django.utils import timezone

from sampark.core.models import User
from sampark.core.records import reach_condition
from sampark.sales.models import (
    Deal,
    DealStatus,
    ForecastCategory,
    ForecastSnapshot,
    PeriodKind,
    Pipeline,
)

ZERO = Decimal(0)
_CENTS = Decimal("0.01")
# An open deal's amount times its stage's chance of being won.
_WEIGHTED = ExpressionWrapper(
    F("amount_base") * F("stage__probability") / 100,
    output_field=DecimalField(max_digits=24, decimal_places=4),
)


def period_start(day: datetime.date, period: str) -> datetime.date:
    month = day.month if period == PeriodKind.MONTH else (day.month - 1) // 3 * 3 + 1
    return day.replace(month=month, day=1)


def shift(start: datetime.date, period: str, steps: int) -> datetime.date:
    """The start of the period ``steps`` periods after the one starting on ``start``."""
    months = steps * (1 if period == PeriodKind.MONTH else 3)
    index = start.year * 12 + start.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


@dataclass
class Figures:
    won: Decimal = ZERO
    commit: Decimal = ZERO
    best_case: Decimal = ZERO
    pipeline: Decimal = ZERO
    weighted: Decimal = ZERO
    open_deals: int = 0
    won_deals: int = 0

    def add_open(self, category: str, amount: Decimal, weighted: Decimal, deals: int) -> None:
        if category == ForecastCategory.OMITTED:
            return
        self.open_deals += deals
        self.pipeline += amount
        self.weighted += weighted
        if category in (ForecastCategory.COMMIT, ForecastCategory.BEST_CASE):
            self.best_case += amount
        if category == ForecastCategory.COMMIT:
            self.commit += amount

    def add_won(self, amount: Decimal, deals: int) -> None:
        self.won_deals += deals
        for name in ("won", "commit", "best_case", "pipeline", "weighted"):
            setattr(self, name, getattr(self, name) + amount)


@dataclass
class Period:
    starts_on: datetime.date
    figures: Figures
    by_group: dict[int | None, Figures]
    is_past: bool = False
    # What was committed when the period began, and how near the won amount came to it.
    forecast_at_start: Decimal | None = None

    @property
    def accuracy(self) -> Decimal | None:
        """100 % when the won amount is what was committed; less the further off, either way."""
        if not self.is_past or not self.forecast_at_start:
            return None
        miss = abs(self.figures.won - self.forecast_at_start) / self.forecast_at_start
        return max(ZERO, (1 - miss) * 100).quantize(Decimal("0.1"))


@dataclass
class Forecast:
    period: str
    periods: list[Period]
    group_by: str  # "owner", "team" or ""
    without_date: int = 0  # open deals with no expected close date
    without_rate: int = 0  # deals in a currency with no exchange rate
    groups: list[int | None] = field(default_factory=list)


def forecast(
    user: User,
    *,
    period: str = PeriodKind.QUARTER,
    group_by: str = "",
    pipeline: Pipeline | None = None,
    past: int = 2,
    ahead: int = 3,
    today: datetime.date | None = None,
) -> Forecast:
    """The forecast of the deals ``user`` may see, from ``past`` periods before the current one
    to ``ahead`` after it."""
    today = today or timezone.localdate()
    current = period_start(today, period)
    starts = [shift(current, period, n) for n in range(-past, ahead + 1)]
    end = shift(starts[-1], period, 1)
    deals = Deal.objects.visible_to(user)
    if pipeline is not None:
        deals = deals.filter(pipeline=pipeline)
    group = {"owner": "owner_id", "team": "team_id"}.get(group_by)
    found = Forecast(period, [], group_by)
    periods = {start: Period(start, Figures(), defaultdict(Figures)) for start in starts}
    trunc = TruncMonth if period == PeriodKind.MONTH else TruncQuarter

    open_deals = deals.filter(status=DealStatus.OPEN, expected_close__lt=end)
    found.without_date = deals.filter(status=DealStatus.OPEN, expected_close=None).count()
    rows = (
        open_deals.annotate(starts=trunc("expected_close"))
        .values("starts", "forecast_category", *([group] if group else []))
        .annotate(
            amount=Sum("amount_base"),
            weighted=Sum(_WEIGHTED),
            deals=Count("id"),
            unrated=Count("id", filter=Q(amount_base=None)),
        )
        .order_by()
    )
    for row in rows:
        starts_on = max(_as_date(row["starts"]), current)  # slipped deals count now
        found.without_rate += row["unrated"]
        if starts_on not in periods:
            continue
        key = row[group] if group else None
        amount, weight = _money(row["amount"]), _money(row["weighted"])
        for figures in (periods[starts_on].figures, periods[starts_on].by_group[key]):
            figures.add_open(row["forecast_category"], amount, weight, row["deals"])

    first = timezone.make_aware(datetime.datetime.combine(starts[0], datetime.time()))
    last = timezone.make_aware(datetime.datetime.combine(end, datetime.time()))
    won = (
        deals.filter(status=DealStatus.WON, closed_at__gte=first, closed_at__lt=last)
        .annotate(starts=trunc("closed_at", tzinfo=timezone.get_current_timezone()))
        .values("starts", *([group] if group else []))
        .annotate(amount=Sum("amount_base"), deals=Count("id"))
        .order_by()
    )
    for row in won:
        starts_on = _as_date(row["starts"])
        if starts_on not in periods:
            continue
        key = row[group] if group else None
        for figures in (periods[starts_on].figures, periods[starts_on].by_group[key]):
            figures.add_won(_money(row["amount"]), row["deals"])

    _with_snapshots(periods.values(), current, period, user, pipeline)
    found.periods = [periods[start] for start in starts]
    found.groups = sorted(
        {key for p in found.periods for key in p.by_group}, key=lambda k: (k is None, k or 0)
    )
    return found


def _with_snapshots(
    periods: Iterable[Period],
    current: datetime.date,
    period: str,
    user: User,
    pipeline: Pipeline | None,
) -> None:
    """The commit each past period began with, summed over the snapshots of the owners and
    teams whose deals ``user`` may see (in ``pipeline``, or all)."""
    past = [p for p in periods if p.starts_on < current]
    for item in past:
        item.is_past = True
    snapshots = ForecastSnapshot.objects.filter(
        period=period, starts_on__in=[p.starts_on for p in past]
    )
    if pipeline is not None:
        snapshots = snapshots.filter(pipeline=pipeline)
    if (condition := reach_condition(user)) is not None:
        snapshots = snapshots.filter(condition)
    said = dict(
        snapshots.values("starts_on")
        .annotate(commit=Sum("commit"))
        .values_list("starts_on", "commit")
    )
    for item in past:
        item.forecast_at_start = said.get(item.starts_on)


def _as_date(value: datetime.date | datetime.datetime) -> datetime.date:
    return value.date() if isinstance(value, datetime.datetime) else value


def _money(value: Decimal | None) -> Decimal:
    return (value or ZERO).quantize(_CENTS)


def take_snapshots(today: datetime.date | None = None) -> int:
    """Keep the current month's and quarter's forecast as it stands, per pipeline, owner and
    team, unless it was kept already; how many snapshots were written. Run daily: the first
    run in a period keeps what the period began with."""
    today = today or timezone.localdate()
    written = 0
    for period in PeriodKind.values:
        starts_on = period_start(today, period)
        if ForecastSnapshot.objects.filter(period=period, starts_on=starts_on).exists():
            continue
        end = shift(starts_on, period, 1)
        rows = (
            Deal.objects.filter(status=DealStatus.OPEN, expected_close__lt=end)
            .exclude(forecast_category=ForecastCategory.OMITTED)
            .values("pipeline_id", "owner_id", "team_id", "forecast_category")
            .annotate(amount=Sum("amount_base"), weighted=Sum(_WEIGHTED))
            .order_by()
        )
        pairs: dict[tuple[int, int, int | None], Figures] = defaultdict(Figures)
        for row in rows:
            figures = pairs[row["pipeline_id"], row["owner_id"], row["team_id"]]
            figures.add_open(
                row["forecast_category"], _money(row["amount"]), _money(row["weighted"]), 0
            )
        ForecastSnapshot.objects.bulk_create(
            ForecastSnapshot(
                period=period,
                starts_on=starts_on,
                pipeline_id=pipeline,
                owner_id=owner,
                team_id=team,
                commit=figures.commit,
                best_case=figures.best_case,
                pipeline_total=figures.pipeline,
                weighted=figures.weighted,
            )
            for (pipeline, owner, team), figures in pairs.items()
        )
        written += len(pairs)
    return written
