"""Formsets whose rows an action takes as a list: a product's prices, a deal's line items.

The rows kept are those filled in and not marked for removal, in order; the action's errors for
row n (keyed ``<prefix>.<n>.<field>``) go beside that field of that row, so the person sees
which price or which line is wrong.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError


def kept_forms(formset: forms.BaseFormSet[Any]) -> list[forms.Form]:
    """The rows that say something, in order: the stored ones and the extra ones filled in (an
    untouched empty row is no row), less those marked for removal."""
    stored = formset.initial_form_count()
    return [
        form
        for n, form in enumerate(formset.forms)
        if (n < stored or form.has_changed()) and not form.cleaned_data.get("DELETE", False)
    ]


def rows(formset: forms.BaseFormSet[Any], fields: tuple[str, ...]) -> list[dict[str, Any]]:
    return [{name: form.cleaned_data.get(name) for name in fields} for form in kept_forms(formset)]


def add_row_errors(
    formset: forms.BaseFormSet[Any], prefix: str, error: ValidationError
) -> list[str]:
    """Put the action's ``<prefix>.<n>.<field>`` errors on the kept rows' fields; returns the
    messages that name no row field, for the caller to show above the form."""
    kept = kept_forms(formset)
    rest: list[str] = []
    if not hasattr(error, "error_dict"):
        return list(error.messages)
    for key, errors in error.error_dict.items():
        parts = key.split(".")
        messages = [message for e in errors for message in e.messages]
        if len(parts) == 3 and parts[0] == prefix and parts[1].isdigit():
            index, name = int(parts[1]), parts[2]
            if index < len(kept) and name in kept[index].fields:
                kept[index].add_error(name, messages)
                continue
        rest.extend(messages)
    return rest
