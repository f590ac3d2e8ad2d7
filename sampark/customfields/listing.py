"""Custom fields in record lists: filter controls, sorting and columns, all on indexed SQL."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import F, Q, QuerySet
from django.utils.translation import gettext as _

from sampark.core.planner import unindexed
from sampark.customfields import kinds, storage
from sampark.customfields.models import CustomField, FieldKind

RANGE_KINDS = frozenset({FieldKind.NUMBER, FieldKind.MONEY, FieldKind.DATE})
SORT_ANNOTATION = "custom_sort"


@dataclass
class Control:
    """One custom field's filter control in a list's toolbar, with what is chosen in it."""

    field: CustomField
    value: str = ""
    low: str = ""
    high: str = ""

    @property
    def is_range(self) -> bool:
        return self.field.kind in RANGE_KINDS

    @property
    def input_type(self) -> str:
        return "date" if self.field.kind == FieldKind.DATE else "number"

    @property
    def active(self) -> bool:
        return bool(self.value or self.low or self.high)


@dataclass
class Filtered[Q_T: QuerySet[Any]]:
    queryset: Q_T
    controls: list[Control]
    # By query parameter: "<label>: <what is wrong>".
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def active(self) -> bool:
        return any(control.active for control in self.controls)


def apply_filters[Q_T: QuerySet[Any]](
    queryset: Q_T, fields: list[CustomField], params: Mapping[str, str], *, many: bool = False
) -> Filtered[Q_T]:
    """Filter by ``cf_<key>`` (is), ``cf_<key>_min`` and ``cf_<key>_max`` (ranges) in ``params``.

    A value that does not fit its field is left out of the filter and reported, not a 500.
    ``many``: many rows pass, so the conditions are written for the planner to check row by row
    while it walks the sort order's index (see core/planner.py).
    """
    result = Filtered(queryset, [])
    for custom in fields:
        name = custom.form_name
        control = Control(
            custom,
            value=params.get(name, "").strip(),
            low=params.get(f"{name}_min", "").strip(),
            high=params.get(f"{name}_max", "").strip(),
        )
        result.controls.append(control)
        try:
            condition = _condition(control, many)
        except ValidationError as error:
            for param, messages in error.message_dict.items():
                result.errors[param] = f"{custom.label}: {' '.join(messages)}"
            continue
        if condition is not None:
            result.queryset = result.queryset.filter(condition)
    return result


def _condition(control: Control, many: bool) -> Q | None:
    """The filter the control asks for; ValidationError keyed by the offending parameter."""
    custom, name = control.field, control.field.form_name
    if custom.kind == FieldKind.MULTI_CHOICE:
        if not control.value:
            return None
        (option,) = _checked(custom, name, [control.value])
        return storage.has_option(custom, option, many=many)
    value: Any = storage.CustomValue(custom)
    if many:
        value = unindexed(value, value.output_field)
    if control.is_range:
        condition = Q()
        if control.low:
            condition &= Q(_lookup(value, "gte", _checked(custom, f"{name}_min", control.low)))
        if control.high:
            condition &= Q(_lookup(value, "lte", _checked(custom, f"{name}_max", control.high)))
        return condition or None
    if not control.value:
        return None
    raw: Any = control.value
    if custom.kind == FieldKind.BOOLEAN:
        raw = {"true": True, "false": False}.get(raw, raw)
    return Q(_lookup(value, "exact", _checked(custom, name, raw)))


def _checked(custom: CustomField, param: str, raw: Any) -> Any:
    # A filter checks a value's shape, not its presence: "required" does not apply.
    optional = CustomField(**{f.attname: getattr(custom, f.attname) for f in custom._meta.fields})
    optional.required = False
    try:
        return kinds.clean(optional, raw)
    except ValidationError as error:
        raise ValidationError({param: error.messages}) from None


def _lookup(value: Any, name: str, operand: Any) -> Any:
    lookup = value.get_lookup(name)
    assert lookup is not None, name
    return lookup(value, operand)


def sort_choices(fields: list[CustomField]) -> list[tuple[str, str]]:
    return [
        (f"cf_{custom.key}", _("Sort by %(label)s") % {"label": custom.label})
        for custom in fields
        if custom.kind in storage.SORTABLE
    ]


def order_by[Q_T: QuerySet[Any]](queryset: Q_T, fields: list[CustomField], sort: str) -> Q_T | None:
    """``queryset`` sorted by the custom field named in ``sort`` (``cf_<key>``), or None if
    ``sort`` names none. Records without a value come last."""
    key = sort.removeprefix("cf_") if sort.startswith("cf_") else None
    custom = next((f for f in fields if f.key == key and f.kind in storage.SORTABLE), None)
    if custom is None:
        return None
    annotated = queryset.annotate(**{SORT_ANNOTATION: storage.CustomValue(custom)})
    return annotated.order_by(F(SORT_ANNOTATION).asc(nulls_last=True))
