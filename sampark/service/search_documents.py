"""Tickets in the global search (sampark.contacts.search): found by their subject in any script,
by their number (``1234`` or ``#1234``), and by the client's name.

Registered as the kind "ticket" by ``ServiceConfig.ready``; the ticket actions re-index a ticket
in the transaction that changes it. The subtitle says where it stands: status · client.
"""

from __future__ import annotations

from collections.abc import Sequence

from sampark.contacts.search import Source, index_records, text
from sampark.contacts.search import unindex as unindex_record
from sampark.contacts.search.documents import Document
from sampark.core.records import access_tokens
from sampark.service.models import Ticket

TICKET = "ticket"


def ticket_documents(ids: Sequence[int]) -> list[Document]:
    tickets = Ticket.objects.filter(pk__in=list(ids)).select_related("requester")
    return [ticket_document(ticket) for ticket in tickets]


def ticket_document(ticket: Ticket) -> Document:
    """Needs the ticket's requester."""
    client = ticket.requester.display_name if ticket.requester else ""
    return Document(
        kind=TICKET,
        record_id=ticket.pk,
        title=f"{ticket.number} {ticket.subject}",
        subtitle=" · ".join(part for part in (str(ticket.get_status_display()), client) if part),
        updated_at=ticket.updated_at,
        names=tuple(text.tokens(ticket.subject)),
        other=(str(ticket.pk), *text.tokens(client)),
        phones=(),
        access=access_tokens(ticket),
    )


def index(ticket: Ticket) -> None:
    index_records(TICKET, [ticket.pk])


def unindex(ticket: Ticket) -> None:
    unindex_record(ticket)


SOURCE = Source(kind=TICKET, model=Ticket, url_name="service:ticket", documents=ticket_documents)
