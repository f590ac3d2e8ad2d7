"""The firm's own history: which leads became business, and which did not.

Won: converted leads whose deal was won. Lost: leads marked unqualified, and converted leads
whose deal was lost. Everything else (open leads, converted ones without a deal or whose deal
is still open) has no outcome yet and teaches nothing. With too little of either there is no
model, and scores come from the rules.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import BooleanField, Case, Q, QuerySet, When
from django.utils.translation import gettext as _

from sampark.leads.models import Lead, LeadStatus
from sampark.lib.locale_format import format_number
from sampark.sales.models import DealStatus
from sampark.scoring.models import ScoringModel

MIN_LABELLED = 40
MIN_PER_CLASS = 10
# A model that ranks leads little better than a coin (AUC 0.5) does worse than the firm's own
# rules: it is kept, to be looked at, but not used.
MIN_AUC = 0.6

WON = Q(status=LeadStatus.CONVERTED, converted_deal__status=DealStatus.WON)
LOST = Q(status=LeadStatus.UNQUALIFIED) | Q(
    status=LeadStatus.CONVERTED, converted_deal__status=DealStatus.LOST
)


@dataclass(frozen=True)
class History:
    won: int
    lost: int

    @property
    def labelled(self) -> int:
        return self.won + self.lost

    @property
    def enough(self) -> bool:
        return (
            self.labelled >= MIN_LABELLED
            and self.won >= MIN_PER_CLASS
            and self.lost >= MIN_PER_CLASS
        )

    def shortfall(self) -> str:
        """Why there is no model, in plain words (empty when there is enough)."""
        if self.enough:
            return ""
        return _(
            "Scores come from your rules: the model needs at least %(needed)s leads with an "
            "outcome, at least %(each)s of them won and %(each)s lost; you have %(won)s won and "
            "%(lost)s lost."
        ) % {
            "needed": format_number(MIN_LABELLED),
            "each": format_number(MIN_PER_CLASS),
            "won": format_number(self.won),
            "lost": format_number(self.lost),
        }


def labelled_leads() -> QuerySet[Lead]:
    """The leads with an outcome, each with ``won``, oldest first."""
    return (
        Lead.objects.filter(WON | LOST)
        .annotate(won=Case(When(WON, then=True), default=False, output_field=BooleanField()))
        .order_by("pk")
    )


def history() -> History:
    return History(won=Lead.objects.filter(WON).count(), lost=Lead.objects.filter(LOST).count())


def usable(model: ScoringModel | None) -> bool:
    """Whether scores should come from ``model`` rather than the rules."""
    return model is not None and model.auc >= MIN_AUC


def auc_text(model: ScoringModel) -> str:
    return format_number(round(model.auc, 2))


def why_rules(model: ScoringModel | None, found: History) -> str:
    """Why scores come from the rules, in plain words; empty when the model scores them."""
    if usable(model):
        return ""
    if model is not None:
        return _(
            "Scores come from your rules: the latest model ranks leads hardly better than chance "
            "(holdout AUC %(auc)s, where 0.5 is chance), so it is not used."
        ) % {"auc": auc_text(model)}
    return found.shortfall()
