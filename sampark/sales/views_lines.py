"""A deal's line items: a fragment the deal page loads with htmx once it is shown (and a page
of its own without script), read by whoever sees the deal and edited by whoever may change it.
Saving goes through ``actions_lines.save_lines`` with the version the form was opened at.
"""

from __future__ import annotations

import re
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from sampark.core.http import AuthenticatedRequest, render_fragment_or_page, wants_fragment
from sampark.core.records import StaleVersion, access_record, can
from sampark.core.roles import Action
from sampark.sales.actions_lines import (
    LINE_FIELDS,
    catalogue_price,
    no_price_message,
    offered_products,
    save_lines,
)
from sampark.sales.currency import base_currency
from sampark.sales.forms_lines import (
    LINES,
    LineForm,
    VersionForm,
    add_delete_field,
    line_formset,
    line_values,
)
from sampark.sales.formsets import add_row_errors, rows
from sampark.sales.models import Deal, Product

_ROW_PREFIX = re.compile(rf"{LINES}-\d{{1,3}}")


def _urls(deal: Deal) -> dict[str, str]:
    return {
        "lines_url": reverse("sales:deal_lines", args=[deal.pk]),
        "edit_url": reverse("sales:deal_lines_edit", args=[deal.pk]),
        "fill_url": reverse("sales:deal_line_fill", args=[deal.pk]),
        "deal_url": reverse("sales:deal_detail", args=[deal.pk]),
    }


def _shown(request: AuthenticatedRequest, deal: Deal, **extra: Any) -> dict[str, Any]:
    return {
        "deal": deal,
        "lines": deal.lines.select_related("product"),
        "can_edit": can(request.user, Action.CHANGE, deal),
        "base": base_currency(),
        **_urls(deal),
        **extra,
    }


def _render(
    request: AuthenticatedRequest, fragment: str, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    """The fragment for htmx, the whole page otherwise (which includes the same fragment)."""
    context = {**context, "fragment": fragment}
    return render_fragment_or_page(request, fragment, "sales/lines/page.html", context, status)


@login_required
@require_GET
def deal_lines(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    deal = access_record(request.user, Deal, pk)
    return _render(request, "sales/lines/_body.html", _shown(request, deal))


@login_required
@require_http_methods(["GET", "POST"])
def deal_lines_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    deal = access_record(request.user, Deal, pk, Action.CHANGE)
    products = offered_products(deal)
    fill_url = _urls(deal)["fill_url"]
    if request.method != "POST":
        formset = line_formset(
            products, fill_url, initial=[line_values(line) for line in deal.lines.all()]
        )
        version = VersionForm(initial={"version": deal.version})
        return _render(request, "sales/lines/_form.html", _editing(deal, formset, version))
    formset = line_formset(products, fill_url, data=request.POST)
    version = VersionForm(request.POST)
    errors: list[str] = []
    status = 200
    if formset.is_valid() and version.is_valid():
        try:
            deal = save_lines(
                deal,
                rows(formset, LINE_FIELDS),
                by=request.user,
                expected_version=version.cleaned_data["version"],
            )
        except StaleVersion as stale:
            errors.append(
                _(
                    "Someone else changed this deal since you opened these lines (it is now at "
                    "version %(version)s). Nothing was saved: reload the lines to see their "
                    "change, then make yours again."
                )
                % {"version": stale.current}
            )
            status = 409
        except ValidationError as error:
            errors = add_row_errors(formset, LINES, error)
        else:
            if not wants_fragment(request):
                messages.success(request, _("The line items were saved."))
                return redirect("sales:deal_lines", deal.pk)
            return _render(request, "sales/lines/_body.html", _shown(request, deal, saved=True))
    elif not version.is_valid():
        errors.append(_("The form is missing the deal's version: reload the page and try again."))
    # htmx swaps only successful answers; without it the status says what happened.
    return _render(
        request,
        "sales/lines/_form.html",
        _editing(deal, formset, version, errors),
        status=200 if wants_fragment(request) else status,
    )


def _editing(
    deal: Deal, formset: Any, version: VersionForm, errors: list[str] | None = None
) -> dict[str, Any]:
    return {
        "deal": deal,
        "formset": formset,
        "version_form": version,
        "errors": errors or [],
        **_urls(deal),
    }


@login_required
@require_GET
def deal_line_fill(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """One row of the form again, its item and price taken from the product just chosen."""
    deal = access_record(request.user, Deal, pk, Action.CHANGE)
    prefix = request.GET.get("prefix", "")
    if not _ROW_PREFIX.fullmatch(prefix):
        return HttpResponseBadRequest(_("Say which row to fill."))
    products = offered_products(deal)
    data = request.GET.copy()
    product = _chosen(products, data.get(f"{prefix}-product", ""))
    price = None
    if product is not None:
        price = catalogue_price(product, deal.currency)
        data[f"{prefix}-name"] = product.name
        data[f"{prefix}-unit_price"] = "" if price is None else str(price)
    stored = data.get("stored") == "1"
    form = LineForm(
        data,
        prefix=prefix,
        products=products,
        fill_url=_urls(deal)["fill_url"],
        empty_permitted=not stored,
        use_required_attribute=False,
    )
    if stored:
        add_delete_field(form)
    if product is not None and price is None:
        form.add_error("product", no_price_message(product, deal.currency))
    return render(request, "sales/lines/_line_row.html", {"line_form": form})


def _chosen(products: Any, raw: str) -> Product | None:
    if not raw.isdigit():
        return None
    found: Product | None = products.filter(pk=int(raw)).first()
    return found
