"""Lead scoring over the REST API, mounted at ``/scoring`` (admins only):

- ``GET /scoring/model`` — where scores come from now, the history behind it, and the current
  model (holdout AUC, size, when trained, intercept and coefficients), or null;
- ``POST /scoring/retrain`` — train now (when the history is enough) and answer the same; the
  leads are then rescored in the background.

A lead's score and its factors are on the lead itself (``/leads``).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema

from sampark.core.api.auth import current_user
from sampark.core.api.errors import documented
from sampark.core.views.workspace import require_role
from sampark.scoring import actions
from sampark.scoring.actions import MANAGE_SCORING
from sampark.scoring.factors import column_label
from sampark.scoring.history import (
    MIN_AUC,
    MIN_LABELLED,
    MIN_PER_CLASS,
    History,
    history,
    usable,
    why_rules,
)
from sampark.scoring.models import ScoringModel

router = Router(tags=["lead scoring"])


class CoefficientOut(Schema):
    feature: str = Field(description="The column's name, such as `source=referral`.")
    label: str = Field(description="The column in words, in the reader's language.")
    coefficient: float = Field(
        description="Log-odds per standard deviation of the feature; positive raises scores."
    )


class ScoringModelOut(Schema):
    id: int
    trained_at: datetime
    trained_by: int | None = Field(description="Null when the daily task trained it.")
    n_samples: int = Field(description="Leads with an outcome it learnt from (and was tested on).")
    n_positive: int = Field(description="Of which won.")
    n_negative: int = Field(description="Of which lost.")
    n_holdout: int = Field(description="Kept aside to measure the AUC (a quarter, stratified).")
    auc: float = Field(description="Holdout ROC AUC: 0.5 is chance, 1 is perfect.")
    in_use: bool = Field(description=f"Whether it scores leads (an AUC of {MIN_AUC} or more).")
    intercept: float
    coefficients: list[CoefficientOut] = Field(description="The strongest first.")

    @staticmethod
    def resolve_trained_by(model: ScoringModel) -> int | None:
        return model.trained_by_id

    @staticmethod
    def resolve_in_use(model: ScoringModel) -> bool:
        return usable(model)

    @staticmethod
    def resolve_coefficients(model: ScoringModel) -> list[CoefficientOut]:
        return [
            CoefficientOut(feature=column, label=column_label(column), coefficient=weight)
            for column, weight in model.linear().ranked()
        ]


class ScoringStatusOut(Schema):
    source: str = Field(description="Where scores come from now: `model` or `rules`.")
    message: str = Field(description="Why, in words; empty when the model is in use.")
    won: int = Field(description="Leads whose deal was won.")
    lost: int = Field(description="Leads unqualified, or whose deal was lost.")
    min_labelled: int = Field(description="Leads with an outcome a model needs.")
    min_per_class: int = Field(description="Of which at least this many won, and as many lost.")
    model: ScoringModelOut | None = Field(description="The newest model; null before the first.")


def _status(model: ScoringModel | None, found: History) -> dict[str, Any]:
    return {
        "source": "model" if usable(model) else "rules",
        "message": why_rules(model, found),
        "won": found.won,
        "lost": found.lost,
        "min_labelled": MIN_LABELLED,
        "min_per_class": MIN_PER_CLASS,
        "model": model,
    }


@router.get("/model", response={200: ScoringStatusOut, **documented(401, 403)})
def get_model(request: HttpRequest) -> dict[str, Any]:
    """Where scores come from and the current model (admins)."""
    require_role(current_user(request), MANAGE_SCORING)
    return _status(ScoringModel.objects.current(), history())


@router.post("/retrain", response={200: ScoringStatusOut, **documented(401, 403)})
def retrain(request: HttpRequest) -> dict[str, Any]:
    """Train a new model now, when the history is enough, then rescore the leads in the
    background (admins). With too little history nothing is trained: `source` stays `rules`
    and `message` says what is missing."""
    user = current_user(request)
    require_role(user, MANAGE_SCORING)
    outcome = actions.retrain(by=user)
    return _status(ScoringModel.objects.current(), outcome.history)
