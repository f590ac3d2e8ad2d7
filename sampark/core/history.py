"""A record's History tab: audit entries turned into readable rows.

Field names become their labels, foreign keys the related record's name (one query per related
model for the whole page, not per row), choices their labels, and timestamps local time.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from sampark.core.models import AuditEntry
from sampark.core.roles import Role
from sampark.lib.locale_format import format_datetime

# Audited values that are not columns of the record: a user's role and teams, a team's members.
EXTRA_LABELS = {
    "role": _("Role"),
    "teams": _("Teams"),
    "members": _("Members"),
    "tags": _("Tags"),
    "addresses": _("Addresses"),
    "prices": _("Prices"),  # a product's, one per currency
    "lines": _("Line items"),  # a deal's
}


@dataclass(frozen=True)
class Change:
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class HistoryItem:
    entry: AuditEntry
    changes: list[Change]


# How to show a record's custom values, by key: the field's label and a formatter (given by the
# custom fields app, which core does not import).
CustomFormats = Mapping[str, tuple[str, Callable[[Any], str]]]


def history(
    entries: list[AuditEntry], model: type[models.Model], custom: CustomFormats | None = None
) -> list[HistoryItem]:
    fields = {f.attname: f for f in model._meta.concrete_fields}
    names = _related_names(entries, fields)
    return [HistoryItem(entry, _changes(entry, fields, names, custom or {})) for entry in entries]


def _changes(
    entry: AuditEntry,
    fields: dict[str, models.Field[Any, Any]],
    names: dict[Any, str],
    custom: CustomFormats,
) -> list[Change]:
    changes = []
    for attname, (before, after) in entry.changes.items():
        if attname == "custom" and isinstance(before or {}, dict) and isinstance(after or {}, dict):
            changes += _custom_changes(before or {}, after or {}, custom)
            continue
        field = fields.get(attname)
        changes.append(
            Change(_label(attname, fields), _show(field, before, names), _show(field, after, names))
        )
    return changes


def _custom_changes(
    before: dict[str, Any], after: dict[str, Any], custom: CustomFormats
) -> list[Change]:
    """One row per custom value that changed, under its field's label."""
    rows = []
    for key in dict.fromkeys([*before, *after]):
        if before.get(key) == after.get(key):
            continue
        label, show = custom.get(key, (key, _plain))
        rows.append(
            Change(label, _blank_or(show, before.get(key)), _blank_or(show, after.get(key)))
        )
    return rows


def _plain(value: Any) -> str:
    return ", ".join(map(str, value)) if isinstance(value, list) else str(value)


def _blank_or(show: Callable[[Any], str], value: Any) -> str:
    return "—" if value is None or value == "" or value == [] else show(value)


def _related_names(
    entries: list[AuditEntry], fields: dict[str, models.Field[Any, Any]]
) -> dict[tuple[type[models.Model], Any], str]:
    wanted: dict[type[models.Model], set[Any]] = defaultdict(set)
    for entry in entries:
        for attname, values in entry.changes.items():
            field = fields.get(attname)
            if field is not None and field.is_relation and field.related_model:
                wanted[field.related_model].update(v for v in values if v is not None)
    return {
        (related, obj.pk): str(obj)
        for related, ids in wanted.items()
        for obj in related._default_manager.filter(pk__in=ids)
    }


def _label(attname: str, fields: dict[str, models.Field[Any, Any]]) -> str:
    if attname in fields:
        return str(capfirst(fields[attname].verbose_name))  # "IMAP server" stays so
    return str(EXTRA_LABELS.get(attname, attname))


def _show(field: models.Field[Any, Any] | None, value: Any, names: dict[Any, str]) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if field is None:
        if isinstance(value, list):
            return ", ".join(str(v) for v in value)
        return str(Role(value).label) if value in Role.values else str(value)
    if field.is_relation and field.related_model:
        return names.get((field.related_model, value), f"#{value}")
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.DateTimeField):
        return format_datetime(datetime.datetime.fromisoformat(value))
    if isinstance(field, models.BooleanField):
        from django.utils.translation import gettext

        return gettext("Yes") if value else gettext("No")
    return str(value)
