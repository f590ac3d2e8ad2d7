"""The forecast as a bar chart drawn on the server: plain SVG, no script, readable without
colour (each bar has its value as a tooltip title, and the table beside it holds the figures)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from sampark.sales.forecast import Forecast

WIDTH, HEIGHT, AXIS = 720, 240, 24  # AXIS: room under the bars for the period labels
# The figures drawn for each period, left to right, with their CSS class (app.css).
SERIES: list[tuple[str, str | Promise]] = [
    ("won", _("Won")),
    ("commit", _("Commit")),
    ("best_case", _("Best case")),
    ("pipeline", _("Pipeline")),
    ("weighted", _("Weighted")),
]


@dataclass(frozen=True)
class Bar:
    series: str
    x: float
    y: float
    width: float
    height: float
    value: Decimal


@dataclass(frozen=True)
class Group:
    label: str
    x: float  # the middle of the period's bars, for its label
    bars: list[Bar]


def chart(found: Forecast, labels: list[str]) -> list[Group]:
    """Bars for each period (``labels`` name the periods), scaled to the largest figure."""
    values = [
        [getattr(period.figures, series) for series, _label in SERIES] for period in found.periods
    ]
    top = max((v for row in values for v in row), default=Decimal(0)) or Decimal(1)
    slot = WIDTH / max(1, len(found.periods))
    bar = slot * 0.8 / len(SERIES)
    plot = HEIGHT - AXIS
    groups = []
    for n, (label, row) in enumerate(zip(labels, values, strict=True)):
        left = n * slot + slot * 0.1
        bars = []
        for m, ((series, _label), value) in enumerate(zip(SERIES, row, strict=True)):
            height = float(value / top) * (plot - 4)
            bars.append(Bar(series, left + m * bar, plot - height, bar * 0.9, height, value))
        groups.append(Group(label, n * slot + slot / 2, bars))
    return groups
