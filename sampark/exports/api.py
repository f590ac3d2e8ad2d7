"""Exports over the REST API, the same as in the web UI and under the same permission:

- ``GET /contacts/export`` and ``GET /companies/export`` — the list as CSV or XLSX, with the list
  pages' filters (``q``, ``stage``, ``tag``, ``sort``, ``cf_<key>``…) and saved views
  (``view``); a bad filter is a 422 naming it, as on ``GET /contacts``;
- ``GET /contacts/{id}/export`` — everything held about one contact, as JSON
  (``sampark.contact/1``, documented as ``ContactDocument``).

A program usually wants every field under stable keys: ``columns=all&header=keys``.
"""

from __future__ import annotations

from typing import Literal, cast

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponseBase
from django.utils.translation import gettext as _
from ninja import Query, Router

from sampark.contacts.models import Contact, LifecycleStage
from sampark.core.api.auth import current_user
from sampark.core.api.errors import documented
from sampark.core.http import AuthenticatedRequest
from sampark.core.records import access_record
from sampark.customfields import listing
from sampark.exports.contact_data import contact_data_response
from sampark.exports.contact_format import ContactDocument
from sampark.exports.controls import export_state
from sampark.exports.files import CSV_TYPE, XLSX_TYPE
from sampark.exports.lists import LISTS, ExportableList, Options, export_list
from sampark.exports.models import ExportKind
from sampark.exports.permissions import require_export
from sampark.listviews.state import ListState

router = Router(tags=["exports"])

_BINARY = {"schema": {"type": "string", "format": "binary"}}
_FILE_RESPONSE = {
    "200": {
        "description": "The file, as a download (Content-Disposition: attachment).",
        "content": {CSV_TYPE: _BINARY, XLSX_TYPE: _BINARY},
    }
}
FORMAT = Query("csv", alias="format", description="csv (UTF-8 with a byte order mark) or xlsx.")
COLUMNS = Query(
    "all", description="all: every field; shown: the columns your list (or the view) shows."
)
HEADER = Query(
    "labels",
    description="labels: the import's column names in your language; keys: stable keys "
    "(custom fields as custom.<key>).",
)
VIEW = Query(None, description="A saved view of the list: its filters, sort and columns.")
LIST_HELP = (
    " Cells that a spreadsheet would run as a formula (starting with =, +, -, @, a tab or a "
    "carriage return) start with ' instead; so do phone numbers in CSV. Needs the permission "
    "to export (admins and managers hold it by default); holds only the records you may see."
)


@router.get(
    "/contacts/export",
    response=documented(401, 403, 404, 422),
    openapi_extra={"responses": _FILE_RESPONSE},
    url_name="export_contacts",
    description="The contacts you may see that pass the filters of `GET /contacts` and of the "
    "contact list page (`stage`, `tag`, `sort` by name, updated or stage too)." + LIST_HELP,
)
def export_contacts(
    request: HttpRequest,
    file_format: Literal["csv", "xlsx"] = FORMAT,
    columns: Literal["shown", "all"] = COLUMNS,
    header: Literal["labels", "keys"] = HEADER,
    view: int | None = VIEW,
    q: str = "",
    stage: str = "",
    tag: str = "",
    sort: str = "",
) -> HttpResponseBase:
    return _export(request, LISTS[ExportKind.CONTACTS], Options(file_format, columns, header))


@router.get(
    "/companies/export",
    response=documented(401, 403, 404, 422),
    openapi_extra={"responses": _FILE_RESPONSE},
    url_name="export_companies",
    description="The companies you may see that pass the filters of `GET /companies` and of "
    "the company list page (`tag` too)." + LIST_HELP,
)
def export_companies(
    request: HttpRequest,
    file_format: Literal["csv", "xlsx"] = FORMAT,
    columns: Literal["shown", "all"] = COLUMNS,
    header: Literal["labels", "keys"] = HEADER,
    view: int | None = VIEW,
    q: str = "",
    tag: str = "",
    sort: str = "",
) -> HttpResponseBase:
    return _export(request, LISTS[ExportKind.COMPANIES], Options(file_format, columns, header))


@router.get(
    "/contacts/{int:contact_id}/export",
    response={200: ContactDocument, **documented(401, 403, 404)},
    url_name="export_contact",
)
def export_contact(request: HttpRequest, contact_id: int) -> HttpResponseBase:
    """Everything Sampark holds about the contact that you may see, as one JSON document
    (format `sampark.contact/1`), for a person asking for their data. Needs the permission to
    export contacts."""
    user = current_user(request)
    contact = access_record(user, Contact, contact_id)
    require_export(user, Contact)
    return contact_data_response(contact, user)


def _export(request: HttpRequest, exportable: ExportableList, options: Options) -> HttpResponseBase:
    user = current_user(request)
    require_export(user, exportable.model)
    state = export_state(cast(AuthenticatedRequest, request), exportable.record_list)
    problems = _problems(exportable, state)
    if problems:
        raise ValidationError(problems)
    return export_list(user, exportable, state, options)


def _problems(exportable: ExportableList, state: ListState) -> dict[str, list[str]]:
    """What the list page would quietly leave out but a program should hear about."""
    _rows, filters = exportable.filtered(state.user, state.params, False)
    problems = {name: [message] for name, message in filters.errors.items()}
    custom_sorts = [
        value for value, _label in listing.sort_choices(state.record_list.custom_fields())
    ]
    allowed = {"sort": [*exportable.sorts, *custom_sorts]}
    if exportable.kind == ExportKind.CONTACTS:
        allowed["stage"] = list(LifecycleStage.values)
    for name, values in allowed.items():
        value = state.params.get(name, "")
        if value and value not in values:
            problems[name] = [_("Use one of: %(values)s.") % {"values": ", ".join(values)}]
    return problems
