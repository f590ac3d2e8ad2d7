"""Background work of lead scoring: rescoring every lead, and the daily retraining."""

from __future__ import annotations

from django.tasks import task

from sampark.scoring.scores import rescore_all
from sampark.scoring.training import train


@task
def rescore_leads() -> int:
    """Score every open lead by the current rules or model; how many were scored."""
    return rescore_all()


@task
def retrain_model() -> int:
    """Train on the history as it is today (if it is enough), then rescore every lead: daily, so
    scores also catch up with anything written without the leads' actions. Idempotent."""
    train()
    return rescore_all()
