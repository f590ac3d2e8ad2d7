"""A campaign's audience, fixed when it goes out: one ``Recipient`` row per client to write to.

The audience is the segment's members as whoever launched the campaign sees them (no one gets
mail from a colleague who could not see them), who marketing may reach by email (an address,
consent, not suppressed: ``reachability.reachable``), one mail per address. Each row gets the
time its mail is due (``schedule.Schedule``), its tracking token and its Message-ID, and, in an
A/B test, its arm. Everything is written in one transaction with the campaign's change to
"sending", so a launch cut off half-way leaves the campaign as it was, to be launched again.
"""

from __future__ import annotations

import datetime
import random
import secrets
from collections.abc import Iterator
from email.utils import make_msgid
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from sampark.core.models import User
from sampark.marketing import membership
from sampark.marketing.models import (
    Arm,
    Campaign,
    CampaignStatus,
    Channel,
    Recipient,
)
from sampark.marketing.reachability import reachable
from sampark.marketing.schedule import Schedule

BATCH = 2000


def schedule_of(campaign: Campaign, start: datetime.datetime) -> Schedule:
    return Schedule(
        start=start,
        zone=campaign.zone or settings.TIME_ZONE,
        local_time=campaign.local_time,
        skip_holidays=campaign.skip_holidays,
    )


def plan(campaign: Campaign, by: User, *, now: datetime.datetime | None = None) -> int:
    """Fix the audience and start sending; returns how many recipients it has."""
    now = now or timezone.now()
    if campaign.segment is None:
        raise ValueError("A campaign without a segment cannot go out.")
    members = membership.members(campaign.segment, by, now=now)
    audience = reachable(members, Channel.EMAIL).order_by("pk")
    schedule = schedule_of(campaign, campaign.send_at or now)
    arms = _arms(campaign)
    domain = urlsplit(settings.SAMPARK_SITE_URL).hostname or "localhost"
    due_by_place: dict[tuple[str, str], datetime.datetime] = {}
    seen: set[str] = set()
    rows: list[Recipient] = []
    created = 0
    with transaction.atomic():
        locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
        if locked.status not in (CampaignStatus.DRAFT, CampaignStatus.SCHEDULED):
            return 0  # launched already (a second task, or a second click)
        columns = ("pk", "email", "language", "time_zone", "country")
        for pk, email, language, zone, country in audience.values_list(*columns).iterator(
            chunk_size=BATCH
        ):
            address = email.strip().lower()
            if address in seen:
                continue  # two clients sharing an address get one mail
            seen.add(address)
            place = (zone, country)
            if place not in due_by_place:
                due_by_place[place] = schedule.due(zone, country, now=now)
            rows.append(
                Recipient(
                    campaign_id=campaign.pk,
                    contact_id=pk,
                    address=email.strip(),
                    language=language,
                    arm=next(arms),
                    due_at=due_by_place[place],
                    token=secrets.token_urlsafe(16),
                    message_id=make_msgid(domain=domain),
                )
            )
            if len(rows) >= BATCH:
                created += _write(rows)
        created += _write(rows)
        campaign.unreachable = members.count() - created
        campaign.status = CampaignStatus.SENDING
        campaign.launched_at = now
        campaign.launched_by = by
        if campaign.ab_test:
            campaign.decide_at = max(due_by_place.values(), default=now) + datetime.timedelta(
                hours=campaign.test_hours
            )
        campaign.save(
            update_fields=["unreachable", "status", "launched_at", "launched_by", "decide_at"]
        )
    return created


def _write(rows: list[Recipient]) -> int:
    Recipient.objects.bulk_create(rows)
    count = len(rows)
    rows.clear()
    return count


def _arms(campaign: Campaign) -> Iterator[str]:
    """Each recipient's arm, in turn: with a subject test, ``test_percent`` of them alternately
    A and B (at random, but the same for the same campaign), the rest waiting for the winner."""
    if not campaign.ab_test:
        while True:
            yield Arm.ONLY
    pick = random.Random(campaign.pk)  # noqa: S311 - a fair split, not a secret
    share = campaign.test_percent / 100
    next_test = Arm.A
    while True:
        if pick.random() < share:
            yield next_test
            next_test = Arm.B if next_test == Arm.A else Arm.A
        else:
            yield Arm.REST
