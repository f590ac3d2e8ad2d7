"""The deal list and a deal's pages: details, edit, delete and history; thin views over the deal
actions (sales/actions.py). Won, lost and reopened are in views_deal_status.py."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from sampark.contacts.search.text import MAX_QUERY_LENGTH
from sampark.core import cached
from sampark.core.forms import add_action_error
from sampark.core.history import history
from sampark.core.http import AuthenticatedRequest, render_fragment_or_page
from sampark.core.keyset import InvalidCursor, keyset_page, page_url
from sampark.core.models import AuditEntry
from sampark.core.records import StaleVersion, access_record, can, can_add
from sampark.core.roles import Action
from sampark.sales import actions
from sampark.sales.currency import base_currency
from sampark.sales.forms import (
    DealFilterForm,
    DealForm,
    company_choices,
    contact_choices,
    offered,
)
from sampark.sales.lists import (
    OWNER_SCOPES,
    board_stages,
    decorate,
    filtered_deals,
    for_cards,
    totals,
)
from sampark.sales.models import Deal, Pipeline

PAGE_SIZE = 50


@login_required
@require_GET
def deal_list(request: AuthenticatedRequest) -> HttpResponse:
    form = DealFilterForm(request.GET)
    filters = form.filters()
    deals = filtered_deals(request.user, filters)
    # One aggregate gives the count and the total: the total needs every matching row anyway.
    summary = totals(deals)
    rows = for_cards(deals, with_stage=True)
    try:
        page = keyset_page(rows, cursor=request.GET.get("cursor"), limit=PAGE_SIZE)
    except InvalidCursor:
        page = keyset_page(rows, cursor=None, limit=PAGE_SIZE)
    names = cached.user_names()
    for deal in page.items:
        deal.owner_name = names.get(deal.owner_id, "")
    context = {
        "form": form,
        "filters": filters,
        "page": page,
        "summary": summary,
        "base_currency": base_currency(),
        "owner_scopes": OWNER_SCOPES,
        "next_url": page_url(request, page.next_cursor) if page.next_cursor else None,
        "first_url": page_url(request, None) if "cursor" in request.GET else None,
        "can_add": can_add(request.user, Deal),
        "create_query": _create_query(filters.pipeline, filters.contact, filters.company),
    }
    return render_fragment_or_page(
        request, "sales/deals/_results.html", "sales/deals/list.html", context
    )


def _create_query(pipeline: int | None, contact: int | None, company: int | None) -> str:
    pairs = (("pipeline", pipeline), ("contact", contact), ("company", company))
    query = "&".join(f"{name}={value}" for name, value in pairs if value)
    return f"?{query}" if query else ""


def _prefill(request: AuthenticatedRequest) -> dict[str, Any]:
    """What "Add deal" on a board, a contact or a company fills in: ids the form checks again
    (a contact or company the user may not see is simply not offered)."""
    initial: dict[str, Any] = {}
    for name in ("pipeline", "stage", "contact", "company"):
        value = request.GET.get(name, "")
        if value.isdigit():
            initial[name] = int(value)
    pipeline = Pipeline.objects.filter(is_active=True)
    wanted = pipeline.filter(pk=initial["pipeline"]).first() if "pipeline" in initial else None
    chosen = wanted or pipeline.first()
    if chosen is not None:
        initial["pipeline"] = chosen.pk
        stages = [stage.pk for stage in board_stages(chosen)]
        if initial.get("stage") not in stages and stages:
            initial["stage"] = stages[0]
    return initial


@login_required
@require_http_methods(["GET", "POST"])
def deal_create(request: AuthenticatedRequest) -> HttpResponse:
    if not can_add(request.user, Deal):
        raise PermissionDenied(_("Your role does not allow adding deals."))
    form = DealForm(request.user, request.POST or None, initial=_prefill(request))
    if request.method == "POST" and form.is_valid():
        try:
            deal = actions.create_deal(by=request.user, **form.action_values())
        except ValidationError as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("Deal created."))
            return redirect("sales:deal_detail", deal.pk)
    return render(request, "sales/deals/form.html", {"form": form})


def _deal(request: AuthenticatedRequest, pk: int, action: Action = Action.VIEW) -> Deal:
    deal = access_record(request.user, Deal, pk, action)
    # The header names these on every tab.
    return Deal.objects.select_related("pipeline", "stage", "contact", "company").get(pk=deal.pk)


def _header_context(request: AuthenticatedRequest, deal: Deal, tab: str) -> dict[str, Any]:
    user = request.user
    stages = board_stages(deal.pipeline)
    decorate(user, [deal], stages)
    return {
        "deal": deal,
        "tab": tab,
        "stages": stages,
        "owner_name": deal.owner_name,  # type: ignore[attr-defined]
        "team_name": cached.team_names().get(deal.team_id, "") if deal.team_id else "",
        # Named only if the user may see them: a deal can outlive its author's reach.
        "contact": deal.contact if deal.contact and can(user, Action.VIEW, deal.contact) else None,
        "company": deal.company if deal.company and can(user, Action.VIEW, deal.company) else None,
        "can_change": can(user, Action.CHANGE, deal),
        "can_delete": can(user, Action.DELETE, deal),
        "base_currency": base_currency(),
    }


@login_required
@require_GET
def deal_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    deal = _deal(request, pk)
    context = _header_context(request, deal, "details")
    names = cached.user_names()
    changes = list(
        deal.stage_changes.select_related("from_stage", "to_stage").order_by("-at", "-id")
    )
    for change in changes:
        change.by_name = names.get(change.by_id, "") if change.by_id else ""  # type: ignore[attr-defined]
    context["stage_changes"] = changes
    return render(request, "sales/deals/detail.html", context)


@login_required
@require_GET
def deal_history(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    deal = _deal(request, pk)
    context = _header_context(request, deal, "history")
    entries = AuditEntry.objects.for_record(deal).select_related("actor")[:200]
    context["history"] = history(list(entries), Deal)
    return render(request, "sales/deals/history.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def deal_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    deal = _deal(request, pk, Action.CHANGE)
    form = DealForm(request.user, request.POST or None, instance=deal)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_deal(
                deal,
                by=request.user,
                values=form.action_values(),
                expected_version=form.cleaned_data["version"] or deal.version,
            )
        except ValidationError as error:
            add_action_error(form, error)
        except StaleVersion:
            form.add_error(
                None,
                _(
                    "Someone else changed this deal while you were editing. "
                    "Reload the page to see their changes, then edit again."
                ),
            )
        else:
            messages.success(request, _("Deal saved."))
            return redirect("sales:deal_detail", pk)
        deal = _deal(request, pk)  # as stored: the refused values were left on the instance
    return render(request, "sales/deals/form.html", {"form": form, "deal": deal})


@login_required
@require_http_methods(["GET", "POST"])
def deal_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    deal = _deal(request, pk, Action.DELETE)
    if request.method == "POST":
        version = request.POST.get("version", "")
        try:
            actions.delete_deal(
                deal, by=request.user, expected_version=int(version) if version.isdigit() else None
            )
        except StaleVersion:
            messages.error(request, _("Someone else changed this deal; it was not deleted."))
            return redirect("sales:deal_detail", pk)
        messages.success(request, _("Deal deleted."))
        return redirect("sales:deals")
    return render(request, "sales/deals/delete.html", {"deal": deal})


def _options(
    request: AuthenticatedRequest, records: Any, selected: str, label: str
) -> HttpResponse:
    current = records.model._default_manager.visible_to(request.user)
    chosen = current.filter(pk=int(selected)).first() if selected.isdigit() else None
    options = offered(records, chosen, label)
    context = {"options": options, "selected": chosen.pk if chosen else None}
    return render(request, "sales/widgets/_options.html", context)


@login_required
@require_GET
def contact_options(request: AuthenticatedRequest) -> HttpResponse:
    """The deal form's contact picker: the first contacts the user may see matching ``q``."""
    query = request.GET.get("q", "")[:MAX_QUERY_LENGTH]
    records = contact_choices(request.user, query)
    return _options(request, records, request.GET.get("contact", ""), "display_name")


@login_required
@require_GET
def company_options(request: AuthenticatedRequest) -> HttpResponse:
    query = request.GET.get("q", "")[:MAX_QUERY_LENGTH]
    records = company_choices(request.user, query)
    return _options(request, records, request.GET.get("company", ""), "name")
