"""Exports in the web UI: a contact or company list as CSV or XLSX, and one contact's data as
JSON. Each checks the permission to export; the rows are only those the user may see."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponseBase
from django.shortcuts import render

from sampark.contacts.models import Contact
from sampark.core.http import AuthenticatedRequest
from sampark.core.records import access_record
from sampark.exports.contact_data import contact_data_response
from sampark.exports.controls import as_query, carried, export_state
from sampark.exports.forms import FIELDS, ExportForm
from sampark.exports.lists import LISTS, export_list
from sampark.exports.models import ExportKind
from sampark.exports.permissions import require_export


@login_required
def list_export(request: AuthenticatedRequest, kind: ExportKind) -> HttpResponseBase:
    """With the form's choices in the address, the download; else (or with a bad choice) the
    form, carrying the list's filters and view along."""
    exportable = LISTS[kind]
    require_export(request.user, exportable.model)
    state = export_state(request, exportable.record_list)
    asked = FIELDS & set(request.GET)
    form = ExportForm(request.GET if asked else None, auto_id="export-%s")
    if form.is_valid():
        return export_list(request.user, exportable, state, form.options())
    pairs = carried(state)
    context = {
        "form": form,
        "exportable": exportable,
        "carried": pairs,
        "back_query": as_query(pairs),
    }
    return render(request, "exports/form.html", context, status=400 if asked else 200)


@login_required
def contact_data(request: AuthenticatedRequest, pk: int) -> HttpResponseBase:
    contact = access_record(request.user, Contact, pk)  # 404 first: no hint it exists
    require_export(request.user, Contact)
    return contact_data_response(contact, request.user)
