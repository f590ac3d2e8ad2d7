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


def describe(rule: Rule, fields: dict[str, ConditionField]) -> str:
    """``rule`` in words; an empty rule is "Every contact"."""
    text = _group(rule, fields, top=True)
    return text or _("Every contact")


def _group(rule: Rule, fields: dict[str, ConditionField], *, top: bool = False) -> str:
    parts = [
        _group(item, fields) if "match" in item else _condition(item, fields)
        for item in rule.get("conditions", [])
    ]
    joiner = _(", and ") if rule.get("match") == "all" else _(", or ")
    text = joiner.join(p for p in parts if p)
    return text if top or len(parts) < 2 else f"({text})"


def _condition(item: Rule, fields: dict[str, ConditionField]) -> str:
    condition_field = fields.get(item["field"])
    if condition_field is None:
        return _("a field that no longer exists")
    op = Op(item["op"])
    words = [str(condition_field.label), str(OP_LABELS[op])]
    if op in IN_DAYS:
        words[-1] = _days_phrase(op, item["value"])
    elif op not in NO_VALUE:
        words.append(_value(condition_field, op, item["value"]))
    if item.get("currency"):
        words.append(item["currency"])
    if item.get("days"):
        words.append(
            ngettext("in the last %(n)s day", "in the last %(n)s days", item["days"])
            % {"n": format_number(item["days"])}
        )
    return " ".join(words)


def _days_phrase(op: Op, days: int) -> str:
    if op is Op.WITHIN_LAST:
        return ngettext("in the last %(n)s day", "in the last %(n)s days", days) % {
            "n": format_number(days)
        }
    return ngettext("more than %(n)s day ago", "more than %(n)s days ago", days) % {
        "n": format_number(days)
    }


def _value(condition_field: ConditionField, op: Op, value: Any) -> str:
    if op is Op.BETWEEN:
        low, high = value
        return _("%(low)s and %(high)s") % {"low": _number(low), "high": _number(high)}
    if isinstance(value, list):
        labels = dict(condition_field.choices()) if condition_field.choices else {}
        return _(" or ").join(labels.get(str(v), str(v)) for v in value)
    if condition_field.kind in (Kind.NUMBER, Kind.COUNT, Kind.TOTAL):
        return _number(value)
    return str(value)


def _number(value: Any) -> str:
    return format_number(Decimal(str(value)))
