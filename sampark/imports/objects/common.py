"""What contacts and companies read and update alike: the owner, tags, the address and custom
fields of a row, and an update that only adds."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.functional import Promise

from sampark.contacts import actions
from sampark.contacts.models import Company, Contact
from sampark.core.models import User
from sampark.customfields import values as custom_values
from sampark.imports import choices, values
from sampark.imports.cells import clean, split_tags
from sampark.imports.objects import Cells, Context
from sampark.imports.targets import CUSTOM_PREFIX

ADDRESS_PARTS = ("line1", "line2", "city", "region", "postal_code", "country")


def first(cells: Cells, key: str) -> str:
    """The first cell of ``key``, cleaned ("" if none)."""
    return clean(next(iter(cells.get(key, ())), ""))


def read_shared(
    cells: Cells,
    ctx: Context,
    *,
    custom_object: str,
    unknown_owner: str | Promise,
    out: dict[str, Any],
    errors: dict[str, list[str]],
) -> None:
    """Put the row's tags, owner, address and custom values into ``out``; problems into
    ``errors`` by target. ``unknown_owner`` is the message for an owner who cannot be named
    (with ``%(name)s``)."""
    out["tags"] = [tag for cell in cells.get("tags", ()) for tag in split_tags(cell)]
    name = first(cells, "owner")
    if name:
        out["owner"] = owner_called(name, ctx)
        if out["owner"] is None:
            errors["owner"] = [str(unknown_owner) % {"name": name}]
    address = {part: first(cells, f"address_{part}") for part in ADDRESS_PARTS}
    if any(address.values()):
        if address["country"]:
            address["country"] = choices.country(address["country"]) or address["country"]
        out["addresses"] = [address]
    custom: dict[str, Any] = {}
    for field in custom_values.definitions(custom_object):
        key = f"{CUSTOM_PREFIX}{field.key}"
        if key in cells:
            try:
                custom[field.key] = values.custom(field, cells[key])
            except ValidationError as error:
                errors[key] = error.messages
    out["custom"] = custom


def owner_called(name: str, ctx: Context) -> User | None:
    """The person ``name`` (a username or an email) if the importer may give records to them;
    looked up once per import."""
    folded = name.casefold()
    if folded not in ctx.owners:
        ctx.owners[folded] = (
            actions.assignable_owners(ctx.by)
            .filter(Q(username__iexact=name) | Q(email__iexact=name))
            .first()
        )
    return ctx.owners[folded]


def add_shared(
    record: Contact | Company,
    incoming: dict[str, Any],
    changes: dict[str, Any],
    before: dict[str, Any],
) -> None:
    """The owner, tags, custom values and address of ``incoming`` that ``record`` lacks or
    holds otherwise, into ``changes`` (and what they were into ``before``). Tags are added to
    the record's; an address only to a record that has none."""
    owner = incoming.get("owner")
    if owner is not None and owner.pk != record.owner_id:
        changes["owner"], before["owner"] = owner, record.owner_id
    tags = actions.tag_names(record)
    held = {tag.casefold() for tag in tags}
    new_tags = [tag for tag in incoming.get("tags", []) if tag.casefold() not in held]
    if new_tags:
        changes["tags"], before["tags"] = tags + new_tags, tags
    custom = {
        key: value
        for key, value in incoming.get("custom", {}).items()
        if value is not None and record.custom.get(key) != value
    }
    if custom:
        changes["custom"] = custom
        before["custom"] = {key: record.custom.get(key) for key in custom}
    if incoming.get("addresses") and not record.addresses.exists():
        changes["addresses"], before["addresses"] = incoming["addresses"], []


def restored(before: dict[str, Any]) -> dict[str, Any]:
    """``before`` as the update action takes it: the owner as a user again."""
    values = dict(before)
    if "owner" in values:
        values["owner"] = User.objects.get(pk=values["owner"])
    return values


def without_empty(values: dict[str, Any]) -> dict[str, Any]:
    """The values a create action should get: empty cells left out (the model's defaults
    stand), custom values always (required custom fields are checked on create)."""
    return {k: v for k, v in values.items() if v not in ("", None, [], {}) or k == "custom"}


def spellings(names: Sequence[str]) -> list[str]:
    """The usual ways a name is capitalised, to find it case-blind through a plain index."""
    variants = (str.casefold, str.title, str.upper)
    return list(dict.fromkeys([*names, *(variant(n) for n in names for variant in variants)]))
