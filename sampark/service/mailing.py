"""The service desk's mail out: agents' replies and the acknowledgement of a new ticket.

Both go from the desk's address (the service mailbox the ticket came in through, else the first
active one), so the client's answer comes back to a mailbox Sampark reads, and carry the
ticket's number in the subject and the thread's Message-IDs in ``In-Reply-To`` and
``References``, so the answer threads back (service/threading.py). They are written in the
ticket's language, whoever is signed in.

An acknowledgement is automatic mail: it says so (``Auto-Submitted: auto-replied``, RFC 3834)
so that other robots do not answer it, is never sent to automatic mail (the intake ignores
that), and stops for a sender who opened more than a few tickets within the hour: a loop or a
flood, either way nobody is waiting for those.
"""

from __future__ import annotations

import datetime

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from sampark.core.models import User
from sampark.mail import outbound
from sampark.mail.models import Mailbox, OutboundMail, Purpose
from sampark.service.models import MessageKind, Ticket, TicketMessage
from sampark.service.threading import tagged_subject

# More new tickets than this from one client within the hour get no acknowledgement.
ACK_LIMIT_PER_HOUR = 3
# The newest Message-IDs of a thread that replies carry in References.
_REFERENCES = 20


def desk_address(ticket: Ticket) -> str:
    if ticket.mailbox is not None and ticket.mailbox.is_active:
        return ticket.mailbox.address
    found = Mailbox.objects.active().filter(purpose=Purpose.TICKETS).order_by("id").first()
    return found.address if found is not None else ""


def send_reply(ticket: Ticket, message: TicketMessage, *, by: User) -> OutboundMail | None:
    """Mail the agent's public reply to the client; None when the client has no address. A
    failed hand-over is kept on the sent mail (``error``) for the agent to see."""
    address = ticket.requester.email if ticket.requester is not None else ""
    if not address:
        return None
    with translation.override(ticket.language):
        text = f"{message.body}\n\n-- \n{_footer(ticket)}"
        subject = _("Re: %(subject)s") % {"subject": tagged_subject(ticket)}
    mail = outbound.send(
        by=by,
        record=ticket,
        to=address,
        subject=subject,
        text=text,
        tracked=False,
        sender=desk_address(ticket),
        headers=thread_headers(ticket, before=message),
    )
    message.mail = mail
    message.message_id = mail.message_id
    message.save(update_fields=["mail", "message_id"])
    return mail


def acknowledge(ticket: Ticket, now: datetime.datetime | None = None) -> OutboundMail | None:
    """Tell the client their request was received, with its number; None when not sent."""
    requester = ticket.requester
    if requester is None or not requester.email or flooding(ticket, now or timezone.now()):
        return None
    with translation.override(ticket.language):
        text = _(
            "Hello %(name)s,\n\n"
            "We have received your request and opened ticket %(number)s for it: "
            "“%(subject)s”. We will answer as soon as we can.\n\n"
            "To add anything, reply to this email and keep the ticket number in the subject."
        ) % {"name": requester.display_name, "number": ticket.number, "subject": ticket.subject}
        subject = tagged_subject(ticket)
    return send_automatic(ticket, subject=subject, text=text, kind="auto-replied")


def send_automatic(ticket: Ticket, *, subject: str, text: str, kind: str) -> OutboundMail:
    """Mail Sampark writes itself to the ticket's client (an acknowledgement, a survey), from
    the desk, threaded with the ticket, and saying it is automatic (RFC 3834 ``kind``:
    ``auto-replied`` for an answer to their mail, ``auto-generated`` otherwise) so that no
    auto-responder answers it."""
    assert ticket.requester is not None
    return outbound.send(
        by=None,
        record=ticket,
        to=ticket.requester.email,
        subject=subject,
        text=text,
        tracked=False,
        sender=desk_address(ticket),
        headers={
            **thread_headers(ticket),
            "Auto-Submitted": kind,
            "X-Auto-Response-Suppress": "All",
        },
    )


def flooding(ticket: Ticket, now: datetime.datetime) -> bool:
    """Whether the ticket's client already had ``ACK_LIMIT_PER_HOUR`` automatic answers this
    hour: a loop of auto-replies or a flood of requests gets no more of them."""
    recent = Ticket.objects.filter(
        requester_id=ticket.requester_id, created_at__gte=now - datetime.timedelta(hours=1)
    )
    return recent.count() > ACK_LIMIT_PER_HOUR


def thread_headers(ticket: Ticket, before: TicketMessage | None = None) -> dict[str, str]:
    """In-Reply-To the client's latest message, References the thread's newest messages."""
    public = ticket.messages.exclude(kind=MessageKind.NOTE).exclude(message_id="")
    if before is not None:
        public = public.exclude(pk=before.pk)
    newest = public.order_by("-created_at", "-id").values_list("message_id", "kind")
    ids = list(newest[:_REFERENCES])
    headers: dict[str, str] = {}
    client = next((i for i, kind in ids if kind == MessageKind.CLIENT), "")
    if client:
        headers["In-Reply-To"] = client
    if ids:
        headers["References"] = " ".join(i for i, _kind in reversed(ids))
    return headers


def _footer(ticket: Ticket) -> str:
    return _(
        "Ticket %(number)s. Reply to this email to answer; keep the number in the subject."
    ) % {"number": ticket.number}


def acknowledgement_sent(ticket: Ticket) -> OutboundMail | None:
    # The satisfaction survey is automatic mail too (service/csat.py), but not this one.
    from sampark.service.csat import surveys

    automatic = OutboundMail.objects.for_record(ticket).filter(sent_by=None)
    return automatic.exclude(pk__in=surveys(ticket).values("pk")).first()
