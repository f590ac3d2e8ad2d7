"""Where lead scoring plugs in. Scores are kept by an app above this one (``sampark.scoring``),
which registers here in its ``AppConfig.ready``, so that leads never import it:

- ``WRITE_HOOKS``: each is called with every lead ``actions`` creates or changes, inside the
  write's transaction (the scoring app scores it there, so a saved lead shows its new score);
- ``register_explainer``: what explains a lead's score (for the API), and the relations it
  reads, which lists fetch in the same query.

``Lead.score`` itself is a column of the lead, for sorting and filtering; it is kept out of the
audit trail and the version (models/leads.py), being derived from the lead rather than said
about it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet

if TYPE_CHECKING:
    from sampark.leads.models import Lead


@dataclass(frozen=True)
class ScoreFactor:
    label: str  # in the reader's language: "Source: Referral"
    points: int  # what it adds to the score (or takes from it)


@dataclass(frozen=True)
class ScoreExplanation:
    source: str  # "model" or "rules"
    factors: list[ScoreFactor] = field(default_factory=list)


WriteHook = Callable[["Lead"], None]
Explainer = Callable[["Lead"], ScoreExplanation | None]

WRITE_HOOKS: list[WriteHook] = []
_explainers: list[Explainer] = []
_related: list[str] = []


def written(lead: Lead) -> None:
    for hook in WRITE_HOOKS:
        hook(lead)


def register_explainer(explainer: Explainer, related: Sequence[str] = ()) -> None:
    if explainer not in _explainers:
        _explainers.append(explainer)
        _related.extend(name for name in related if name not in _related)


def explain(lead: Lead) -> ScoreExplanation | None:
    """What explains the lead's score; None when it has none (or nothing scores leads)."""
    for explainer in _explainers:
        if (found := explainer(lead)) is not None:
            return found
    return None


def with_explanations[Q: QuerySet[Any]](leads: Q) -> Q:
    """``leads`` fetching what ``explain`` reads in the same query."""
    return leads.select_related(*_related) if _related else leads
