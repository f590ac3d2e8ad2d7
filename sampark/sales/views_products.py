"""The catalogue at /sales/products/: everyone with a role looks products up; managers and
admins add and change them and their prices (actions_products.py)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from sampark.core.forms import add_action_error
from sampark.core.http import AuthenticatedRequest
from sampark.core.roles import Role
from sampark.core.views.workspace import has_role, readable_history, require_role
from sampark.sales import actions_products
from sampark.sales.actions_products import MANAGE_CATALOGUE
from sampark.sales.forms_products import (
    PRICE_FIELDS,
    PRICES,
    ProductFilterForm,
    ProductForm,
    price_formset,
)
from sampark.sales.formsets import add_row_errors, rows
from sampark.sales.models import Product

VIEW_CATALOGUE = frozenset(Role)
PAGE_SIZE = 50


@login_required
@require_GET
def product_list(request: AuthenticatedRequest) -> HttpResponse:
    require_role(request.user, VIEW_CATALOGUE)
    filters_form = ProductFilterForm(request.GET)
    filters = filters_form.filters()
    products = Product.objects.matching(filters["q"]).prefetch_related("prices")
    if filters["active"]:
        products = products.filter(is_active=filters["active"] == "yes")
    if filters["kind"]:
        products = products.filter(kind=filters["kind"])
    page = Paginator(products, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "filters": filters_form,
        "page_query": urlencode({k: v for k, v in filters.items() if v}),
        "can_manage": has_role(request.user, MANAGE_CATALOGUE),
    }
    return render(request, "sales/products/list.html", context)


@login_required
@require_GET
def product_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    require_role(request.user, VIEW_CATALOGUE)
    product = get_object_or_404(Product.objects.prefetch_related("prices"), pk=pk)
    can_manage = has_role(request.user, MANAGE_CATALOGUE)
    context = {
        "product": product,
        "can_manage": can_manage,
        "history": readable_history(product) if can_manage else [],
    }
    return render(request, "sales/products/detail.html", context)


def _save(
    request: AuthenticatedRequest, product: Product | None
) -> tuple[Product | None, dict[str, Any]]:
    """Bind the form and its prices to the POST and save through the actions; the product
    saved (None when something was wrong) and the forms to show again."""
    title = str(product) if product else ""
    form = ProductForm(request.POST or None, instance=product)
    prices = price_formset(request.POST or None, product)
    context: dict[str, Any] = {
        "form": form,
        "prices": prices,
        "product": product,
        "title": title,
        "errors": [],
    }
    if request.method != "POST":
        return None, context
    form_valid, prices_valid = form.is_valid(), prices.is_valid()
    if not (form_valid and prices_valid):
        return None, context
    values = {name: form.cleaned_data[name] for name in actions_products.PRODUCT_FIELDS}
    sent = rows(prices, PRICE_FIELDS)
    try:
        if product is None:
            saved = actions_products.create_product(by=request.user, prices=sent, **values)
        else:
            saved = actions_products.update_product(
                product, by=request.user, values=values, prices=sent
            )
    except ValidationError as error:
        by_key = (
            error.error_dict
            if hasattr(error, "error_dict")
            else {NON_FIELD_ERRORS: error.error_list}
        )
        own = {k: v for k, v in by_key.items() if not k.startswith(f"{PRICES}.")}
        if own:
            add_action_error(form, ValidationError(own))
        for_prices = {k: v for k, v in by_key.items() if k not in own}
        if for_prices:
            context["errors"] = add_row_errors(prices, PRICES, ValidationError(for_prices))
        return None, context
    return saved, context


@login_required
@require_http_methods(["GET", "POST"])
def product_create(request: AuthenticatedRequest) -> HttpResponse:
    require_role(request.user, MANAGE_CATALOGUE)
    saved, context = _save(request, None)
    if saved is not None:
        messages.success(request, _("%(name)s was added to the catalogue.") % {"name": saved})
        return redirect("sales:product", saved.pk)
    return render(request, "sales/products/form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def product_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    require_role(request.user, MANAGE_CATALOGUE)
    product = get_object_or_404(Product, pk=pk)
    saved, context = _save(request, product)
    if saved is not None:
        messages.success(request, _("%(name)s was saved.") % {"name": saved})
        return redirect("sales:product", saved.pk)
    context["history"] = readable_history(product)
    return render(request, "sales/products/form.html", context)
