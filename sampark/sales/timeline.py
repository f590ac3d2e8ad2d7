"""Deals on the contact and company timelines (``sampark.contacts.timeline_sources``).

A deal shows where its stage history (``StageChange``) says it was created (with its amount and
first stage), won, lost (with why) or reopened. Moves between open stages are left out: a deal
dragged across the board would drown the contact's calls and emails, and the deal page shows
them. On a contact's timeline: the deals naming them as the main person or one of the others;
on a company's: the deals naming the company (as its Deals section lists them).

Registered as the kind "deal" by ``SalesConfig.ready``.
"""

from __future__ import annotations

from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sampark.contacts.models import Contact
from sampark.contacts.timeline_sources import (
    Position,
    Record,
    TimelineEvent,
    TimelineSource,
    after,
)
from sampark.core.models import User
from sampark.lib.locale_format import format_money
from sampark.sales.lists import ANY_STATUS, DealFilters, filtered_deals
from sampark.sales.models import DealStatus, StageChange
from sampark.sales.search_documents import DEAL

TEMPLATE = "sales/timeline/_deal_entry.html"
# A person on more deals than this is a firm's own staff, not a client: their timeline shows
# the newest deals' events.
MAX_DEALS = 1000

# The first row alone has neither a stage it came from nor time spent there: a later move's
# from_stage is NULL too once that stage is deleted, so NULL alone would not tell.
_CREATED = Q(from_stage__isnull=True, seconds_in_previous__isnull=True)
_CLOSED = Q(status__in=[DealStatus.WON, DealStatus.LOST])
# Reopening records the deal staying in its stage with the status open again.
_REOPENED = Q(status=DealStatus.OPEN, from_stage=F("to_stage"))


def deal_events(
    user: User, record: Record, position: Position | None, limit: int
) -> list[TimelineEvent]:
    on_contact = isinstance(record, Contact)
    filters = DealFilters(
        status=ANY_STATUS,
        contact=record.pk if on_contact else None,
        company=None if on_contact else record.pk,
    )
    # The record's deals first, by their own indexes: asked as a subquery of the history's,
    # PostgreSQL walked the whole history newest first to find a contact's few (470 ms at
    # 100,000 deals); a list of ids reads each deal's history through its (deal, at) index.
    deals = list(filtered_deals(user, filters).order_by().values_list("pk", flat=True)[:MAX_DEALS])
    changes = (
        StageChange.objects.filter(deal_id__in=deals)
        .filter(_CREATED | _CLOSED | _REOPENED)
        .filter(after(position, DEAL, at="at"))
        .select_related("deal", "to_stage", "by")
        .order_by("-at", "-id")[:limit]
    )
    return [_event(change) for change in changes]


def _event(change: StageChange) -> TimelineEvent:
    deal = change.deal
    amount = format_money(deal.amount, deal.currency)
    stage = change.to_stage.name if change.to_stage else ""
    if change.from_stage_id is None and change.seconds_in_previous is None:
        event, label, summary = "created", _("Deal created"), _join(amount, stage)
    elif change.status == DealStatus.WON:
        event, label, summary = "won", _("Deal won"), amount
    elif change.status == DealStatus.LOST:
        event, label, summary = "lost", _("Deal lost"), _lost_reason(change)
    else:
        event, label, summary = "reopened", _("Deal reopened"), _join(amount, stage)
    return TimelineEvent(
        kind=DEAL,
        id=change.pk,
        occurred_at=change.at,
        event=event,
        label=label,
        title=deal.name,
        summary=summary,
        url=reverse("sales:deal_detail", args=[deal.pk]),
        by=str(change.by) if change.by else "",
        template=TEMPLATE,
    )


def _join(*parts: str) -> str:
    return " · ".join(part for part in parts if part)


def _lost_reason(change: StageChange) -> str:
    """The deal keeps only the reason of its latest loss: an earlier loss (reopened since)
    shows none rather than a reason that was not its own."""
    deal = change.deal
    latest = deal.status == DealStatus.LOST and deal.closed_at and change.at >= deal.closed_at
    if not (latest and deal.lost_reason):
        return ""
    return _("Reason: %(reason)s") % {"reason": deal.lost_reason}


SOURCE = TimelineSource(kind=DEAL, label=gettext_lazy("Deals"), events=deal_events)
