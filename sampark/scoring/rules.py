"""Scoring by the admins' rules: each active rule whose condition holds adds its points, and
the sum is held to 0 to 100."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sampark.leads.models import Lead
from sampark.scoring.behaviour import COUNTS, NOTHING_YET, Behaviour
from sampark.scoring.models import (
    KINDS,
    MAX_POINTS,
    YES,
    RuleField,
    RuleOperator,
    ScoringRule,
    ValueKind,
)


@dataclass(frozen=True)
class RuleScore:
    score: int
    total: int  # before it was held to 0 to 100
    matched: list[tuple[ScoringRule, int]]  # the rules that held, with their points


def field_value(lead: Lead, field: str, *, behaviour: Behaviour) -> Any:
    """What a rule on ``field`` compares: the lead's value, or a count of what it did."""
    if field in COUNTS:
        return getattr(behaviour, field)
    if field == RuleField.MESSAGE_LENGTH:
        return len(lead.message.strip())
    if field == RuleField.WEB_FORM:
        return lead.web_form_id
    return getattr(lead, field)


def _given(value: Any) -> bool:
    return value is not None and value != ""


def holds(rule: ScoringRule, value: Any) -> bool:
    """Whether ``rule``'s condition holds for ``value`` (see ``field_value``)."""
    operator, wanted = rule.operator, rule.value
    if operator == RuleOperator.IS_SET:
        return _given(value)
    if operator == RuleOperator.IS_EMPTY:
        return not _given(value)
    kind = KINDS[rule.field]
    if kind in (ValueKind.YES_NO, ValueKind.KNOWN_YES_NO):
        return value is not None and bool(value) == (wanted == YES)
    if kind in (ValueKind.AMOUNT, ValueKind.COUNT):
        if value is None:
            return False
        if operator == RuleOperator.AT_LEAST:
            return Decimal(value) >= Decimal(wanted)
        return Decimal(value) <= Decimal(wanted)
    text, wanted = str(value or "").casefold(), wanted.casefold()
    if operator == RuleOperator.CONTAINS:
        return wanted in text
    if operator == RuleOperator.EQUALS:
        return text == wanted
    return text != wanted  # NOT_EQUALS


def score_by_rules(
    lead: Lead, rules: Sequence[ScoringRule], *, behaviour: Behaviour = NOTHING_YET
) -> RuleScore:
    matched = [
        (rule, rule.points)
        for rule in rules
        if rule.is_active and holds(rule, field_value(lead, rule.field, behaviour=behaviour))
    ]
    total = sum(points for _rule, points in matched)
    return RuleScore(score=max(0, min(MAX_POINTS, total)), total=total, matched=matched)
