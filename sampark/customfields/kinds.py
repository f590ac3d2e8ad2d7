"""What each kind of custom field accepts, how it is stored in JSON, shown, and edited.

One place for the rules, used by the forms, the API and (later) imports: ``clean`` turns what a
user or client sent into the stored JSON value or raises a ValidationError saying why.
"""

from __future__ import annotations

import datetime
import math
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from sampark.customfields.models import CustomField, FieldKind
from sampark.lib.locale_format import format_date, format_money, format_number

TEXT_MAX = 1000
URL_MAX = 500
# JSON numbers are read back as 64-bit floats (SQLite's json_extract, and every JSON client), so
# more significant digits than this would not survive the round trip.
SIGNIFICANT_DIGITS = 15

JSONValue = str | int | float | bool | list[str] | None


def clean(field: CustomField, raw: Any) -> JSONValue:
    """The value to store for ``raw``, or None for "no value"; raises ValidationError."""
    if raw is None or raw == "" or raw == []:
        if field.required:
            raise ValidationError(_("This field is required."), code="required")
        return None
    match field.kind:
        case FieldKind.TEXT:
            return _text(raw, TEXT_MAX)
        case FieldKind.URL:
            text = _text(raw, URL_MAX)
            URLValidator(message=_("Enter a web address such as https://example.com."))(text)
            return text
        case FieldKind.NUMBER:
            return _number(raw)
        case FieldKind.MONEY:
            return _number(raw, places=2)
        case FieldKind.DATE:
            return _date(raw).isoformat()
        case FieldKind.BOOLEAN:
            if not isinstance(raw, bool):
                raise ValidationError(_("Give true or false."), code="invalid")
            return raw
        case FieldKind.CHOICE:
            return _option(field, raw)
        case FieldKind.MULTI_CHOICE:
            if not isinstance(raw, list | tuple):
                raise ValidationError(_("Give a list of options."), code="invalid")
            chosen = {_option(field, item) for item in raw}
            return [option["key"] for option in field.options if option["key"] in chosen]
    raise ValidationError(_("This field's type is not known."), code="invalid")


def _text(raw: Any, limit: int) -> str:
    if not isinstance(raw, str):
        raise ValidationError(_("Give text."), code="invalid")
    text = raw.strip()
    if len(text) > limit:
        raise ValidationError(
            _("Use at most %(limit)d characters.") % {"limit": limit}, code="max_length"
        )
    return text


def _number(raw: Any, places: int | None = None) -> int | float:
    if isinstance(raw, bool):
        raise ValidationError(_("Enter a number."), code="invalid")
    try:
        number = Decimal(str(raw).strip())
    except InvalidOperation:
        raise ValidationError(_("Enter a number."), code="invalid") from None
    if not number.is_finite():
        raise ValidationError(_("Enter a number."), code="invalid")
    if places is not None:
        number = number.quantize(Decimal(1).scaleb(-places))
    if len(number.normalize().as_tuple().digits) > SIGNIFICANT_DIGITS:
        raise ValidationError(
            _("Use at most %(digits)d significant digits.") % {"digits": SIGNIFICANT_DIGITS},
            code="invalid",
        )
    if number == number.to_integral_value():
        return int(number)
    value = float(number)
    assert math.isfinite(value)
    return value


def _date(raw: Any) -> datetime.date:
    if isinstance(raw, datetime.datetime):
        return raw.date()
    if isinstance(raw, datetime.date):
        return raw
    if isinstance(raw, str):
        try:
            return datetime.date.fromisoformat(raw.strip())
        except ValueError:
            pass
    raise ValidationError(_("Enter a date as YYYY-MM-DD."), code="invalid")


def _option(field: CustomField, raw: Any) -> str:
    if isinstance(raw, str) and raw in field.option_labels:
        return raw
    raise ValidationError(
        _("%(value)s is not one of the options: %(options)s.")
        % {"value": raw, "options": ", ".join(field.option_labels)},
        code="invalid_choice",
    )


def display(field: CustomField, value: JSONValue) -> str:
    """The stored value as the page shows it, in the active language."""
    if value is None or value == "" or value == []:
        return ""
    match field.kind:
        case FieldKind.NUMBER:
            return format_number(value)  # type: ignore[arg-type]
        case FieldKind.MONEY:
            if field.currency:
                return format_money(Decimal(str(value)), field.currency)
            return format_number(value)  # type: ignore[arg-type]
        case FieldKind.DATE:
            return format_date(datetime.date.fromisoformat(str(value)))
        case FieldKind.BOOLEAN:
            return str(_("Yes") if value else _("No"))
        case FieldKind.CHOICE:
            return field.option_labels.get(str(value), str(value))
        case FieldKind.MULTI_CHOICE:
            labels = field.option_labels
            return ", ".join(labels.get(item, item) for item in value)  # type: ignore[union-attr]
    return str(value)


def form_field(field: CustomField) -> forms.Field:
    """An HTML form field for editing this custom field; its cleaned value goes to ``clean``."""
    common: dict[str, Any] = {
        "label": field.label,
        "help_text": field.help_text,
        "required": field.required,
    }
    choices = [(option["key"], option["label"]) for option in field.options]
    match field.kind:
        case FieldKind.TEXT:
            return forms.CharField(max_length=TEXT_MAX, **common)
        case FieldKind.URL:
            return forms.URLField(max_length=URL_MAX, assume_scheme="https", **common)
        case FieldKind.NUMBER:
            return forms.DecimalField(**common)
        case FieldKind.MONEY:
            if field.currency:
                common["label"] = f"{field.label} ({field.currency})"
            return forms.DecimalField(decimal_places=2, **common)
        case FieldKind.DATE:
            return forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), **common)
        case FieldKind.BOOLEAN:
            # Three states: "not known" is different from "no".
            return forms.NullBooleanField(
                widget=forms.Select(
                    choices=[("unknown", _("Not known")), ("true", _("Yes")), ("false", _("No"))]
                ),
                **common,
            )
        case FieldKind.CHOICE:
            return forms.ChoiceField(choices=[("", "—"), *choices], **common)
        case FieldKind.MULTI_CHOICE:
            return forms.MultipleChoiceField(
                choices=choices, widget=forms.CheckboxSelectMultiple, **common
            )
    raise ValueError(field.kind)


def initial(field: CustomField, value: JSONValue) -> Any:
    """The stored value as the form field's initial value."""
    if value is None:
        return None
    if field.kind == FieldKind.DATE:
        return datetime.date.fromisoformat(str(value))
    return value
