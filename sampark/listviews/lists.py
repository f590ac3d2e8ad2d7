"""The record lists that offer column choice and saved views, and what each one accepts.

A domain registers each of its lists in its ``AppConfig.ready`` (contacts registers contacts
and companies; deals and tickets will register theirs)::

    lists.register(RecordList(name="contacts", url_name="contacts:list", ...))

A list names its optional columns and its filter and sort parameters; custom fields of its
``custom_object`` add a column each (``cf_<key>``) and their filter parameters.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.http import QueryDict
from django.urls import reverse
from django.utils.functional import Promise

from sampark.customfields.models import CustomField
from sampark.customfields.values import definitions

# Stands in a list's default columns for the custom fields an admin marked "show in list".
CUSTOM_IN_LIST = "*custom*"
# Where a list is, not what it shows: never part of a saved view.
NAVIGATION = frozenset({"view", "cursor", "page"})
# The suffixes of a custom field's range filters (cf_<key>_min, cf_<key>_max).
RANGE_SUFFIXES = ("_min", "_max")


@dataclass(frozen=True)
class Column:
    key: str
    label: str | Promise
    field: CustomField | None = None  # for a custom field's column
    numeric: bool = False  # right-aligned, as numbers are


@dataclass(frozen=True)
class RecordList:
    name: str  # in URLs, the API and stored rows: "contacts"
    everything: str | Promise  # the list with no view applied: "All contacts"
    url_name: str  # the list page: "contacts:list"
    columns: tuple[Column, ...]  # the optional built-in columns, in the order offered
    default: tuple[str, ...]  # the columns shown until the user chooses (with CUSTOM_IN_LIST)
    params: frozenset[str]  # the built-in filter and sort parameters
    # Parameter values that change nothing (``("sort", "name")``): left out of a saved query.
    defaults: frozenset[tuple[str, str]] = frozenset()
    custom_object: str | None = None

    @property
    def url(self) -> str:
        return reverse(self.url_name)

    def custom_fields(self) -> list[CustomField]:
        return definitions(self.custom_object) if self.custom_object else []

    def available(self) -> list[Column]:
        """Every optional column, built-in ones first, then one per custom field."""
        custom = [Column(f"cf_{field.key}", field.label, field) for field in self.custom_fields()]
        return [*self.columns, *custom]

    def default_keys(self) -> list[str]:
        keys: list[str] = []
        for key in self.default:
            if key == CUSTOM_IN_LIST:
                keys += [f"cf_{field.key}" for field in self.custom_fields() if field.show_in_list]
            else:
                keys.append(key)
        return keys

    def pick(self, keys: Iterable[str]) -> list[Column]:
        """The columns named in ``keys``, in that order; unknown keys (a deleted custom field, a
        column since removed) and repeats are skipped."""
        by_key = {column.key: column for column in self.available()}
        picked: dict[str, Column] = {}
        for key in keys:
            if key in by_key and key not in picked:
                picked[key] = by_key[key]
        return list(picked.values())

    def accepts(self, param: str) -> bool:
        """Whether ``param`` is one of this list's filter or sort parameters."""
        if param in self.params:
            return True
        names = {field.form_name for field in self.custom_fields()}
        return param in names or any(
            param.endswith(suffix) and param.removesuffix(suffix) in names
            for suffix in RANGE_SUFFIXES
        )

    def query_of(self, params: QueryDict) -> str:
        """The filters and sort in ``params`` as a view stores them: this list's parameters
        only, without empty or default values, so the same filters always read the same."""
        kept = QueryDict(mutable=True)
        for name, values in params.lists():
            if name in NAVIGATION or not self.accepts(name):
                continue
            for value in values:
                if value.strip() and (name, value) not in self.defaults:
                    kept.appendlist(name, value)
        return kept.urlencode()


_LISTS: dict[str, RecordList] = {}


def register(record_list: RecordList) -> None:
    _LISTS[record_list.name] = record_list


def find(name: str) -> RecordList | None:
    return _LISTS.get(name)


def names() -> list[str]:
    return sorted(_LISTS)
