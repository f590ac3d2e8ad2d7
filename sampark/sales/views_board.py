"""The board: a pipeline's open deals in a column per stage, moved by drag and drop or by each
card's "Move to…" form (which works without script too).

The page costs a fixed number of queries however many deals the pipeline holds (see
sales/lists.py). A move answers htmx with the card and every column's header out of band, so
the counts and totals on screen follow; a move from a stale version answers 409 with the card
put back where it really is.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from sampark.core.http import AuthenticatedRequest, render_fragment_or_page
from sampark.core.keyset import InvalidCursor
from sampark.core.records import StaleVersion, access_record, can_add
from sampark.core.roles import Action
from sampark.sales.actions import move_deal
from sampark.sales.currency import base_currency
from sampark.sales.forms import DealFilterForm, MoveForm
from sampark.sales.lists import (
    EMPTY,
    OWNER_SCOPES,
    Column,
    DealFilters,
    board_columns,
    board_stages,
    column_page,
    column_totals,
    decorate,
    for_cards,
)
from sampark.sales.models import Deal, Pipeline, Stage


def _filters(request: AuthenticatedRequest) -> DealFilters:
    data = request.POST if request.method == "POST" else request.GET
    return DealFilterForm(data).filters()


def _filter_query(filters: DealFilters) -> str:
    """The board's own filters as a query string, for its links and forms."""
    return urlencode({k: v for k, v in (("q", filters.q), ("owner", filters.owner)) if v})


def _board_url(pipeline: Pipeline, filters: DealFilters) -> str:
    url = reverse("sales:board", args=[pipeline.pk])
    query = _filter_query(filters)
    return f"{url}?{query}" if query else url


def _board_context(request: AuthenticatedRequest, pipeline: Pipeline) -> dict[str, Any]:
    filters = _filters(request)
    stages = board_stages(pipeline)
    columns = board_columns(request.user, pipeline, filters, stages)
    decorate(request.user, [card for column in columns for card in column.cards], stages)
    return {
        "pipeline": pipeline,
        "pipelines": Pipeline.objects.filter(Q(is_active=True) | Q(pk=pipeline.pk)),
        "stages": stages,
        "columns": columns,
        "filters": filters,
        "filter_query": _filter_query(filters),
        "owner_scopes": OWNER_SCOPES,
        "base_currency": base_currency(),
        "can_add": can_add(request.user, Deal) and pipeline.is_active,
    }


def _board(request: AuthenticatedRequest, pipeline: Pipeline) -> HttpResponse:
    context = _board_context(request, pipeline)
    # htmx asks for the columns alone when the filters change (the whole page on history).
    return render_fragment_or_page(
        request, "sales/board/_columns.html", "sales/board/page.html", context
    )


@login_required
@require_GET
def board_home(request: AuthenticatedRequest) -> HttpResponse:
    """The sales home: the first active pipeline's board."""
    pipeline = Pipeline.objects.filter(is_active=True).order_by("position", "id").first()
    if pipeline is None:
        return render(request, "sales/board/no_pipeline.html")
    return _board(request, pipeline)


@login_required
@require_GET
def board(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _board(request, get_object_or_404(Pipeline, pk=pk))


@login_required
@require_GET
def board_column(request: AuthenticatedRequest, pk: int, stage_pk: int) -> HttpResponse:
    """A column's next cards ("Show more"); without htmx, the column as a filtered list."""
    pipeline = get_object_or_404(Pipeline, pk=pk)
    stage = get_object_or_404(Stage, pk=stage_pk, pipeline=pipeline)
    filters = _filters(request)
    if not request.htmx:
        query = {"pipeline": pipeline.pk, "stage": stage.pk, "q": filters.q, "owner": filters.owner}
        return redirect(f"{reverse('sales:deals')}?{urlencode(query)}")
    try:
        column = column_page(request.user, pipeline, stage, filters, request.GET.get("cursor"))
    except InvalidCursor:
        column = column_page(request.user, pipeline, stage, filters, None)
    stages = board_stages(pipeline)
    decorate(request.user, column.cards, stages)
    context = {
        "pipeline": pipeline,
        "stages": stages,
        "column": column,
        "filters": filters,
        "filter_query": _filter_query(filters),
    }
    return render(request, "sales/board/_cards.html", context)


@login_required
@require_POST
def deal_move(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    deal = access_record(request.user, Deal, pk, Action.CHANGE)
    form = MoveForm(deal, request.POST)
    filters = _filters(request)
    problem, status = "", 200
    if form.is_valid():
        try:
            deal = move_deal(
                deal,
                form.cleaned_data["stage"],
                by=request.user,
                expected_version=form.cleaned_data["version"] or deal.version,
            )
        except StaleVersion:
            deal = access_record(request.user, Deal, pk)
            status = 409
            problem = _(
                "Someone else changed “%(name)s” meanwhile; it is shown where it is now. "
                "Move it again if you still want to."
            ) % {"name": deal.name}
        except ValidationError as error:
            # The refused move was left on the instance: read the deal as it is.
            deal = access_record(request.user, Deal, pk)
            problem, status = " ".join(error.messages), 422
    else:
        problem = " ".join(str(e) for errors in form.errors.values() for e in errors)
        status = 422
    if not request.htmx:
        if problem:
            messages.error(request, problem)
        else:
            messages.success(request, _("Moved “%(name)s” to %(stage)s.") % _names(deal))
        return redirect(_board_url(deal.pipeline, filters))
    return _moved(request, deal, filters, problem, status)


def _names(deal: Deal) -> dict[str, str]:
    return {"name": deal.name, "stage": deal.stage.name}


def _moved(
    request: AuthenticatedRequest, deal: Deal, filters: DealFilters, problem: str, status: int
) -> HttpResponse:
    """The card where the deal now is, and every column's header, out of band.

    A drag has already put the card in its new column (``placed``): it is replaced in place.
    A "Move to…" form, or a refused move, takes the card out and puts it at the top of the
    column of the stage the deal is in.
    """
    pipeline = deal.pipeline
    stages = board_stages(pipeline)
    card = for_cards(Deal.objects.filter(pk=deal.pk)).get()
    decorate(request.user, [card], stages)
    totals = column_totals(request.user, pipeline, filters)
    context = {
        "deal": card,
        "pipeline": pipeline,
        "stages": stages,
        "columns": [Column(stage, totals.get(stage.pk, EMPTY)) for stage in stages],
        "filters": filters,
        "filter_query": _filter_query(filters),
        "base_currency": base_currency(),
        "in_place": request.POST.get("placed") == "1" and not problem,
        "problem": problem,
        "done": "" if problem else _("Moved “%(name)s” to %(stage)s.") % _names(deal),
    }
    return render(request, "sales/board/_moved.html", context, status=status)
