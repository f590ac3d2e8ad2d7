"""Segment rules as JSON: checked, normalised, and turned into one ``Q`` over ``Contact``.

A rule is a group of conditions and groups, nested::

    {"match": "all", "conditions": [
        {"field": "country", "op": "is", "value": ["BD"]},
        {"field": "trades", "op": "at_least", "value": 10, "days": 30},
        {"match": "any", "conditions": [
            {"field": "csat", "op": "at_most", "value": 2, "days": 90},
            {"field": "tags", "op": "has_any", "value": ["VIP"]}]}]}

``check`` refuses anything malformed with every problem at once, each keyed by where it is
("conditions.2.value"), so a form or an API client can show it beside the right input;
``to_q`` turns a checked rule into SQL. An empty group matches every contact.
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from sampark.contacts.conditions.builders import RelatedCount, mergeable, merged_counts
from sampark.contacts.conditions.fields import (
    IN_DAYS,
    MAX_DAYS,
    NO_VALUE,
    Condition,
    ConditionField,
    Kind,
    Op,
    available,
)

MATCH = ("all", "any")
MAX_DEPTH = 4  # groups within groups; deeper is no longer readable
MAX_CONDITIONS = 50
MAX_TEXT = 200
MAX_CHOSEN = 100
MAX_COUNT = 1_000_000
_CURRENCY = re.compile(r"^[A-Z]{3}$")

Rule = dict[str, Any]
EVERYONE: Rule = {"match": "all", "conditions": []}


class RuleError(ValidationError):
    """Everything wrong with a rule, by path: ``{"conditions.0.value": ["…"]}``."""

    def __init__(self, problems: dict[str, list[str]]) -> None:
        super().__init__(problems)
        self.problems = problems


def check(rule: Any) -> Rule:
    """The rule, normalised (values in their canonical JSON form), or ``RuleError``."""
    problems: dict[str, list[str]] = {}
    fields = available()
    counted = [0]
    checked = _group(rule, "", 1, fields, problems, counted)
    if counted[0] > MAX_CONDITIONS:
        _add(problems, "", _("A rule may have at most %(n)d conditions.") % {"n": MAX_CONDITIONS})
    if problems:
        raise RuleError(problems)
    return checked


def to_q(rule: Rule, *, now: datetime.datetime | None = None) -> Q:
    """The contacts ``rule`` (already checked) keeps, as one condition; ``now`` ends every
    "last N days" window (the present by default)."""
    return _group_q(rule, now or timezone.now(), available())


def one_condition(field: str, op: str, value: Any = None) -> Q:
    """A single condition as a filter (a list's "segment" parameter, say); ``RuleError`` if it
    does not hold up."""
    condition = (
        {"field": field, "op": op} if value is None else {"field": field, "op": op, "value": value}
    )
    return to_q(check({"match": "all", "conditions": [condition]}))


def fields_used(rule: Rule) -> set[str]:
    """The keys of every field ``rule`` tests, at any depth."""
    used: set[str] = set()
    for item in rule.get("conditions", []):
        used |= fields_used(item) if "match" in item else {item["field"]}
    return used


def _group_q(rule: Rule, now: datetime.datetime, fields: dict[str, ConditionField]) -> Q:
    every = rule["match"] == "all"
    parts: list[Q] = []
    counts: dict[object, list[tuple[RelatedCount, Condition]]] = {}
    for item in rule["conditions"]:
        if "match" in item:
            parts.append(_group_q(item, now, fields))
            continue
        condition_field = fields.get(item["field"])
        if condition_field is None:
            # A field gone since the rule was saved (a deleted custom field) keeps no one,
            # rather than quietly widening the segment to everyone.
            parts.append(Q(pk__in=[]))
            continue
        condition = _condition(item, condition_field, now)
        build = condition_field.build
        if isinstance(build, RelatedCount):
            counts.setdefault(build.merge_key, []).append((build, condition))
        else:
            parts.append(build(condition))
    for same_table in counts.values():
        if mergeable(same_table, every=every):
            parts.append(merged_counts(same_table, every=every))
        else:
            parts.extend(count(condition) for count, condition in same_table)
    if not every and any(not part for part in parts):
        # An empty Q keeps everyone, but Django drops it from an OR ("q | Q()" is "q").
        return Q()
    combined = Q()
    for part in parts:
        combined = combined & part if every else combined | part
    return combined


def _condition(item: Rule, condition_field: ConditionField, now: datetime.datetime) -> Condition:
    return Condition(
        field=item["field"],
        op=Op(item["op"]),
        value=_python_value(condition_field.kind, Op(item["op"]), item.get("value")),
        days=item.get("days"),
        currency=item.get("currency", ""),
        now=now,
    )


def _python_value(kind: Kind, op: Op, value: Any) -> Any:
    """The stored JSON value as the builders take it."""
    if value is None or op in IN_DAYS:
        return value
    if kind is Kind.DATE:
        return datetime.date.fromisoformat(value)
    if kind in (Kind.NUMBER, Kind.TOTAL):
        return [Decimal(v) for v in value] if op is Op.BETWEEN else Decimal(value)
    return value


def _add(problems: dict[str, list[str]], path: str, message: str) -> None:
    problems.setdefault(path or "rule", []).append(message)


def _at(path: str, key: str | int) -> str:
    return f"{path}.{key}" if path else str(key)


def _group(
    rule: Any,
    path: str,
    depth: int,
    fields: dict[str, ConditionField],
    problems: dict[str, list[str]],
    counted: list[int],
) -> Rule:
    if not isinstance(rule, dict) or "match" not in rule:
        _add(problems, path, _('Expected a group: {"match": "all" or "any", "conditions": […]}.'))
        return EVERYONE
    match = rule.get("match")
    if match not in MATCH:
        _add(problems, _at(path, "match"), _('Choose "all" or "any".'))
    if depth > MAX_DEPTH:
        _add(problems, path, _("Groups may be nested at most %(n)d deep.") % {"n": MAX_DEPTH})
        return EVERYONE
    items = rule.get("conditions", [])
    if not isinstance(items, list):
        _add(problems, _at(path, "conditions"), _("Expected a list of conditions."))
        return EVERYONE
    checked: list[Rule] = []
    for index, item in enumerate(items):
        here = _at(_at(path, "conditions"), index)
        if isinstance(item, dict) and "match" in item:
            checked.append(_group(item, here, depth + 1, fields, problems, counted))
        else:
            counted[0] += 1
            checked.append(_leaf(item, here, fields, problems))
    return {"match": match, "conditions": checked}


def _leaf(
    item: Any, path: str, fields: dict[str, ConditionField], problems: dict[str, list[str]]
) -> Rule:
    if not isinstance(item, dict):
        _add(problems, path, _('Expected a condition: {"field": …, "op": …, "value": …}.'))
        return {}
    known = {"field", "op", "value", "days", "currency"}
    for extra in sorted(set(item) - known):
        _add(problems, _at(path, extra), _("Unknown key."))
    condition_field = fields.get(item.get("field"))  # type: ignore[arg-type]
    if condition_field is None:
        _add(problems, _at(path, "field"), _("Choose a field."))
        return {}
    op = next((o for o in condition_field.operators if o.value == item.get("op")), None)
    if op is None:
        _add(problems, _at(path, "op"), _("Choose a comparison this field allows."))
        return {}
    checked: Rule = {"field": condition_field.key, "op": op.value}
    if op not in NO_VALUE:
        try:
            checked["value"] = _value(condition_field, op, item.get("value"))
        except ValidationError as error:
            for message in error.messages:
                _add(problems, _at(path, "value"), message)
    if condition_field.takes_days:
        days = item.get("days")
        if days not in (None, ""):
            try:
                checked["days"] = _days(days)
            except ValidationError as error:
                _add(problems, _at(path, "days"), error.messages[0])
    if condition_field.kind is Kind.TOTAL and item.get("currency"):
        currency = str(item["currency"]).strip().upper()
        if not _CURRENCY.match(currency):
            _add(problems, _at(path, "currency"), _("Use a three-letter code such as BDT."))
        checked["currency"] = currency
    return checked


def _value(condition_field: ConditionField, op: Op, raw: Any) -> Any:
    """The value in its stored JSON form; ValidationError saying what is wrong."""
    kind = condition_field.kind
    if op in IN_DAYS:
        return _days(raw)
    if kind is Kind.TEXT:
        text = raw.strip() if isinstance(raw, str) else ""
        if not text:
            raise ValidationError(_("Enter the text to compare with."))
        if len(text) > MAX_TEXT:
            raise ValidationError(_("At most %(n)d characters.") % {"n": MAX_TEXT})
        return text
    if kind in (Kind.CHOICE, Kind.TAGS):
        return _chosen(condition_field, raw)
    if kind is Kind.NUMBER:
        if op is Op.BETWEEN:
            if not isinstance(raw, list | tuple) or len(raw) != 2:
                raise ValidationError(_("Give the lowest and the highest value."))
            low, high = _number(raw[0]), _number(raw[1])
            if Decimal(low) > Decimal(high):
                raise ValidationError(_("The lowest value is above the highest."))
            return [low, high]
        return _number(raw)
    if kind is Kind.TOTAL:
        return _number(raw)
    if kind is Kind.COUNT:
        return _whole(raw, MAX_COUNT)
    if kind is Kind.DATE:
        try:
            return datetime.date.fromisoformat(str(raw)).isoformat()
        except ValueError:
            raise ValidationError(_("Enter a date such as 2026-03-31.")) from None
    raise ValidationError(_("Choose a comparison this field allows."))


def _chosen(condition_field: ConditionField, raw: Any) -> list[str]:
    values = [raw] if isinstance(raw, str) else raw
    if not isinstance(values, list) or not values or not all(isinstance(v, str) for v in values):
        raise ValidationError(_("Choose at least one."))
    values = list(dict.fromkeys(v.strip() for v in values if v.strip()))
    if not values:
        raise ValidationError(_("Choose at least one."))
    if len(values) > MAX_CHOSEN:
        raise ValidationError(_("Choose at most %(n)d.") % {"n": MAX_CHOSEN})
    if condition_field.kind is Kind.CHOICE and condition_field.choices is not None:
        codes = {code for code, _label in condition_field.choices()}
        unknown = [v for v in values if v not in codes]
        if unknown:
            raise ValidationError(
                _("Not a choice of this field: %(values)s.") % {"values": ", ".join(unknown)}
            )
    return values


def _number(raw: Any) -> str:
    if isinstance(raw, bool):
        raise ValidationError(_("Enter a number."))
    try:
        number = Decimal(str(raw).strip())
    except InvalidOperation:
        raise ValidationError(_("Enter a number.")) from None
    if not number.is_finite() or abs(number) >= Decimal("1e15"):
        raise ValidationError(_("Enter a number."))
    return str(number)


def _whole(raw: Any, most: int) -> int:
    if isinstance(raw, bool):
        raise ValidationError(_("Enter a whole number."))
    try:
        number = int(str(raw).strip())
    except ValueError:
        raise ValidationError(_("Enter a whole number.")) from None
    if not 0 <= number <= most:
        raise ValidationError(_("Enter a whole number from 0 to %(n)d.") % {"n": most})
    return number


def _days(raw: Any) -> int:
    days = _whole(raw, MAX_DAYS)
    if days < 1:
        raise ValidationError(_("Enter a number of days from 1 to %(n)d.") % {"n": MAX_DAYS})
    return days
