"""Won, lost and reopened: the buttons of a deal's page. Each posts the version the user saw, so
closing a deal someone else just changed is refused rather than done on stale data."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from sampark.core.http import AuthenticatedRequest
from sampark.core.records import StaleVersion, access_record
from sampark.core.roles import Action
from sampark.sales import actions
from sampark.sales.forms import LoseForm, VersionForm
from sampark.sales.models import Deal

STALE = gettext_lazy("Someone else changed this deal meanwhile; look at it again, then repeat.")


def _change(
    request: AuthenticatedRequest, deal: Deal, change: Callable[[int], Deal], done: str
) -> HttpResponse:
    form = VersionForm(request.POST)
    version = (form.cleaned_data.get("version") if form.is_valid() else None) or deal.version
    try:
        change(version)
    except StaleVersion:
        messages.error(request, str(STALE))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, done)
    return redirect("sales:deal_detail", deal.pk)


@login_required
@require_POST
def deal_win(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    deal = access_record(request.user, Deal, pk, Action.CHANGE)
    return _change(
        request,
        deal,
        lambda version: actions.win_deal(deal, by=request.user, expected_version=version),
        _("Deal won. Well done!"),
    )


@login_required
@require_POST
def deal_reopen(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    deal = access_record(request.user, Deal, pk, Action.CHANGE)
    return _change(
        request,
        deal,
        lambda version: actions.reopen_deal(deal, by=request.user, expected_version=version),
        _("Deal reopened."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def deal_lose(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Lost asks why: one of the firm's lost reasons, or the user's own words."""
    deal = access_record(request.user, Deal, pk, Action.CHANGE)
    form = LoseForm(request.POST or None, initial={"version": deal.version})
    if request.method == "POST" and form.is_valid():
        try:
            actions.lose_deal(
                deal,
                by=request.user,
                reason=form.cleaned_data["lost_reason"],
                expected_version=form.cleaned_data.get("version") or deal.version,
            )
        except StaleVersion:
            form.add_error(None, str(STALE))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Deal marked as lost."))
            return redirect("sales:deal_detail", pk)
        deal = access_record(request.user, Deal, pk)
    return render(request, "sales/deals/lose.html", {"deal": deal, "form": form})
