"""The worker's side of campaigns: launching those whose time has come, choosing test winners,
and sending what is due. The tick runs every minute (the heartbeat enqueues it) and starts one
sending run per campaign with mail due; a run that stops with more due now enqueues the next at
once. Every task is safe to run twice: a launch checks the campaign still waits, and a run
needs the campaign's lease."""

from __future__ import annotations

import datetime

from django.db.models import Exists, OuterRef, Q
from django.tasks import task
from django.utils import timezone

from sampark.marketing import abtest, audience, sending
from sampark.marketing.models import Campaign, CampaignStatus, Recipient, RecipientState

# A campaign at each client's local hour starts going out this long before its hour where the
# sender is, as the day begins first east of them (Kiribati is UTC+14, Dhaka UTC+6).
LOCAL_LEAD = datetime.timedelta(hours=26)


@task
def tick() -> int:
    """Launch, decide and start sending; returns how many sending runs were enqueued."""
    now = timezone.now()
    for pk in _launch_due(now):
        launch_campaign.enqueue(pk)
    abtest.decide_due(now)
    due = Recipient.objects.filter(
        campaign=OuterRef("pk"), state=RecipientState.PENDING, due_at__lte=now
    )
    sending_now = Campaign.objects.filter(Exists(due), status=CampaignStatus.SENDING).filter(
        Q(lease_until__isnull=True) | Q(lease_until__lt=now)
    )
    pks = list(sending_now.values_list("pk", flat=True))
    for pk in pks:
        send_campaign.enqueue(pk)
    return len(pks)


def _launch_due(now: datetime.datetime) -> list[int]:
    scheduled = Campaign.objects.filter(status=CampaignStatus.SCHEDULED)
    return list(
        scheduled.filter(
            Q(send_at__isnull=True)
            | Q(send_at__lte=now)
            | Q(local_time=True, send_at__lte=now + LOCAL_LEAD)
        ).values_list("pk", flat=True)
    )


@task
def launch_campaign(campaign_pk: int) -> int:
    """Fix a scheduled campaign's audience and start sending; returns its recipients."""
    campaign = Campaign.objects.filter(pk=campaign_pk, status=CampaignStatus.SCHEDULED).first()
    if campaign is None or campaign.launched_by is None:
        return 0
    created = audience.plan(campaign, campaign.launched_by)
    send_campaign.enqueue(campaign_pk)
    return created


@task
def send_campaign(campaign_pk: int) -> int:
    """One sending run; returns how many mails went out."""
    progress = sending.send_due(campaign_pk)
    if progress.more_now:
        send_campaign.enqueue(campaign_pk)
    return progress.sent
