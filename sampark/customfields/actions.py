"""Defining, changing and deleting custom fields: each audited, each keeping its indexes in step."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from sampark.core import audit, cached
from sampark.core.models import AuditAction, User
from sampark.customfields import storage
from sampark.customfields.models import KEY_PATTERN, CustomField, FieldKind
from sampark.customfields.values import CACHE

# Fixed once a field exists: its values are stored under the key in the kind's shape.
FIXED = ("object", "key", "kind")
EDITABLE = ("label", "options", "required", "help_text", "currency", "show_in_list", "position")
CHOICE_KINDS = frozenset({FieldKind.CHOICE, FieldKind.MULTI_CHOICE})
MAX_OPTIONS = 50


def derive_key(label: str, taken: set[str], fallback: str = "field") -> str:
    """A key from an English label ("Risk profile" → risk_profile); a label in another script
    gets ``field_2`` and the like, which the admin may replace before saving."""
    base = slugify(label).replace("-", "_")[:36]
    if not re.match(KEY_PATTERN, base):
        base = fallback
    key, n = base, 1
    while key in taken or not re.match(KEY_PATTERN, key):
        n += 1
        key = f"{base}_{n}"
    return key


def parse_options(text: str, current: list[dict[str, str]] | None = None) -> list[dict[str, str]]:
    """Options typed one per line, as ``Label`` or ``key = Label``; existing keys are kept."""
    options: list[dict[str, str]] = []
    by_label = {option["label"]: option["key"] for option in current or []}
    for line in (raw.strip() for raw in text.splitlines()):
        if not line:
            continue
        key, sep, label = (part.strip() for part in line.partition("="))
        if not sep:
            key, label = by_label.get(line, ""), line
        taken = {option["key"] for option in options}
        if not key:
            key = derive_key(label, taken, fallback="option")
        if not re.match(KEY_PATTERN, key):
            raise ValidationError(
                {
                    "options": _(
                        "“%(key)s” cannot be an option key: use lower-case English letters, "
                        "digits and underscores."
                    )
                    % {"key": key}
                }
            )
        if key in taken:
            raise ValidationError(
                {"options": _("The option “%(key)s” is listed twice.") % {"key": key}}
            )
        options.append({"key": key, "label": label or key})
    return options


def _check(field: CustomField) -> None:
    errors: dict[str, list[str]] = {}
    if field.kind in CHOICE_KINDS and not field.options:
        errors["options"] = [_("List at least one option.")]
    if len(field.options) > MAX_OPTIONS:
        errors["options"] = [_("Use at most %(count)d options.") % {"count": MAX_OPTIONS}]
    if field.kind not in CHOICE_KINDS:
        field.options = []
    if field.kind == FieldKind.MONEY:
        field.currency = field.currency.upper()
        if not re.fullmatch(r"[A-Z]{3}", field.currency):
            errors["currency"] = [_("Give the three-letter ISO code, such as BDT or INR.")]
    else:
        field.currency = ""
    try:
        field.full_clean()
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            errors.setdefault(name, []).extend(messages)
    if errors:
        raise ValidationError(errors)


def define_field(*, by: User, **values: Any) -> CustomField:
    """Add a custom field and the indexes its filters and sorts use."""
    field = CustomField(**values)
    if not field.key:
        taken = set(CustomField.objects.for_object(field.object).values_list("key", flat=True))
        field.key = derive_key(field.label, taken)
    _check(field)
    with transaction.atomic():
        field.save(force_insert=True)
        storage.create_indexes(field)
        cached.invalidate(CACHE)
        audit.record(
            AuditAction.CREATE,
            field,
            by=by,
            changes={name: [None, getattr(field, name)] for name in FIXED + EDITABLE},
        )
    return field


def update_field(field: CustomField, *, by: User, values: Mapping[str, Any]) -> CustomField:
    fixed = [name for name in FIXED if name in values and values[name] != getattr(field, name)]
    if fixed:
        raise ValidationError(
            {name: _("This cannot change once the field exists.") for name in fixed}
        )
    stored = CustomField.objects.get(pk=field.pk)
    for name in EDITABLE:
        if name in values:
            setattr(field, name, values[name])
    _check(field)
    changes = {
        name: [getattr(stored, name), getattr(field, name)]
        for name in EDITABLE
        if getattr(stored, name) != getattr(field, name)
    }
    if not changes:
        return field
    kept = {option["key"] for option in field.options}
    dropped = [option for option in stored.options if option["key"] not in kept]
    with transaction.atomic():
        field.save()
        cached.invalidate(CACHE)
        if dropped:
            storage.drop_indexes(field, options=dropped)
        storage.create_indexes(field)
        audit.record(AuditAction.UPDATE, field, by=by, changes=changes)
    return field


def delete_field(field: CustomField, *, by: User) -> None:
    """Delete the field, its values on every record, and its indexes."""
    with transaction.atomic():
        storage.remove_values(field)
        storage.drop_indexes(field)
        audit.record(
            AuditAction.DELETE,
            field,
            by=by,
            changes={name: [getattr(field, name), None] for name in FIXED + EDITABLE},
        )
        field.delete()
        cached.invalidate(CACHE)
