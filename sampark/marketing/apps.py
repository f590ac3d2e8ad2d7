from __future__ import annotations

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

        from sampark.duplicates.references import register
        from sampark.marketing.models import SegmentMember

        # A merged contact stays on the fixed lists the other one was on.
        register(SegmentMember, "contact", unique_with=("segment_id",))
