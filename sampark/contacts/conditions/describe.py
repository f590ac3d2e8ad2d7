"""A checked rule in words, in the reader's language: "Country is Bangladesh or India, and
Trades at least 10 in the last 30 days" — for segment lists, detail pages and audit readers."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sampark.contacts.conditions.fields import (
    IN_DAYS,
    NO_VALUE,
    OP_LABELS,
    ConditionField,
    Kind,
    Op,
)
from sampark.contacts.conditions.tree import Rule
from sampark.lib.locale_format import format_number


class Describer:
    """Rules in words, sharing one read of each field's choices ("Owner is Nadia" needs the
    users' names) across every rule it describes: a list of segments reads them once."""

    def __init__(self, fields: dict[str, ConditionField]) -> None:
        self.fields = fields
        self._labels: dict[str, dict[str, str]] = {}

    def __call__(self, rule: Rule) -> str:
        """``rule`` in words; an empty rule is "Every contact"."""
        return self._group(rule, top=True) or _("Every contact")

    def _group(self, rule: Rule, *, top: bool = False) -> str:
        parts = [
            self._group(item) if "match" in item else self._condition(item)
            for item in rule.get("conditions", [])
        ]
        joiner = _(", and ") if rule.get("match") == "all" else _(", or ")
        text = joiner.join(p for p in parts if p)
        return text if top or len(parts) < 2 else f"({text})"

    def _condition(self, item: Rule) -> str:
        condition_field = self.fields.get(item["field"])
        if condition_field is None:
            return _("a field that no longer exists")
        op = Op(item["op"])
        words = [str(condition_field.label), str(OP_LABELS[op])]
        if op in IN_DAYS:
            words[-1] = _days_phrase(op, item["value"])
        elif op not in NO_VALUE:
            words.append(self._value(condition_field, op, item["value"]))
        if item.get("currency"):
            words.append(item["currency"])
        if item.get("days"):
            words.append(_days_phrase(Op.WITHIN_LAST, item["days"]))
        return " ".join(words)

    def _value(self, condition_field: ConditionField, op: Op, value: Any) -> str:
        if op is Op.BETWEEN:
            low, high = value
            return _("%(low)s and %(high)s") % {"low": _number(low), "high": _number(high)}
        if isinstance(value, list):
            labels = self._choices(condition_field)
            return _(" or ").join(labels.get(str(v), str(v)) for v in value)
        if condition_field.kind in (Kind.NUMBER, Kind.COUNT, Kind.TOTAL):
            return _number(value)
        return str(value)

    def _choices(self, condition_field: ConditionField) -> dict[str, str]:
        if condition_field.key not in self._labels:
            choices = condition_field.choices() if condition_field.choices else []
            self._labels[condition_field.key] = dict(choices)
        return self._labels[condition_field.key]


def describe(rule: Rule, fields: dict[str, ConditionField]) -> str:
    """``rule`` in words (one rule; a list of them is best read by one ``Describer``)."""
    return Describer(fields)(rule)


def _days_phrase(op: Op, days: int) -> str:
    if op is Op.WITHIN_LAST:
        return ngettext("in the last %(n)s day", "in the last %(n)s days", days) % {
            "n": format_number(days)
        }
    return ngettext("more than %(n)s day ago", "more than %(n)s days ago", days) % {
        "n": format_number(days)
    }


def _number(value: Any) -> str:
    return format_number(Decimal(str(value)))
