"""Scoring leads and keeping their scores: by the model when there is a usable one, else by the
rules; none at all while there is neither.

A score is derived from the lead, not said about it: it is written straight to ``Lead.score``
and ``LeadScore`` without an audit entry or a new version (an editor's form open meanwhile stays
valid). A lead is scored whenever it is saved (but once converted it is kept as it was); the
background rescoring after a change of rules or model takes the open leads.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from sampark.leads.models import Lead, LeadStatus
from sampark.leads.scores import ScoreExplanation, ScoreFactor
from sampark.scoring.behaviour import Behaviour, behaviour_of
from sampark.scoring.factors import factors_in_words
from sampark.scoring.features import raw_features
from sampark.scoring.history import usable
from sampark.scoring.linear import LinearModel
from sampark.scoring.models import LeadScore, ScoreSource, ScoringModel, ScoringRule
from sampark.scoring.rules import score_by_rules

TOP_FACTORS = 5
CHUNK = 500


@dataclass(frozen=True)
class Scorer:
    """What scoring needs, read once for any number of leads."""

    rules: list[ScoringRule]
    model: ScoringModel | None  # a usable one, or None
    linear: LinearModel | None

    @classmethod
    def current(cls) -> Scorer:
        model = ScoringModel.objects.current()
        if not usable(model):
            model = None
        return cls(
            rules=list(ScoringRule.objects.filter(is_active=True)),
            model=model,
            linear=model.linear() if model else None,
        )

    def score(self, lead: Lead, *, behaviour: Behaviour) -> LeadScore | None:
        """The lead's score (unsaved), or None when nothing scores leads."""
        if self.linear is not None:
            raw = raw_features(lead, behaviour=behaviour)
            explanation = self.linear.explain(raw)
            return LeadScore(
                lead=lead,
                score=round(explanation.probability * 100),
                source=ScoreSource.MODEL,
                model=self.model,
                baseline=round(explanation.baseline * 100),
                factors=[
                    {"feature": group, "value": raw[group], "points": round(points, 1)}
                    for group, points in explanation.top(TOP_FACTORS)
                ],
            )
        if not self.rules:
            return None
        found = score_by_rules(lead, self.rules, behaviour=behaviour)
        strongest = sorted(found.matched, key=lambda pair: -abs(pair[1]))[:TOP_FACTORS]
        return LeadScore(
            lead=lead,
            score=found.score,
            source=ScoreSource.RULES,
            factors=[
                {
                    "rule": rule.pk,
                    "name": rule.name,
                    "field": rule.field,
                    "operator": rule.operator,
                    "value": rule.value,
                    "points": points,
                }
                for rule, points in strongest
            ],
        )


def score_leads(leads: Sequence[Lead], scorer: Scorer | None = None) -> None:
    """Score ``leads`` (converted ones are left as they are) and keep the scores; each lead's
    ``score`` attribute is set too, for whoever shows it next."""
    leads = [lead for lead in leads if lead.status != LeadStatus.CONVERTED]
    if not leads:
        return
    scorer = scorer or Scorer.current()
    behaviours = behaviour_of(leads)
    now = timezone.now()
    kept, cleared = [], []
    for lead in leads:
        found = scorer.score(lead, behaviour=behaviours[lead.pk])
        if found is None:
            lead.score = None
            cleared.append(lead.pk)
        else:
            found.scored_at = now
            lead.score = found.score
            kept.append(found)
    with transaction.atomic():
        Lead.objects.bulk_update(leads, ["score"])
        LeadScore.objects.filter(lead_id__in=cleared).delete()
        LeadScore.objects.bulk_create(
            kept,
            update_conflicts=True,
            unique_fields=["lead"],
            update_fields=["score", "source", "model", "baseline", "factors", "scored_at"],
        )


def rescore_all() -> int:
    """Score every open lead, a chunk at a time; how many were scored. Closed leads (converted
    or unqualified) keep the score they were closed with: it is part of their story, and the
    model, which learns from them, has nothing to say about them."""
    scorer = Scorer.current()
    done, last = 0, 0
    scoreable = Lead.objects.open().order_by("pk")
    while chunk := list(scoreable.filter(pk__gt=last)[:CHUNK]):
        score_leads(chunk, scorer)
        done += len(chunk)
        last = chunk[-1].pk
    return done


def lead_written(lead: Lead) -> None:
    """The hook ``sampark.leads.actions`` calls on every lead it writes."""
    score_leads([lead])


def explain(lead: Lead) -> ScoreExplanation | None:
    """The explainer ``sampark.leads.scores`` asks (see apps.py)."""
    detail = stored(lead)
    if detail is None:
        return None
    factors = [
        ScoreFactor(label=f.label, points=f.points) for f in factors_in_words(detail.factors)
    ]
    return ScoreExplanation(source=detail.source, factors=factors)


def stored(lead: Lead) -> LeadScore | None:
    try:
        return lead.score_detail
    except LeadScore.DoesNotExist:
        return None
