from __future__ import annotations

import datetime

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SalesConfig(AppConfig):
    name = "sampark.sales"
    label = "sales"
    verbose_name = _("Sales")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from sampark.core import periodic

        periodic.register(
            "sampark.sales.tasks.snapshot_forecasts", every=datetime.timedelta(hours=1)
        )

        from sampark.sales.defaults import create_after_migrate

        # After the tables exist (and after every later migrate, where it finds a pipeline and
        # does nothing): a new workspace can take deals at once.
        post_migrate.connect(
            create_after_migrate, sender=self, dispatch_uid="sampark.sales.default_pipeline"
        )

        from sampark.contacts import search
        from sampark.sales.search_documents import SOURCE

        # Deals are found by name in the header search and /api/v1/search.
        search.register(SOURCE)

        from sampark.contacts import timeline_sources
        from sampark.sales.timeline import SOURCE as TIMELINE_SOURCE

        # Deals created, won, lost and reopened show on contact and company timelines.
        timeline_sources.register(TIMELINE_SOURCE)
