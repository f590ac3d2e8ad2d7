from __future__ import annotations

import datetime

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OffersConfig(AppConfig):
    name = "sampark.offers"
    label = "offers"
    verbose_name = _("Next-best offers")

    def ready(self) -> None:
        from sampark.core import periodic

        # Affinities move slowly (they count a year of clients), so once a day is fresh enough
        # and keeps the whole-table rebuild off the busy hours' heartbeat.
        periodic.register(
            "sampark.offers.tasks.refresh_affinities", every=datetime.timedelta(days=1)
        )
