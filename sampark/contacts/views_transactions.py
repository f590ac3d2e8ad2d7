"""Purchases and trading on a contact's page: thin views over the transaction actions.

The contact page only includes ``contacts/transactions/_section.html``, which loads the section
from here with htmx once the page is shown; the section costs a fixed number of queries however
many transactions there are. Every view also answers without htmx (a whole page, or a redirect).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from sampark.contacts.actions_transactions import record_transaction
from sampark.contacts.figures import client_figures
from sampark.contacts.forms_transactions import TransactionForm
from sampark.contacts.models import Contact, Transaction
from sampark.core.http import AuthenticatedRequest, wants_fragment
from sampark.core.keyset import InvalidCursor, keyset_page
from sampark.core.records import access_record, can, can_add
from sampark.core.roles import Action

PAGE_SIZE = 10
FORM_ID = "#record-transaction-form"


def _urls(contact: Contact) -> dict[str, str]:
    return {
        "section_url": reverse("contacts:contact_transactions", args=[contact.pk]),
        "record_url": reverse("contacts:contact_record_transaction", args=[contact.pk]),
        "contact_url": reverse("contacts:detail", args=[contact.pk]),
    }


def _can_record(request: AuthenticatedRequest, contact: Contact) -> bool:
    return can_add(request.user, Transaction) and can(request.user, Action.VIEW, contact)


def _page(request: AuthenticatedRequest, contact: Contact) -> dict[str, Any]:
    transactions = Transaction.objects.visible_to(request.user).on_contact(contact)
    try:
        page = keyset_page(transactions, cursor=request.GET.get("cursor"), limit=PAGE_SIZE)
    except InvalidCursor:
        page = keyset_page(transactions, cursor=None, limit=PAGE_SIZE)
    older_url = None
    if page.next_cursor:
        older_url = f"{_urls(contact)['section_url']}?{urlencode({'cursor': page.next_cursor})}"
    return {"transactions": page.items, "older_url": older_url}


def _context(
    request: AuthenticatedRequest, contact: Contact, form: TransactionForm | None = None
) -> dict[str, Any]:
    can_record = _can_record(request, contact)
    return {
        "contact": contact,
        "figures": client_figures(contact, user=request.user),
        "can_record": can_record,
        "form": form if form is not None else (TransactionForm() if can_record else None),
        **_page(request, contact),
        **_urls(contact),
    }


@login_required
@require_GET
def contact_transactions(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    contact = access_record(request.user, Contact, pk)
    if wants_fragment(request):
        if request.GET.get("cursor"):
            template = "contacts/transactions/_rows.html"  # "Older": the next rows
            context = {**_page(request, contact), "contact": contact}
        else:
            template = "contacts/transactions/_body.html"
            context = _context(request, contact)
    else:
        template = "contacts/transactions/page.html"
        context = _context(request, contact)
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
@require_http_methods(["GET", "POST"])
def contact_record_transaction(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    contact = access_record(request.user, Contact, pk)
    if not _can_record(request, contact):
        raise PermissionDenied(_("Your role does not allow recording transactions."))
    if request.method != "POST":
        return render(request, "contacts/transactions/page.html", _context(request, contact))
    form = TransactionForm(request.POST)
    if form.is_valid():
        try:
            record_transaction(by=request.user, contact=contact, **form.cleaned_data)
        except ValidationError as error:
            form.add_action_error(error)
        else:
            if not request.htmx:
                messages.success(request, _("Transaction recorded."))
                return redirect(_urls(contact)["contact_url"])
            context = {**_context(request, contact), "recorded": True}
            return render(request, "contacts/transactions/_body.html", context)
    if request.htmx:
        context = {"form": form, "contact": contact, **_urls(contact)}
        response = render(request, "contacts/transactions/_form.html", context)
        # The errors replace the form alone, not the figures and list around it.
        response["HX-Retarget"] = FORM_ID
        response["HX-Reswap"] = "outerHTML"
        return response
    return render(request, "contacts/transactions/page.html", _context(request, contact, form))
