from __future__ import annotations

import datetime

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScoringConfig(AppConfig):
    name = "sampark.scoring"
    label = "scoring"
    verbose_name = _("Lead scoring")

    def ready(self) -> None:
        from sampark.core import periodic
        from sampark.leads import scores as lead_scores
        from sampark.scoring import scores

        periodic.register("sampark.scoring.tasks.retrain_model", every=datetime.timedelta(days=1))
        # A lead is scored as it is saved, and the lead pages and API explain its score.
        if scores.lead_written not in lead_scores.WRITE_HOOKS:
            lead_scores.WRITE_HOOKS.append(scores.lead_written)
        lead_scores.register_explainer(scores.explain, related=["score_detail"])
