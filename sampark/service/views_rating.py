"""The satisfaction survey's links (service/csat.py): ``/support/rate/<token>/<rating>/``
records the rating with one click, no sign-in needed, and offers a comment box, which posts to
``/support/rate/<token>/``. Pages in the ticket's language, never cached."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from sampark.service import csat
from sampark.service.forms_portal import RatingForm
from sampark.service.models import Rating, Ticket


def _refused(request: HttpRequest, reason: str, status: int) -> HttpResponse:
    context = {"reason": reason, "days": csat.TOKEN_DAYS}
    return render(request, "service/portal/rate_refused.html", context, status=status)


def _ticket(token: str) -> Ticket | str:
    try:
        return csat.ticket_for_token(token)
    except csat.RatingRefused as refused:
        return refused.reason


@never_cache
@require_GET
def rate(request: HttpRequest, token: str, rating: int) -> HttpResponse:
    if rating not in Rating.values:
        raise Http404(_("No such rating."))
    ticket = _ticket(token)
    if isinstance(ticket, str):
        return _refused(request, ticket, 410)
    with translation.override(ticket.language):
        try:
            satisfaction = csat.rate(ticket, rating)
        except ValidationError:
            return _refused(request, "reopened", 409)
        form = RatingForm(initial={"rating": rating, "comment": satisfaction.comment})
        context = {"ticket": ticket, "token": token, "form": form, "satisfaction": satisfaction}
        return _in_language(render(request, "service/portal/rated.html", context), ticket)


@never_cache
@require_POST
def rate_comment(request: HttpRequest, token: str) -> HttpResponse:
    ticket = _ticket(token)
    if isinstance(ticket, str):
        return _refused(request, ticket, 410)
    with translation.override(ticket.language):
        form = RatingForm(request.POST)
        if not form.is_valid():
            context = {"ticket": ticket, "token": token, "form": form}
            return render(request, "service/portal/rated.html", context, status=422)
        try:
            satisfaction = csat.rate(
                ticket, form.cleaned_data["rating"], form.cleaned_data["comment"]
            )
        except ValidationError:
            return _refused(request, "reopened", 409)
        context = {"ticket": ticket, "satisfaction": satisfaction, "done": True}
        return _in_language(render(request, "service/portal/rated.html", context), ticket)


def _in_language(response: HttpResponse, ticket: Ticket) -> HttpResponse:
    # LocaleMiddleware would name the visitor's negotiated language, not the page's.
    response["Content-Language"] = ticket.language
    return response
