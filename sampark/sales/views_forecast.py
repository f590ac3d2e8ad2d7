"""The forecast page: the periods' figures as a chart and a table, by owner or team on demand."""

from __future__ import annotations

from babel import dates
from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from sampark.core import cached
from sampark.core.http import AuthenticatedRequest
from sampark.lib.locale_format import cldr_locale, native_digits
from sampark.sales.currency import base_currency
from sampark.sales.forecast import Forecast, forecast
from sampark.sales.forecast_chart import HEIGHT, SERIES, WIDTH, chart
from sampark.sales.models import PeriodKind, Pipeline


class ForecastForm(forms.Form):
    period = forms.ChoiceField(
        label=_("Period"), choices=PeriodKind.choices, initial=PeriodKind.QUARTER, required=False
    )
    group_by = forms.ChoiceField(
        label=_("Split by"),
        choices=[("", _("Nothing")), ("owner", _("Owner")), ("team", _("Team"))],
        required=False,
    )
    pipeline = forms.ModelChoiceField(
        label=_("Pipeline"),
        queryset=Pipeline.objects.filter(is_active=True),
        empty_label=_("All pipelines"),
        required=False,
    )


def period_label(found: Forecast, index: int) -> str:
    """ "Q4 2026" or "Nov 2026", as the user's language writes it."""
    pattern = "QQQ y" if found.period == PeriodKind.QUARTER else "MMM y"
    locale = cldr_locale()
    day = found.periods[index].starts_on
    return native_digits(dates.format_date(day, format=pattern, locale=locale), locale)


@login_required
def forecast_page(request: AuthenticatedRequest) -> HttpResponse:
    form = ForecastForm(request.GET or None)
    choice = form.cleaned_data if form.is_valid() else {}
    found = forecast(
        request.user,
        period=choice.get("period") or PeriodKind.QUARTER,
        group_by=choice.get("group_by") or "",
        pipeline=choice.get("pipeline"),
    )
    labels = [period_label(found, n) for n in range(len(found.periods))]
    names = cached.user_names() if found.group_by == "owner" else cached.team_names()
    rows = [
        {
            "label": label,
            "period": period,
            "groups": [
                (names.get(key, "—") if key is not None else "—", period.by_group[key])
                for key in found.groups
                if key in period.by_group
            ]
            if found.group_by
            else [],
        }
        for label, period in zip(labels, found.periods, strict=True)
    ]
    return render(
        request,
        "sales/forecast/page.html",
        {
            "form": form,
            "forecast": found,
            "rows": rows,
            "chart": chart(found, labels),
            "series": SERIES,
            "width": WIDTH,
            "height": HEIGHT,
            "currency": base_currency(),
        },
    )
