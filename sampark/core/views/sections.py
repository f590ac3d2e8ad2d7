"""The sections whose domains later work fills in: each page says what it will hold."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from sampark.core.http import AuthenticatedRequest

# What each section will hold, shown on its page until its domain is built.
SECTIONS = {
    "sales": (_("Sales"), _("Leads, pipelines, deals on a board, forecasts and lead scores.")),
    "service": (
        _("Service"),
        _(
            "Tickets from every channel, SLAs, the knowledge base, live chat and satisfaction surveys."
        ),
    ),
    "marketing": (
        _("Marketing"),
        _("Segments, campaigns in each client's language, consent, surveys and referrals."),
    ),
    "automation": (_("Automation"), _("Workflow rules, sequences and webhooks.")),
    "analytics": (
        _("Analytics"),
        _("Retention, lifetime value, satisfaction, NPS, funnels, cohorts and risk, as charts."),
    ),
    "companies": (_("Companies"), _("Business accounts with their people and relationships.")),
}


@login_required
def section_home(request: AuthenticatedRequest, section: str) -> HttpResponse:
    if section not in SECTIONS:
        raise Http404
    title, purpose = SECTIONS[section]
    return render(request, "core/section.html", {"title": title, "purpose": purpose})
