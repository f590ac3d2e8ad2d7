"""Sending a campaign's due mail: exactly once per recipient, through crashes.

One run at a time holds a campaign (a lease on the row, renewed as it goes; a run that dies
stops renewing it, and the next run takes over once it runs out). A run claims a batch of due
recipients, checks again that each may still be written to (consent can be withdrawn after the
launch), makes each mail and hands it to the transport, which records the recipient as
``HANDED`` at the last moment before the mail server commits to it (see delivery.py). So:

- a recipient still ``CLAIMED`` when its run died was never handed over: the next run sends it;
- one ``HANDED`` counts as sent, whether or not the server's answer came back;
- the server refusing the address for good (5xx at RCPT) bounces it, and suppresses it;
- a server asking to try later (4xx) or out of reach puts the mail back, due again after a
  pause that grows with each attempt, up to ``MAX_ATTEMPTS``.

A run stops after ``RUN_SECONDS`` (the task queue has other work), at the campaign's hourly
limit, or when nothing more is due now; the periodic tick (tasks.py) starts the next.
"""

from __future__ import annotations

import datetime
import math
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from sampark.contacts.models import Contact
from sampark.mail.automatic import OWN_HEADER
from sampark.marketing import bounces, personalise
from sampark.marketing.compose import compose
from sampark.marketing.delivery import Deferred, Mail, Refused, Transport, transport
from sampark.marketing.models import (
    Arm,
    Campaign,
    CampaignStatus,
    Channel,
    Recipient,
    RecipientState,
    TemplateVariant,
)
from sampark.marketing.models.campaigns import WENT_OUT, RecipientQuerySet
from sampark.marketing.reachability import reachable_q
from sampark.marketing.tracking import RecipientTracking

RUN_SECONDS = 50
BATCH = 200
MAX_ATTEMPTS = 5
RETRY_AFTER = datetime.timedelta(minutes=5)  # doubled at each attempt

# Our own table's name and a state's, no input: the values go as parameters.
_HANDED_SQL = (
    f"UPDATE {Recipient._meta.db_table} SET state = '{RecipientState.HANDED.value}', "  # noqa: S608
    "sent_at = %s, address = %s, attempts = attempts + 1 WHERE id = %s"
)
_OPEN = (RecipientState.PENDING, RecipientState.CLAIMED, RecipientState.HANDED)


@dataclass
class Progress:
    sent: int = 0
    failed: int = 0
    bounced: int = 0
    skipped: int = 0
    deferred: int = 0
    more_now: bool = False  # stopped with mail still due now (time or batch limit)
    errors: list[str] = field(default_factory=list)


def send_due(
    campaign_pk: int,
    *,
    run_seconds: float = RUN_SECONDS,
    via: Transport | None = None,
    clock: Callable[[], datetime.datetime] = timezone.now,
) -> Progress:
    """Send what is due of the campaign now, if no other run holds it; ``via``: the transport
    (else the site's mailer's)."""
    run = secrets.token_hex(8)
    progress = Progress()
    if not _take_lease(campaign_pk, run, clock()):
        return progress
    campaign = Campaign.objects.select_related("template", "sender").get(pk=campaign_pk)
    _recover(campaign, run, clock())
    started = clock()
    wire = via or transport()
    try:
        while True:
            now = clock()
            if (now - started).total_seconds() >= run_seconds:
                progress.more_now = _due(campaign, now).exists()
                break
            limit = min(BATCH, _allowance(campaign, now))
            batch = _claim(campaign, run, now, limit) if limit else []
            if not batch:
                break
            if not _send_batch(campaign, batch, wire, progress, clock):
                break  # the server is out of reach: the next tick tries again
            if not _renew_lease(campaign_pk, run, clock()):
                break  # paused or cancelled meanwhile
    finally:
        wire.close()
        Recipient.objects.filter(campaign=campaign, run=run, state=RecipientState.CLAIMED).update(
            state=RecipientState.PENDING
        )
        _finish_if_done(campaign, clock())
        Campaign.objects.filter(pk=campaign_pk, lease_holder=run).update(
            lease_holder="", lease_until=None
        )
    return progress


def _take_lease(campaign_pk: int, run: str, now: datetime.datetime) -> bool:
    free = Q(lease_until__isnull=True) | Q(lease_until__lt=now)
    return bool(
        Campaign.objects.filter(free, pk=campaign_pk, status=CampaignStatus.SENDING).update(
            lease_holder=run, lease_until=now + _lease()
        )
    )


def _lease() -> datetime.timedelta:
    return datetime.timedelta(seconds=settings.SAMPARK_CAMPAIGN_LEASE_SECONDS)


def _renew_lease(campaign_pk: int, run: str, now: datetime.datetime) -> bool:
    return bool(
        Campaign.objects.filter(
            pk=campaign_pk, lease_holder=run, status=CampaignStatus.SENDING
        ).update(lease_until=now + _lease())
    )


def _recover(campaign: Campaign, run: str, now: datetime.datetime) -> None:
    """What a dead run left: claimed mail was never handed over (send it), handed mail was."""
    left = Recipient.objects.filter(campaign=campaign).exclude(run=run)
    left.filter(state=RecipientState.CLAIMED).update(state=RecipientState.PENDING)
    left.filter(state=RecipientState.HANDED).update(state=RecipientState.SENT)


def _due(campaign: Campaign, now: datetime.datetime) -> RecipientQuerySet:
    due = Recipient.objects.filter(campaign=campaign, state=RecipientState.PENDING, due_at__lte=now)
    if campaign.ab_test and not campaign.winner:
        due = due.exclude(arm=Arm.REST)
    return due


def _allowance(campaign: Campaign, now: datetime.datetime) -> int:
    """How many more may go out now under the hourly limit: a minute's share, so the mail is
    spread over the hour rather than sent in a burst at its start."""
    if not campaign.per_hour:
        return BATCH
    per_minute = math.ceil(campaign.per_hour / 60)
    recent = Recipient.objects.filter(
        campaign=campaign, state__in=WENT_OUT, sent_at__gt=now - datetime.timedelta(minutes=1)
    ).count()
    return max(0, per_minute - recent)


def _claim(campaign: Campaign, run: str, now: datetime.datetime, limit: int) -> list[Recipient]:
    ids = list(_due(campaign, now).order_by("due_at", "id").values_list("id", flat=True)[:limit])
    if not ids:
        return []
    Recipient.objects.filter(id__in=ids, state=RecipientState.PENDING).update(
        state=RecipientState.CLAIMED, run=run
    )
    return list(Recipient.objects.filter(id__in=ids, run=run, state=RecipientState.CLAIMED))


def _send_batch(
    campaign: Campaign,
    batch: list[Recipient],
    wire: Transport,
    progress: Progress,
    clock: Callable[[], datetime.datetime],
) -> bool:
    """Send ``batch``; False when the mail server could not be reached."""
    contacts = _reachable_contacts([r.contact_id for r in batch])
    gone = [r.pk for r in batch if r.contact_id not in contacts]
    if gone:
        Recipient.objects.filter(pk__in=gone).update(
            state=RecipientState.SKIPPED, reason="not reachable any more"
        )
        progress.skipped += len(gone)
    variants = list(campaign.template.variants.all())
    handed: list[int] = []
    try:
        for recipient in batch:
            contact = contacts.get(recipient.contact_id)
            if contact is None:
                continue
            outcome = _send_one(campaign, recipient, contact, variants, wire, clock)
            if outcome == RecipientState.SENT:
                handed.append(recipient.pk)
                progress.sent += 1
            elif outcome == RecipientState.FAILED:
                progress.failed += 1
            elif outcome == RecipientState.BOUNCED:
                progress.bounced += 1
            elif outcome == RecipientState.PENDING:
                progress.deferred += 1
    except _ServerDown as down:
        progress.deferred += 1
        progress.errors.append(str(down))
        return False
    finally:
        Recipient.objects.filter(pk__in=handed, state=RecipientState.HANDED).update(
            state=RecipientState.SENT
        )
    return True


class _ServerDown(Exception):
    pass


def _reachable_contacts(pks: list[int]) -> dict[int, Contact]:
    found = Contact.objects.filter(reachable_q(Channel.EMAIL), pk__in=pks).select_related("owner")
    return {contact.pk: contact for contact in found}


def _send_one(
    campaign: Campaign,
    recipient: Recipient,
    contact: Contact,
    variants: list[TemplateVariant],
    wire: Transport,
    clock: Callable[[], datetime.datetime],
) -> str:
    """Make and send one mail; returns where the recipient stands now."""
    try:
        message = _message(campaign, recipient, contact, variants)
    except personalise.TemplateProblem as problem:
        return _settle(recipient, RecipientState.FAILED, str(problem))

    def handing() -> None:
        # Committed at once (no transaction is open here): the record must outlive a crash.
        # Written as SQL: it runs once per mail, and the ORM's update costs several times more.
        with connection.cursor() as cursor:
            cursor.execute(_HANDED_SQL, [clock(), contact.email, recipient.pk])

    try:
        handed = wire.send(message, handing)
    except Refused as refusal:
        if refusal.bounce:
            bounces.bounced(contact.email, detail=str(refusal), recipient=recipient)
            return RecipientState.BOUNCED
        return _settle(recipient, RecipientState.FAILED, str(refusal))
    except Deferred as deferral:
        recipient.attempts += 1
        if recipient.attempts >= MAX_ATTEMPTS:
            return _settle(recipient, RecipientState.FAILED, str(deferral))
        Recipient.objects.filter(pk=recipient.pk).update(
            state=RecipientState.PENDING,
            attempts=recipient.attempts,
            reason=str(deferral)[:300],
            due_at=clock() + RETRY_AFTER * 2 ** (recipient.attempts - 1),
        )
        if deferral.lost:
            raise _ServerDown(str(deferral)) from deferral
        return RecipientState.PENDING
    if handed.provider_id:
        Recipient.objects.filter(pk=recipient.pk).update(provider_id=handed.provider_id)
    return RecipientState.SENT


def _settle(recipient: Recipient, state: str, reason: str) -> str:
    Recipient.objects.filter(pk=recipient.pk).update(state=state, reason=reason[:300])
    return state


def _message(
    campaign: Campaign,
    recipient: Recipient,
    contact: Contact,
    variants: list[TemplateVariant],
) -> Mail:
    sender = campaign.sender
    tracking = RecipientTracking.of(recipient.token, contact)
    b_wins = recipient.arm == Arm.B or (recipient.arm == Arm.REST and campaign.winner == Arm.B)
    composed = compose(
        campaign.template,
        contact,
        sender,
        adviser_name=contact.owner.get_full_name() if contact.owner else "",
        variants=variants,
        subjects=campaign.subject_b if b_wins else None,
        tracking=tracking,
    )
    return Mail(
        sender_name=sender.name,
        sender_address=sender.from_address,
        to=contact.email,
        subject=composed.subject,
        text=composed.text,
        html=composed.html,
        reply_to=sender.reply_to,
        headers={
            "Message-ID": recipient.message_id,
            OWN_HEADER: recipient.token,
            # RFC 2369 and RFC 8058: the mail program's own "unsubscribe" button, in one click.
            "List-Unsubscribe": f"<{composed.unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Content-Language": composed.language,
        },
    )


def _finish_if_done(campaign: Campaign, now: datetime.datetime) -> None:
    """Sent, once no recipient waits (the A/B test's rest included)."""
    with transaction.atomic():
        if Recipient.objects.filter(campaign=campaign, state__in=_OPEN).exists():
            return
        Campaign.objects.filter(pk=campaign.pk, status=CampaignStatus.SENDING).update(
            status=CampaignStatus.SENT, finished_at=now
        )
