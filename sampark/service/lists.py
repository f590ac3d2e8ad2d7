"""Which tickets a queue shows: the filters of the ticket list, its API, and the links of a
client's Tickets section, read the same way in each."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sampark.contacts import search
from sampark.core.models import User
from sampark.listviews.lists import Column, RecordList
from sampark.service.models import Priority, Ticket, TicketQuerySet, TicketStatus

SORTS = {
    "": ("-updated_at", "-id"),
    # The next SLA target first: the tickets with one running (service/sla.py keeps
    # ``sla_due_at`` for unsolved tickets only), in the order of their index.
    "due": ("sla_due_at", "id"),
    "priority": ("-priority", "-updated_at", "-id"),
    "created": ("-created_at", "-id"),
}


# The ticket list's columns and filters, for column choice and saved views (sampark.listviews):
# registered by ServiceConfig.ready.
TICKETS = RecordList(
    name="tickets",
    everything=_("All tickets I can see"),
    url_name="service:home",
    columns=(
        Column("client", _("Client")),
        Column("status", _("Status")),
        Column("priority", _("Priority")),
        Column("sla", _("SLA")),
        Column("queue", _("Queue")),
        Column("assignee", _("Assignee")),
        Column("channel", _("Channel")),
        Column("created", _("Opened")),
        Column("updated", _("Last activity")),
    ),
    default=("client", "status", "priority", "sla", "queue", "assignee", "updated"),
    params=frozenset(
        {"queue", "status", "priority", "category", "q", "sort", "sla", "client", "company"}
    ),
)

# What the "due soon" filter calls soon.
SOON = datetime.timedelta(hours=1)


@dataclass(frozen=True)
class Filters:
    queue: str  # "mine", "unassigned", "all" or a team's id
    status: str  # a status, "unsolved" (the default) or "any"
    priority: str
    category: str
    q: str
    sort: str
    client: str = ""  # a contact's id: the tickets they asked
    company: str = ""
    sla: str = ""  # "breached" or "soon" (due within the hour)

    @property
    def any(self) -> bool:
        chosen = (self.priority, self.category, self.q, self.client, self.company, self.sla)
        return any(chosen) or self.status not in ("", "unsolved")


def read_filters(get: QueryDict) -> Filters:
    sort = get.get("sort", "")
    return Filters(
        queue=get.get("queue", "").strip(),
        status=get.get("status", "").strip(),
        priority=get.get("priority", "").strip(),
        category=get.get("category", "").strip(),
        q=get.get("q", "").strip(),
        sort=sort if sort in SORTS else "",
        client=get.get("client", "").strip(),
        company=get.get("company", "").strip(),
        sla=get.get("sla", "").strip(),
    )


def filtered_tickets(user: User, filters: Filters) -> TicketQuerySet:
    tickets = Ticket.objects.visible_to(user)
    if filters.queue == "mine":
        tickets = tickets.filter(assignee=user)
    elif filters.queue == "unassigned":
        tickets = tickets.filter(assignee__isnull=True)
    elif filters.queue.isdigit():
        tickets = tickets.filter(team_id=int(filters.queue))
    if filters.status in TicketStatus.values:
        tickets = tickets.filter(status=filters.status)
    elif filters.status != "any":
        tickets = tickets.filter(unsolved=True)
    if filters.priority.isdigit() and int(filters.priority) in Priority.values:
        tickets = tickets.filter(priority=int(filters.priority))
    if filters.category.isdigit():
        tickets = tickets.filter(category_id=int(filters.category))
    if filters.sla == "breached":
        tickets = tickets.filter(sla_due_at__lte=timezone.now())
    elif filters.sla == "soon":
        now = timezone.now()
        tickets = tickets.filter(sla_due_at__gt=now, sla_due_at__lte=now + SOON)
    if filters.client.isdigit():
        tickets = tickets.filter(requester_id=int(filters.client))
    if filters.company.isdigit():
        tickets = tickets.filter(company_id=int(filters.company))
    if filters.q:
        number = filters.q.lstrip("#")
        if number.isdigit():
            tickets = tickets.filter(pk=int(number))
        else:
            tickets = search.narrow(tickets, filters.q)
    if filters.sort == "due":
        tickets = tickets.filter(sla_due_at__isnull=False)
    return tickets.order_by(*SORTS[filters.sort])
