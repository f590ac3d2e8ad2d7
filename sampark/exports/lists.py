"""Exporting a contact or company list as the user has it on screen: the same filters, search,
sort and saved view (``?view=``), through the same rule as the list page itself
(``sampark.contacts.lists``), so a file never holds a row the list would not show.
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Any

from django.db import models
from django.db.models import QuerySet
from django.http import HttpResponseBase
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from sampark.contacts.lists import (
    COMPANIES,
    COMPANY_SORTS,
    CONTACT_SORTS,
    CONTACTS,
    MANY_ROWS,
    filtered_companies,
    filtered_contacts,
)
from sampark.contacts.models import Company, Contact
from sampark.core.models import User
from sampark.core.records import OwnedRecord
from sampark.customfields.listing import Filtered
from sampark.exports.actions import record_export
from sampark.exports.cells import Value
from sampark.exports.columns import (
    ExportColumn,
    Reading,
    company_columns,
    contact_columns,
    shown,
)
from sampark.exports.files import csv_response, xlsx_response
from sampark.exports.models import ExportKind, FileFormat
from sampark.exports.related import batches
from sampark.listviews.lists import RecordList
from sampark.listviews.state import ListState

# Rows read, and their emails, phones, tags and companies fetched, this many at a time.
BATCH = 2000

type Filter = Callable[[User, Mapping[str, str], bool], tuple[QuerySet[Any], Filtered[Any]]]


class ColumnChoice(models.TextChoices):
    SHOWN = "shown", _("The columns shown in the list")
    ALL = "all", _("Every field")


class HeaderChoice(models.TextChoices):
    LABELS = "labels", _("Column names, in your language")
    KEYS = "keys", _("Column keys, for programs")


@dataclass(frozen=True)
class Options:
    file_format: str  # FileFormat.CSV or XLSX
    columns: str = ColumnChoice.SHOWN
    header: str = HeaderChoice.LABELS


@dataclass(frozen=True)
class ExportableList:
    kind: ExportKind
    model: type[OwnedRecord]
    record_list: RecordList
    title: str | Promise  # the spreadsheet's name
    columns: Callable[[], list[ExportColumn]]
    filtered: Filter
    sorts: tuple[str, ...]  # the list's own sorts (custom fields add theirs)


LISTS = {
    ExportKind.CONTACTS: ExportableList(
        ExportKind.CONTACTS,
        Contact,
        CONTACTS,
        _("Contacts"),
        contact_columns,
        lambda user, params, many: filtered_contacts(user, params, many=many),
        tuple(CONTACT_SORTS),
    ),
    ExportKind.COMPANIES: ExportableList(
        ExportKind.COMPANIES,
        Company,
        COMPANIES,
        _("Companies"),
        company_columns,
        # The company list has no planner hint: it reads through its filters' indexes alike.
        lambda user, params, _many: filtered_companies(user, params),
        tuple(COMPANY_SORTS),
    ),
}


def for_list(name: str) -> ExportableList | None:
    """The export of the record list called ``name`` ("contacts"), if it has one."""
    return next((e for e in LISTS.values() if e.record_list.name == name), None)


def chosen_columns(
    exportable: ExportableList, state: ListState, options: Options
) -> list[ExportColumn]:
    every = exportable.columns()
    return every if options.columns == ColumnChoice.ALL else shown(every, state.column_keys)


def export_list(
    user: User, exportable: ExportableList, state: ListState, options: Options
) -> HttpResponseBase:
    """The list's rows that ``user`` may see, as a CSV or XLSX download; noted in the audit
    trail with the filters, columns and number of rows before a row is written."""
    records, _filters = exportable.filtered(user, state.params, False)
    count = records.order_by().count()
    if count > MANY_ROWS:
        records, _filters = exportable.filtered(user, state.params, True)
    columns = chosen_columns(exportable, state, options)
    record_export(
        by=user,
        kind=exportable.kind,
        file_format=options.file_format,
        rows=count,
        query=state.query,
        saved_view=state.view.pk if state.view else None,
        columns=[column.key for column in columns],
    )
    # Named now, in the user's language: the rows are written after the view has returned.
    with translation.override(user.language):
        header = [
            column.key if options.header == HeaderChoice.KEYS else str(column.label)
            for column in columns
        ]
        title = str(exportable.title)
    rows = _rows(records, columns, user)
    kinds = [column.kind for column in columns]
    name = filename(exportable.kind, options.file_format, user)
    if options.file_format == FileFormat.XLSX:
        return xlsx_response(header, kinds, rows, name, title)
    return csv_response(header, kinds, rows, name)


def _rows(records: QuerySet[Any], columns: list[ExportColumn], user: User) -> Iterator[list[Value]]:
    reading = reading_for(user)
    needs = {column.needs for column in columns if column.needs}
    for batch, related in batches(records, needs, user, BATCH):
        with_batch = replace(reading, related=related)
        for record in batch:
            yield [column.read(record, with_batch) for column in columns]


def reading_for(user: User) -> Reading:
    usernames = dict(User.objects.values_list("pk", "username"))
    return Reading(zone=zoneinfo.ZoneInfo(user.time_zone), usernames=usernames)


def filename(stem: str, extension: str, user: User) -> str:
    """``contacts-2026-03-01.csv``, dated in the user's time zone (and plain ASCII, so every
    browser saves it under that name)."""
    today = timezone.localdate(timezone.now(), zoneinfo.ZoneInfo(user.time_zone))
    return f"{stem}-{today.isoformat()}.{extension}"
