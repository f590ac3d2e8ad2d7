from __future__ import annotations

import datetime

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MarketingConfig(AppConfig):
    name = "sampark.marketing"
    label = "marketing"
    verbose_name = _("Marketing")

    def ready(self) -> None:
        from sampark.contacts import conditions
        from sampark.marketing.membership import SEGMENT
        from sampark.marketing.reachability import REACHABLE

        # "In segment …" is a condition like any other: lists, exports, campaigns and
        # automation filter by a segment through the rule engine; so is consent.
        conditions.register(SEGMENT, REACHABLE)

        from sampark.marketing import campaign_conditions

        campaign_conditions.register_all()

        from sampark.duplicates.references import register
        from sampark.marketing.models import Recipient, SegmentMember

        # A merged contact stays on the fixed lists the other one was on, and keeps the
        # campaign mail the other one got.
        register(SegmentMember, "contact", unique_with=("segment_id",))
        register(Recipient, "contact", unique_with=("campaign_id",))

        from sampark.core import periodic

        periodic.register("sampark.marketing.tasks.tick", every=datetime.timedelta(minutes=1))

        from anymail.signals import tracking

        from sampark.marketing.bounces import on_tracking

        tracking.connect(on_tracking, dispatch_uid="sampark.marketing.bounces")

        from sampark.contacts import timeline_sources
        from sampark.marketing.timeline import SOURCE

        timeline_sources.register(SOURCE)
