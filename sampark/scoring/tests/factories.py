"""Builders for scoring tests: rules through the actions, and a history of won and lost leads.

A history of hundreds of leads is written in bulk (its leads were made and converted long ago;
how is not what these tests are about); everything scored or trained from it runs for real.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sampark.core.models import User
from sampark.leads.models import Lead, LeadStatus
from sampark.sales import actions as deal_actions
from sampark.sales.models import Deal
from sampark.sales.tests.factories import make_deal, make_pipeline
from sampark.scoring import actions
from sampark.scoring.models import ScoringRule


def make_rule(**values: Any) -> ScoringRule:
    values.setdefault("points", 10)
    return actions.create_rule(by=None, **values)


def closed_deals(owner: User) -> tuple[Deal, Deal]:
    """One deal won and one lost, for history leads to point to."""
    pipeline = make_pipeline()
    won = deal_actions.win_deal(make_deal(owner, pipeline, name="Won"), by=owner)
    lost = deal_actions.lose_deal(make_deal(owner, pipeline, name="Lost"), by=owner, reason="Price")
    return won, lost


def save_history(owner: User, leads: Sequence[Lead], labels: Sequence[int]) -> list[Lead]:
    """Keep ``leads`` (unsaved) as the history: the won ones converted into a won deal, the
    others alternately unqualified and converted into a lost deal."""
    won, lost = closed_deals(owner)
    for n, (lead, label) in enumerate(zip(leads, labels, strict=True)):
        lead.owner, lead.team_id = owner, next(iter(owner.team_ids()), None)
        if label:
            lead.status, lead.converted_deal = LeadStatus.CONVERTED, won
        elif n % 2:
            lead.status, lead.converted_deal = LeadStatus.CONVERTED, lost
        else:
            lead.status = LeadStatus.UNQUALIFIED
    return Lead.objects.bulk_create(leads)
