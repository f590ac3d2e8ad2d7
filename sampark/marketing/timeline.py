"""Campaign mail on the contact timeline (``sampark.contacts.timeline_sources``): each mail a
client was sent, with whether they opened it, followed a link or unsubscribed from it. Registered
as the kind "campaign" by ``MarketingConfig.ready``; companies have none (a campaign writes to
people)."""

from __future__ import annotations

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
from sampark.marketing.models import Recipient
from sampark.marketing.models.campaigns import WENT_OUT

CAMPAIGN = "campaign"
TEMPLATE = "marketing/campaigns/_timeline_entry.html"


def campaign_events(
    user: User, record: Record, position: Position | None, limit: int
) -> list[TimelineEvent]:
    if not isinstance(record, Contact):
        return []
    # The record is one the viewer may see (the timeline asked for it): so is its mail.
    found = (
        Recipient.objects.filter(contact=record, state__in=WENT_OUT)
        .filter(after(position, CAMPAIGN, at="sent_at"))
        .select_related("campaign")
        .order_by("-sent_at", "-id")[:limit]
    )
    return [_event(recipient) for recipient in found]


def _event(recipient: Recipient) -> TimelineEvent:
    assert recipient.sent_at is not None
    what = [recipient.get_state_display()]
    if recipient.opened_at:
        what.append(_("opened"))
    if recipient.clicked_at:
        what.append(_("clicked a link"))
    if recipient.unsubscribed_at:
        what.append(_("unsubscribed"))
    if recipient.complained_at:
        what.append(_("marked it as spam"))
    return TimelineEvent(
        kind=CAMPAIGN,
        id=recipient.pk,
        occurred_at=recipient.sent_at,
        event=recipient.state,
        label=_("Campaign mail"),
        title=recipient.campaign.name,
        summary=" · ".join(str(part) for part in what),
        url=reverse("marketing:campaign", args=[recipient.campaign_id]),
        by="",
        template=TEMPLATE,
    )


SOURCE = TimelineSource(kind=CAMPAIGN, label=gettext_lazy("Campaigns"), events=campaign_events)
