"""Training a new model on the whole history (history.py) and keeping it as numbers."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from sampark.core.models import User
from sampark.scoring.behaviour import behaviour_of
from sampark.scoring.features import raw_features
from sampark.scoring.fitting import fit
from sampark.scoring.history import History, history, labelled_leads
from sampark.scoring.models import ScoringModel

# Older models are kept a while, to compare; each is a few kilobytes.
KEEP_MODELS = 30
CHUNK = 1000


@dataclass(frozen=True)
class Outcome:
    history: History
    model: ScoringModel | None  # None: too little history to train


def train(*, by: User | None = None) -> Outcome:
    """Train a new model if the history is enough for one, and keep it as the current one."""
    found = history()
    if not found.enough:
        return Outcome(history=found, model=None)
    rows, labels = [], []
    leads = list(labelled_leads())
    for start in range(0, len(leads), CHUNK):
        chunk = leads[start : start + CHUNK]
        behaviours = behaviour_of(chunk)
        for lead in chunk:
            rows.append(raw_features(lead, behaviour=behaviours[lead.pk]))
            labels.append(int(lead.won))  # type: ignore[attr-defined]
    fitted = fit(rows, labels)
    with transaction.atomic():
        model = ScoringModel.objects.create(
            trained_by=by,
            n_samples=fitted.n_samples,
            n_positive=fitted.n_positive,
            n_holdout=fitted.n_holdout,
            auc=fitted.auc,
            intercept=fitted.model.intercept,
            features=fitted.model.columns,
            coefficients=fitted.model.coefficients,
            means=fitted.model.means,
            scales=fitted.model.scales,
        )
        old = ScoringModel.objects.order_by("-trained_at", "-id").values_list("pk", flat=True)
        ScoringModel.objects.filter(pk__in=list(old[KEEP_MODELS:])).delete()
    return Outcome(history=found, model=model)
