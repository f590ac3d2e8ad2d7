"""What segment rules can test about the campaign mail a client got: whether they opened the
last one, and how many they opened or clicked through (in the last N days)."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, Subquery
from django.db.models.lookups import IsNull
from django.utils.translation import gettext_lazy as _

from sampark.contacts.conditions import ConditionField, Kind, Op, register
from sampark.contacts.conditions.builders import RelatedCount
from sampark.contacts.conditions.fields import Condition
from sampark.marketing.models import Recipient
from sampark.marketing.models.campaigns import WENT_OUT

CAMPAIGNS = _("Campaigns")


def _opened_last(condition: Condition) -> Q:
    got = Recipient.objects.filter(contact=OuterRef("pk"), state__in=WENT_OUT)
    last_opened = Subquery(got.order_by("-sent_at", "-id").values("opened_at")[:1])
    opened = Q(IsNull(last_opened, False))
    return opened if condition.op is Op.IS_TRUE else Q(Exists(got)) & ~opened


def register_all() -> None:
    """Called once, from the marketing app's ``ready``."""
    register(
        ConditionField(
            "campaign_opened_last",
            _("Opened the last campaign mail they got"),
            CAMPAIGNS,
            Kind.BOOLEAN,
            _opened_last,
        ),
        ConditionField(
            "campaigns_received",
            _("Campaign mails they got"),
            CAMPAIGNS,
            Kind.COUNT,
            RelatedCount(Recipient, Q(state__in=WENT_OUT), when="sent_at"),
        ),
        ConditionField(
            "campaigns_opened",
            _("Campaign mails they opened"),
            CAMPAIGNS,
            Kind.COUNT,
            RelatedCount(Recipient, Q(state__in=WENT_OUT, opened_at__isnull=False), when="sent_at"),
        ),
        ConditionField(
            "campaigns_clicked",
            _("Campaign mails whose links they followed"),
            CAMPAIGNS,
            Kind.COUNT,
            RelatedCount(
                Recipient, Q(state__in=WENT_OUT, clicked_at__isnull=False), when="sent_at"
            ),
        ),
    )
