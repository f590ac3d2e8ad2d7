"""The subject test: which of subjects A and B did better, and sending the winner to the rest.

The test's recipients (``test_percent`` of the audience, half each) get their mail first; once
the last of them is due and ``test_hours`` have passed, the subject with the higher rate of
opens (or clicks) among the mail that went out wins, A on a tie (it is the template's own). The
rest are then due at the campaign's hour in their own time zone again, the first one after the
decision, so nobody gets the winner in the middle of their night.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from sampark.marketing.audience import schedule_of
from sampark.marketing.models import Arm, Campaign, CampaignStatus, Metric, Recipient
from sampark.marketing.models.campaigns import WENT_OUT


@dataclass(frozen=True)
class ArmResult:
    arm: str
    went_out: int
    opened: int
    clicked: int

    def rate(self, metric: str) -> float:
        hits = self.clicked if metric == Metric.CLICKS else self.opened
        return hits / self.went_out if self.went_out else 0.0


def results(campaign: Campaign) -> dict[str, ArmResult]:
    """The test's figures per arm, in one query."""
    rows = (
        Recipient.objects.filter(campaign=campaign, arm__in=[Arm.A, Arm.B], state__in=WENT_OUT)
        .values("arm")
        .annotate(
            went_out=Count("pk"),
            opened=Count("pk", filter=Q(opened_at__isnull=False)),
            clicked=Count("pk", filter=Q(clicked_at__isnull=False)),
        )
    )
    found = {row["arm"]: ArmResult(**row) for row in rows}
    return {arm: found.get(arm, ArmResult(arm, 0, 0, 0)) for arm in (Arm.A, Arm.B)}


def decide_due(now: datetime.datetime | None = None) -> list[int]:
    """Choose the winner of every test whose time has come; returns their campaigns."""
    now = now or timezone.now()
    waiting = Campaign.objects.filter(
        status=CampaignStatus.SENDING, winner="", decide_at__lte=now
    ).values_list("pk", flat=True)
    return [pk for pk in waiting if decide(pk, now)]


def decide(campaign_pk: int, now: datetime.datetime) -> bool:
    with transaction.atomic():
        campaign = Campaign.objects.select_for_update().get(pk=campaign_pk)
        if campaign.winner:
            return False
        figures = results(campaign)
        a, b = figures[Arm.A], figures[Arm.B]
        campaign.winner = (
            Arm.B if b.rate(campaign.test_metric) > a.rate(campaign.test_metric) else Arm.A
        )
        campaign.save(update_fields=["winner"])
        _reschedule_rest(campaign, now)
    return True


def _reschedule_rest(campaign: Campaign, now: datetime.datetime) -> None:
    """The rest are due at the campaign's hour after ``now``, in each one's own zone."""
    schedule = schedule_of(campaign, campaign.send_at or campaign.launched_at or now)
    rest = Recipient.objects.filter(campaign=campaign, arm=Arm.REST)
    places = rest.values_list("contact__time_zone", "contact__country").distinct()
    for zone, country in places:
        rest.filter(contact__time_zone=zone, contact__country=country).update(
            due_at=schedule.due(zone, country, now=now)
        )
