"""Which ticket a message answers, so a conversation by email stays one ticket.

In order of trust:
1. its ``In-Reply-To`` or ``References`` name a message of a ticket's thread, or a mail we sent
   about it (ours went out with a Message-ID we kept, the acknowledgement too; the client's came
   in with one): whatever its subject now says;
2. its subject carries a ticket number (``[#1234]``) and its sender is already on that ticket's
   thread: mail clients that drop the headers, or a reply written as a new message. A stranger
   quoting a number opens a ticket of their own; they never get into someone else's.
A ticket merged into another answers for it.
"""

from __future__ import annotations

import datetime
import re

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils import timezone

from sampark.mail.models import OutboundMail
from sampark.mail.parse import ParsedMail
from sampark.service.models import Ticket, TicketMessage, TicketStatus

_NUMBER = re.compile(r"\[#(\d{1,12})\]")
# A chain of merges longer than this is a loop written by hand: stop following it.
_MAX_MERGES = 10
# Message-IDs considered from References: a long thread's oldest ones add nothing.
_MAX_REFERENCES = 50


def ticket_for(mail: ParsedMail) -> Ticket | None:
    ids = [i for i in (mail.in_reply_to, *reversed(mail.references)) if i][:_MAX_REFERENCES]
    if ids:
        found = (
            TicketMessage.objects.filter(message_id__in=ids)
            .order_by("-created_at", "-id")
            .values_list("ticket_id", flat=True)
            .first()
        )
        if found is None:
            found = (
                OutboundMail.objects.filter(
                    record_type=ContentType.objects.get_for_model(Ticket), message_id__in=ids
                )
                .values_list("record_id", flat=True)
                .first()
            )
        if found is not None:
            return _followed(found)
    number = _NUMBER.search(mail.subject)
    if number is not None and mail.from_address:
        ticket = _followed(int(number.group(1)))
        if ticket is not None and _on_thread(ticket, mail.from_address):
            return ticket
    return None


def _followed(pk: int) -> Ticket | None:
    ticket = Ticket.objects.select_related("requester").filter(pk=pk).first()
    for _ in range(_MAX_MERGES):
        if ticket is None or ticket.merged_into_id is None:
            break
        ticket = Ticket.objects.select_related("requester").filter(pk=ticket.merged_into_id).first()
    return ticket


def _on_thread(ticket: Ticket, address: str) -> bool:
    address = address.lower()
    if (
        ticket.requester is not None
        and ticket.requester.emails.filter(address__iexact=address).exists()
    ):
        return True
    return ticket.messages.filter(
        Q(from_address__iexact=address) | Q(contact__emails__address__iexact=address)
    ).exists()


def reopens(ticket: Ticket, now: datetime.datetime | None = None) -> bool:
    """Whether a client's message may still go onto this ticket: it is not closed, and if it
    was solved, not longer ago than the reopening window. Otherwise the message starts a new
    ticket (which points back to this one)."""
    if ticket.status == TicketStatus.CLOSED:
        return False
    if ticket.status != TicketStatus.SOLVED or ticket.solved_at is None:
        return True
    window = datetime.timedelta(days=settings.SAMPARK_TICKET_REOPEN_DAYS)
    return (now or timezone.now()) - ticket.solved_at <= window


def tagged_subject(ticket: Ticket, subject: str | None = None) -> str:
    """The subject with the ticket's number in it, as replies carry it: ``[#12] Card blocked``."""
    subject = _NUMBER.sub("", subject if subject is not None else ticket.subject).strip()
    return f"[{ticket.number}] {subject}".strip()
