"""The columns of an exported contact or company list: what each holds and what it is called.

A column is named after the import target it fills (``sampark.imports.targets``), by key and by
label, custom fields included (``custom.<key>``), so an exported file imports back with every
column mapped by itself. Values are what an import accepts: codes and keys rather than words of
one language (``BD``, ``lead``, ``bn``), the owner's username, several values in one cell joined
by "; ", times in ISO 8601. The few columns no import fills (Sampark's id, when a record was
created and updated, a company's number of people) are named here.

Each column also says which list column it stands for (``shows``), for an export of "the
columns shown", and what it needs read beside the rows (``needs``), which the reader fetches once
per batch of rows, never once per row.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from sampark.customfields import values as custom_values
from sampark.customfields.models import CustomField, CustomObject, FieldKind
from sampark.exports.cells import CellKind, Value, iso
from sampark.exports.related import Found, Related
from sampark.imports.targets import CUSTOM_PREFIX, ImportObject, by_key

# Stands for the name, which every list shows first whatever columns are chosen.
NAME = "*name*"
JOIN = "; "  # what importers split a cell of several values on (with line breaks)


@dataclass(frozen=True)
class Reading:
    """What reading the rows needs besides the rows: the reader's time zone, usernames, and the
    related values of the batch of rows being read (see ``related.batches``)."""

    zone: datetime.tzinfo
    usernames: dict[int, str]
    related: dict[Related, Found] = field(default_factory=dict)

    def of(self, need: Related, record: Any) -> list[Any]:
        return self.related[need].get(record.pk, [])


type Reader = Callable[[Any, Reading], Value]


@dataclass(frozen=True)
class ExportColumn:
    key: str
    label: str | Promise
    read: Reader
    kind: CellKind = CellKind.TEXT
    shows: str = ""  # the list column it stands for, if any
    needs: Related | None = None


def _attribute(name: str) -> Reader:
    return lambda record, _reading: getattr(record, name)


def _joined(values: Iterable[str]) -> str:
    return JOIN.join(values)


def _owner(record: Any, reading: Reading) -> str:
    return reading.usernames.get(record.owner_id, "")


def _created(record: Any, reading: Reading) -> str:
    return iso(record.created_at, reading.zone)


def _updated(record: Any, reading: Reading) -> str:
    return iso(record.updated_at, reading.zone)


def _all(need: Related) -> Reader:
    return lambda record, reading: _joined(reading.of(need, record))


def _first(need: Related, index: int) -> Reader:
    """Part ``index`` of the first of ``need``: the primary address (an import fills one, so the
    others stay out), or the primary company (else the first linked) among those visible."""

    def read(record: Any, reading: Reading) -> str:
        found = reading.of(need, record)
        return found[0][index] if found else ""

    return read


def _custom_value(field: CustomField) -> Reader:
    def read(record: Any, _reading: Reading) -> Value:
        value = record.custom.get(field.key)
        if isinstance(value, list):
            return _joined(str(item) for item in value)
        return value

    return read


def _custom_kind(field: CustomField) -> CellKind:
    if field.kind in (FieldKind.NUMBER, FieldKind.MONEY):
        return CellKind.NUMBER
    if field.kind == FieldKind.BOOLEAN:
        return CellKind.BOOLEAN
    return CellKind.TEXT


def _custom_columns(obj: str) -> list[ExportColumn]:
    return [
        ExportColumn(
            f"{CUSTOM_PREFIX}{field.key}",
            field.label,
            _custom_value(field),
            _custom_kind(field),
            shows=f"cf_{field.key}",
        )
        for field in custom_values.definitions(obj)
    ]


class _Named:
    """Columns named after an import object's targets: ``column("email", read)``."""

    def __init__(self, obj: ImportObject) -> None:
        self.targets = by_key(obj)

    def __call__(self, key: str, read: Reader | None = None, **options: Any) -> ExportColumn:
        return ExportColumn(key, self.targets[key].label, read or _attribute(key), **options)

    def address(self) -> list[ExportColumn]:
        parts = ("line1", "line2", "city", "region", "postal_code", "country")
        return [
            self(f"address_{part}", _first(Related.ADDRESSES, n), needs=Related.ADDRESSES)
            for n, part in enumerate(parts)
        ]


def contact_columns() -> list[ExportColumn]:
    """Every column of a contact export, in order."""
    column = _Named(ImportObject.CONTACTS)
    return [
        ExportColumn("id", _("Sampark ID"), _attribute("pk"), CellKind.NUMBER),
        column("external_id"),
        column("display_name", shows=NAME),
        column("given_name"),
        column("family_name"),
        column("latin_name"),
        column("email", _all(Related.EMAILS), shows="email", needs=Related.EMAILS),
        column(
            "phone",
            _all(Related.PHONES),
            kind=CellKind.PHONE,
            shows="phone",
            needs=Related.PHONES,
        ),
        column(
            "company",
            _first(Related.COMPANIES, 0),
            shows="company",
            needs=Related.COMPANIES,
        ),
        column("company_domain", _first(Related.COMPANIES, 1), needs=Related.COMPANIES),
        column("job_title", _first(Related.COMPANIES, 2), needs=Related.COMPANIES),
        column("country", shows="country"),
        column("language", shows="language"),
        column("preferred_channel"),
        column("time_zone"),
        column("lifecycle_stage", shows="stage"),
        column("source", shows="source"),
        column("tags", _all(Related.TAGS), needs=Related.TAGS),
        column("notes"),
        column("owner", _owner, shows="owner"),
        *column.address(),
        *_custom_columns(CustomObject.CONTACT),
        ExportColumn("created_at", _("Created"), _created),
        ExportColumn("updated_at", _("Updated"), _updated, shows="updated"),
    ]


def company_columns() -> list[ExportColumn]:
    """Every column of a company export, in order."""
    column = _Named(ImportObject.COMPANIES)
    return [
        ExportColumn("id", _("Sampark ID"), _attribute("pk"), CellKind.NUMBER),
        column("external_id"),
        column("name", shows=NAME),
        column("domain", shows="domain"),
        column("industry", shows="industry"),
        column("size", shows="size"),
        column("country", shows="country"),
        column("parent", _attribute("export_parent"), needs=Related.PARENT),
        column("tags", _all(Related.TAGS), needs=Related.TAGS),
        column("owner", _owner, shows="owner"),
        *column.address(),
        *_custom_columns(CustomObject.COMPANY),
        ExportColumn(
            "people",
            _("People"),
            _attribute("people_count"),
            CellKind.NUMBER,
            shows="people",
            needs=Related.PEOPLE,
        ),
        ExportColumn("created_at", _("Created"), _created),
        ExportColumn("updated_at", _("Updated"), _updated, shows="updated"),
    ]


def shown(columns: list[ExportColumn], list_keys: Iterable[str]) -> list[ExportColumn]:
    """The columns standing for the name and then for ``list_keys`` (the list's shown columns),
    in that order."""
    by_list_key = {column.shows: column for column in columns if column.shows}
    return [by_list_key[key] for key in (NAME, *list_keys) if key in by_list_key]
