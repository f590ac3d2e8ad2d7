"""Tickets clients open themselves: on the public web form (``/support/new/``, also embedded in
the firm's website) and in the customer portal.

Whose queue they land in (``the_desk``): the desk's mailbox, the first active service mailbox
("Service tickets" in Settings → Mailboxes) — its owner owns the ticket until someone takes it,
its team is the queue, and its address is where replies come from, as for mail. Without one,
the first active admin owns it, in their first team. The client is found by email address
among all contacts, else made a contact of the desk's owner (service/clients.py, the rule mail
follows too). Everything is written on the system channel of the audit trail: nobody signed in
made it.

The web form's guards (stamp, honeypot, rate limits, size cap) are ``core/public_forms``'s,
with this form's own salt, keys and limits below.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest

from sampark.contacts.models import Contact
from sampark.core import audit, public_forms
from sampark.core.models import Channel, User
from sampark.core.public_forms import Limit
from sampark.core.roles import Role, group_name
from sampark.mail.models import Mailbox, Purpose
from sampark.service import actions
from sampark.service.clients import client_for
from sampark.service.models import Ticket, TicketChannel

_STAMP_SALT = "sampark.service.ticket-form-stamp"
# The one public ticket form: its stamps are issued for this name.
_FORM_KEY = "ticket-form"
# Per sending address, and for the whole desk: a person asks a few things at most, a flood of
# new tickets is a bot (each new ticket also costs an acknowledgement mail).
PER_ADDRESS = Limit(10, 600)
OVERALL = Limit(120, 600)
# The text fields, in any script (a Bengali letter takes 9 bytes once URL-encoded), plus the
# files; the files' own limits are checked one by one (contacts.actions.check_attachment).
MAX_FILES = 3
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_BODY_BYTES = 256 * 1024 + MAX_UPLOAD_BYTES
SOURCE = "web_form"


@dataclass(frozen=True)
class Desk:
    """Who receives what clients send: owner, queue and the address replies go from."""

    owner: User
    team_id: int | None
    mailbox: Mailbox | None


def the_desk() -> Desk | None:
    """The first active service mailbox's owner and team; else the first active admin in their
    first team; None when there is neither (a workspace not set up)."""
    mailbox = (
        Mailbox.objects.active()
        .filter(purpose=Purpose.TICKETS)
        .select_related("owner")
        .order_by("id")
        .first()
    )
    if mailbox is not None:
        return Desk(owner=mailbox.owner, team_id=mailbox.team_id, mailbox=mailbox)
    admin = (
        User.objects.filter(
            Q(is_superuser=True) | Q(groups__name=group_name(Role.ADMIN)), is_active=True
        )
        .order_by("id")
        .distinct()
        .first()
    )
    if admin is None:
        return None
    return Desk(owner=admin, team_id=next(iter(admin.team_ids()), None), mailbox=None)


def issue_stamp() -> str:
    return public_forms.issue_stamp(_FORM_KEY, salt=_STAMP_SALT)


def check_stamp(stamp: str) -> str | None:
    return public_forms.check_stamp(_FORM_KEY, stamp, salt=_STAMP_SALT)


def over_limit(request: HttpRequest) -> bool:
    """Count this post; whether its address or everyone together has posted too often."""
    address = public_forms.address_digest(request)
    return public_forms.over_limit(
        (f"sampark:ticket-form:address:{address}", PER_ADDRESS),
        ("sampark:ticket-form:all", OVERALL),
    )


def open_for_client(
    desk: Desk,
    contact: Contact,
    *,
    subject: str,
    body: str,
    language: str,
    channel: str,
    attachments: Sequence[UploadedFile] = (),
    name: str = "",
    address: str = "",
) -> Ticket:
    """A ticket the client wrote themselves, in the desk's queue; ``name`` and ``address``:
    how they gave them, when not as their contact has them."""
    # Who sent it, so the thread shows the client (not the desk's owner) as its author.
    sender = actions.Mail(
        from_name=name or contact.display_name, from_address=address or contact.email
    )
    with audit.via(Channel.SYSTEM):
        return actions.open_ticket(
            by=desk.owner,
            owner=desk.owner,
            team_id=desk.team_id,
            subject=subject,
            body=body,
            requester=contact,
            channel=channel,
            mailbox=desk.mailbox,
            language=language,
            mail=sender,
            attachments=attachments,
        )


def take_web_form(
    desk: Desk,
    *,
    name: str,
    email: str,
    subject: str,
    body: str,
    language: str,
    attachments: Sequence[UploadedFile] = (),
) -> Ticket:
    """The ticket a checked web form makes, for the contact with ``email`` (else a new one);
    the client is acknowledged with its number once it is stored."""
    with audit.via(Channel.SYSTEM), transaction.atomic():
        contact = client_for(
            email,
            name=name,
            language=language,
            owner=desk.owner,
            team_id=desk.team_id,
            source=SOURCE,
        )
        ticket = open_for_client(
            desk,
            contact,
            subject=subject,
            body=body,
            language=language,
            channel=TicketChannel.WEB,
            attachments=attachments,
            name=name,
            address=email,
        )
        acknowledge_after_commit(ticket)
    return ticket


def acknowledge_after_commit(ticket: Ticket) -> None:
    from sampark.service.tasks import acknowledge_ticket

    transaction.on_commit(lambda: acknowledge_ticket.enqueue(ticket.pk))
