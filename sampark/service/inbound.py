"""Tickets from a service mailbox (``sampark.mail``, purpose "Service tickets").

A message that answers a ticket (service/threading.py) joins its thread, and reopens it if it
was waiting on the client or solved lately. Any other message opens a new ticket in the
mailbox's queue, owned by the mailbox's owner until someone takes it, in the language it is
written in; the client is acknowledged with the ticket's number once the intake commits. An
answer to a ticket closed for good opens a new ticket that says which one it follows.

The sender is found among all contacts by address, whoever owns them: the desk answers for the
whole firm, and a client writing in must join their own record, not a copy of it. An unknown
sender becomes a contact of the mailbox's owner and team. Auto-replies, bounces, lists and our
own mail never reach this handler (mail/automatic.py).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from sampark.contacts.actions import check_attachment
from sampark.contacts.models import Contact
from sampark.core import audit
from sampark.core.models import Channel
from sampark.lib.scripts import language_by_script
from sampark.mail.handlers import Taken
from sampark.mail.models import Mailbox, Outcome
from sampark.mail.parse import ParsedMail
from sampark.service import actions
from sampark.service.clients import client_for
from sampark.service.models import Ticket, TicketChannel
from sampark.service.threading import reopens, ticket_for


def take_mail(mail: ParsedMail, mailbox: Mailbox) -> Taken:
    owner = mailbox.owner
    # Written by the system on the owner's behalf: nobody signed in made this change.
    with audit.via(Channel.SYSTEM):
        earlier = ticket_for(mail)
        language = language_by_script(mail.text or mail.subject)
        requester = requester_for(mail, mailbox, language)
        files, refused = _files(mail)
        body = mail.text or mail.subject or _("(no text)")
        if refused:
            body += "\n\n" + _("Attachments not kept: %(files)s") % {"files": "; ".join(refused)}
        sent = actions.Mail(
            message_id=mail.message_id,
            from_name=mail.from_name,
            from_address=mail.from_address,
            to=mail.to,
        )
        if earlier is not None and reopens(earlier):
            actions.client_wrote(
                earlier,
                by=owner,
                body=body,
                contact=requester,
                channel=TicketChannel.EMAIL,
                mail=sent,
                attachments=files,
            )
            return Taken(Outcome.ADDED, earlier)
        ticket = actions.open_ticket(
            by=owner,
            owner=owner,
            team_id=mailbox.team_id,
            subject=mail.subject or _("(no subject)"),
            body=body,
            requester=requester,
            channel=TicketChannel.EMAIL,
            mailbox=mailbox,
            language=language or requester.language,
            mail=sent,
            attachments=files,
        )
        if earlier is not None:
            actions.system_note(
                ticket,
                _("The client answered %(number)s, which was already closed.")
                % {"number": earlier.number},
            )
        _acknowledge_after_commit(ticket)
        return Taken(Outcome.CREATED, ticket)


def requester_for(mail: ParsedMail, mailbox: Mailbox, language: str | None) -> Contact:
    """The contact with the sender's address (the oldest, if several), else a new one
    (service/clients.py: the same rule as the public web form's)."""
    return client_for(
        mail.from_address,
        name=mail.from_name,
        language=language,
        owner=mailbox.owner,
        team_id=mailbox.team_id,
        source="email",
    )


def _files(mail: ParsedMail) -> tuple[list[SimpleUploadedFile], list[str]]:
    """The attachments kept, checked as an agent's upload would be, and why each other was not:
    a refused file must not cost the client's message."""
    kept: list[SimpleUploadedFile] = []
    refused: list[str] = []
    for file in mail.files:
        upload = SimpleUploadedFile(file.name, file.data, content_type=file.content_type)
        try:
            check_attachment(upload)
        except ValidationError as error:
            refused += error.messages
        else:
            kept.append(upload)
    return kept, refused


def _acknowledge_after_commit(ticket: Ticket) -> None:
    from sampark.service.tasks import acknowledge_ticket

    transaction.on_commit(lambda: acknowledge_ticket.enqueue(ticket.pk))
