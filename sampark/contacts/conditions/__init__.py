"""The segment rule engine: conditions over contacts, nested in all/any groups, compiled to one
SQL condition. Segments, list filters, campaigns and automation rules all use it."""

from sampark.contacts.conditions.fields import ConditionField, Kind, Op, available, register
from sampark.contacts.conditions.tree import (
    EVERYONE,
    Rule,
    RuleError,
    check,
    fields_used,
    one_condition,
    to_q,
)

__all__ = [
    "EVERYONE",
    "ConditionField",
    "Kind",
    "Op",
    "Rule",
    "RuleError",
    "available",
    "check",
    "fields_used",
    "one_condition",
    "register",
    "to_q",
]
