"""Every write of lead scoring: the rules (audited, like the other settings), and training a
new model on demand. A change to the rules, or a new model, rescores the leads in the background
once it is committed (tasks.py); a lead saved meanwhile is scored by the new rules at once.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction

from sampark.core import audited
from sampark.core.models import User
from sampark.core.roles import Role
from sampark.scoring import tasks
from sampark.scoring.models import ScoringRule
from sampark.scoring.training import Outcome, train

# Who may change the rules, see the model and train it.
MANAGE_SCORING = frozenset({Role.ADMIN})
RULE_FIELDS = ("name", "field", "operator", "value", "points", "is_active")


def rescore_after_commit() -> None:
    transaction.on_commit(tasks.rescore_leads.enqueue)


def create_rule(*, by: User | None, **values: Any) -> ScoringRule:
    values["name"] = str(values.get("name", "")).strip()
    rule = audited.create(ScoringRule(**values), by=by, fields=RULE_FIELDS)
    rescore_after_commit()
    return rule


def update_rule(rule: ScoringRule, *, by: User, values: Mapping[str, Any]) -> ScoringRule:
    values = {name: values[name] for name in RULE_FIELDS if name in values}
    if "name" in values:
        values["name"] = str(values["name"]).strip()
    if audited.update(rule, by=by, values=values, fields=RULE_FIELDS):
        rescore_after_commit()
    return rule


def delete_rule(rule: ScoringRule, *, by: User) -> None:
    audited.delete(rule, by=by, fields=RULE_FIELDS)
    rescore_after_commit()


def retrain(*, by: User | None) -> Outcome:
    """Train a model now (if the history is enough), then rescore the leads in the background."""
    outcome = train(by=by)
    if outcome.model is not None:
        rescore_after_commit()
    return outcome
