"""Tickets on the contact and company timelines (``sampark.contacts.timeline_sources``).

A ticket shows once, where it was opened, with where it stands now (its status) and its
channel; its thread is on the ticket's page. On a contact's timeline: the tickets they asked;
on a company's: the tickets asked for it. Registered as the kind "ticket" by
``ServiceConfig.ready``.
"""

from __future__ import annotations

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
from sampark.service.models import Ticket
from sampark.service.search_documents import TICKET

TEMPLATE = "service/timeline/_ticket_entry.html"


def ticket_events(
    user: User, record: Record, position: Position | None, limit: int
) -> list[TimelineEvent]:
    tickets = Ticket.objects.visible_to(user)
    if isinstance(record, Contact):
        tickets = tickets.filter(requester=record)
    else:
        tickets = tickets.filter(company=record)
    found = (
        tickets.filter(after(position, TICKET, at="created_at"))
        .only("id", "subject", "status", "channel", "created_at", "owner_id", "team_id")
        .order_by("-created_at", "-id")[:limit]
    )
    return [_event(ticket) for ticket in found]


def _event(ticket: Ticket) -> TimelineEvent:
    return TimelineEvent(
        kind=TICKET,
        id=ticket.pk,
        occurred_at=ticket.created_at,
        event=ticket.status,
        label=_("Ticket opened"),
        title=str(ticket),
        summary=f"{ticket.get_status_display()} · {ticket.get_channel_display()}",
        url=ticket.get_absolute_url(),
        by="",
        template=TEMPLATE,
    )


SOURCE = TimelineSource(kind=TICKET, label=gettext_lazy("Tickets"), events=ticket_events)
