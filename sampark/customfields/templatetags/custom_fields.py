from __future__ import annotations

from typing import Any

from django import template

from sampark.customfields import kinds
from sampark.customfields.models import CustomField

register = template.Library()


@register.filter
def custom_value(record: Any, field: CustomField) -> str:
    """``{{ contact|custom_value:field }}``: the record's value of a custom field, as shown."""
    return kinds.display(field, (record.custom or {}).get(field.key))
