"""The staff's satisfaction report (``/service/satisfaction/``): CSAT and ratings per agent,
queue and category over the last 30, 90 or 365 days, and the latest ratings with comments, of
the tickets the user may see (service/satisfaction_report.py)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from sampark.core.http import AuthenticatedRequest
from sampark.service import satisfaction_report as report


@login_required
def satisfaction(request: AuthenticatedRequest) -> HttpResponse:
    days = report.period(request.GET.get("days", report.DEFAULT_PERIOD))
    ratings = report.visible_ratings(request.user)
    context = {
        "report": report.summary(ratings, days),
        "latest": report.latest(ratings, days),
        "periods": report.PERIODS,
    }
    return render(request, "service/satisfaction.html", context)
