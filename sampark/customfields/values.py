"""A record's custom values: checked against the field definitions, merged, and read back."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from sampark.core import cached
from sampark.customfields import kinds
from sampark.customfields.models import CustomField

CACHE = "custom-fields"


def definitions(obj: str) -> list[CustomField]:
    """The object's custom fields in order; read on every form, page and list, so cached."""
    return cached.lookup(CACHE, obj, lambda: list(CustomField.objects.for_object(obj)))


def merge(
    obj: str,
    incoming: Mapping[str, Any] | None,
    *,
    current: Mapping[str, Any] | None = None,
    partial: bool = False,
    fields: list[CustomField] | None = None,
) -> dict[str, Any]:
    """``current`` with ``incoming`` applied, every value checked; ValidationError otherwise.

    Errors are keyed ``custom.<key>``, so forms and the API point at the field itself. With
    ``partial``, fields missing from ``incoming`` keep their values (a PATCH); without it, they
    are cleared and required ones are reported (a create, or a full replace). Values of fields
    deleted since are dropped.
    """
    incoming = dict(incoming or {})
    fields = definitions(obj) if fields is None else fields
    known = {field.key for field in fields}
    result = {key: value for key, value in (current or {}).items() if key in known}
    errors: dict[str, list[str]] = {
        f"custom.{key}": [_("There is no custom field with this key.")]
        for key in incoming
        if key not in known
    }
    for field in fields:
        if partial and field.key not in incoming:
            continue
        try:
            value = kinds.clean(field, incoming.get(field.key))
        except ValidationError as error:
            errors[f"custom.{field.key}"] = error.messages
            continue
        if value is None:
            result.pop(field.key, None)
        else:
            result[field.key] = value
    if errors:
        raise ValidationError(errors)
    return result


def shown(
    obj: str, custom: Mapping[str, Any], fields: list[CustomField] | None = None
) -> list[tuple[CustomField, str]]:
    """(field, text) for each defined field that has a value, in the fields' order."""
    fields = definitions(obj) if fields is None else fields
    return [
        (field, kinds.display(field, custom[field.key]))
        for field in fields
        if custom.get(field.key) not in (None, "", [])
    ]


def history_formats(obj: str) -> dict[str, tuple[str, Callable[[Any], str]]]:
    """Labels and formatters for a record's History tab (see sampark.core.history)."""
    return {field.key: (field.label, partial(kinds.display, field)) for field in definitions(obj)}
