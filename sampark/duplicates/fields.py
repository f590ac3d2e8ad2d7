"""Which fields a merge chooses between, their defaults, and the values the winner ends with.

Single values (name, country, stage, external ID, each custom field…) are *chosen*: for each, the
value of one of the merged records wins; by default the winner's if it has one, else the first
record's that does. Lists (emails, phones, tags, addresses) are *united*: the winner's first,
then what the others add. The owner and team stay the winner's: a merge does not hand records
over to another team.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from sampark.contacts.models import Company, Contact
from sampark.customfields import kinds
from sampark.customfields import values as custom_values
from sampark.duplicates.models import RecordKind

CUSTOM = "custom."
CHOSEN: dict[str, tuple[str, ...]] = {
    RecordKind.CONTACT: (
        "display_name",
        "given_name",
        "family_name",
        "latin_name",
        "country",
        "language",
        "preferred_channel",
        "time_zone",
        "lifecycle_stage",
        "source",
        "referred_by",
        "external_id",
        "notes",
    ),
    RecordKind.COMPANY: ("name", "domain", "industry", "size", "country", "parent", "external_id"),
}
MAX_RECORDS = 10

Record = Contact | Company


def names(kind: str) -> list[str]:
    custom = [f"{CUSTOM}{field.key}" for field in custom_values.definitions(kind)]
    return [*CHOSEN[kind], *custom]


def value(record: Record, name: str) -> Any:
    if name.startswith(CUSTOM):
        return record.custom.get(name.removeprefix(CUSTOM))
    return getattr(record, _field(record, name).attname)


def _field(record: Record, name: str) -> models.Field[Any, Any]:
    found = record._meta.get_field(name)
    assert isinstance(found, models.Field)
    return found


def _empty(raw: Any) -> bool:
    return raw in (None, "", [], {})


def defaults(records: Sequence[Record], kind: str) -> dict[str, int]:
    """For each field, whose value wins unless told: the first record's (the winner's) if it
    has one, else the first that does."""
    chosen: dict[str, int] = {}
    for name in names(kind):
        source = next((r for r in records if not _empty(value(r, name))), records[0])
        chosen[name] = source.pk
    return chosen


def differing(records: Sequence[Record], kind: str) -> list[str]:
    """The fields the records do not all agree on: the ones worth asking about."""
    return [n for n in names(kind) if len({repr(value(r, n)) for r in records}) > 1]


def check(records: Sequence[Record], kind: str, given: Mapping[str, Any]) -> dict[str, int]:
    """The defaults overridden by ``given`` (field -> id of the record whose value wins); a
    ValidationError keyed ``fields.<name>`` for an unknown field or a record not merged."""
    chosen = defaults(records, kind)
    ids = {r.pk for r in records}
    errors: dict[str, list[str]] = {}
    for name, pk in given.items():
        if name not in chosen:
            errors[f"fields.{name}"] = [_("There is no such field to choose.")]
        elif pk not in ids:
            errors[f"fields.{name}"] = [_("Choose one of the records being merged.")]
        else:
            chosen[name] = pk
    if errors:
        raise ValidationError(errors)
    return chosen


def changes(records: Sequence[Record], kind: str, chosen: Mapping[str, int]) -> dict[str, Any]:
    """What the winner (``records[0]``) must be given for the chosen values: fields by attname,
    and custom values under ``custom`` (None clears one)."""
    winner = records[0]
    by_id = {r.pk: r for r in records}
    group = set(by_id)
    values: dict[str, Any] = {}
    custom: dict[str, Any] = {}
    for name, pk in chosen.items():
        new = value(by_id[pk], name)
        if name.startswith(CUSTOM):
            if new != value(winner, name):
                custom[name.removeprefix(CUSTOM)] = new
            continue
        field = _field(winner, name)
        if field.is_relation and new in group:
            new = None  # a record cannot refer to itself, nor to one about to go
        if new != value(winner, name):
            values[field.attname] = new
    if custom:
        values["custom"] = custom
    return values


def united(lists: Sequence[Sequence[Any]], key: Any = None) -> list[Any]:
    """The items of every list, in order, without repeats (compared by ``key``)."""
    seen: set[Any] = set()
    result = []
    for items in lists:
        for item in items:
            mark = key(item) if key else item
            if mark not in seen:
                seen.add(mark)
                result.append(item)
    return result


@dataclass(frozen=True)
class Row:
    """One line of the merge page: a field, each record's value as shown, and the default."""

    name: str
    label: str
    shown: list[tuple[int, str]]
    default: int


def rows(records: Sequence[Record], kind: str, visible: set[tuple[str, int]]) -> list[Row]:
    """The differing fields as the merge page shows them. ``visible``: the (model label, id) of
    related records the viewer may see; others are not named."""
    chosen = defaults(records, kind)
    definitions = {f.key: f for f in custom_values.definitions(kind)}
    found = []
    for name in differing(records, kind):
        if name.startswith(CUSTOM):
            definition = definitions[name.removeprefix(CUSTOM)]
            label = definition.label
            shown = [(r.pk, _custom_text(definition, value(r, name))) for r in records]
        else:
            field = _field(records[0], name)
            label = str(field.verbose_name).capitalize()
            shown = [(r.pk, _text(r, field, visible)) for r in records]
        found.append(Row(name, label, shown, chosen[name]))
    return found


def _custom_text(definition: Any, raw: Any) -> str:
    return "" if _empty(raw) else kinds.display(definition, raw)


def _text(record: Record, field: models.Field[Any, Any], visible: set[tuple[str, int]]) -> str:
    if field.is_relation:
        related = getattr(record, field.name)
        if related is None:
            return ""
        if (related._meta.label_lower, related.pk) not in visible:
            return _("a record you may not see")
        return str(related)
    if field.choices:
        return str(getattr(record, f"get_{field.name}_display")())
    return str(getattr(record, field.attname) or "")
