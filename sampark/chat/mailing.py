"""The mail a visitor gets when nobody answered their chat: it became a ticket
(``actions.to_ticket``), and the visitor is told its number, with the transcript of what they
said, in their language.

It is that ticket's acknowledgement (the service desk acknowledges tickets that come by mail and
by the web form, not those opened in Sampark, as a chat's is), and is sent like one
(service/mailing.py): by the worker once the chat's end has committed, as automatic mail
(``Auto-Submitted``, RFC 3834) threaded with the ticket, so an answer to it joins the ticket;
never more than a few an hour to one client, for anyone can start a chat with any address.

It goes from the service mailbox of the chat's team, else from the desk's address that the
ticket's replies will come from (service/mailing.py ``desk_address``), else from the firm's
default sender.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.tasks import task
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from sampark.chat.models import Conversation
from sampark.mail import outbound
from sampark.mail.models import Mailbox, OutboundMail, Purpose
from sampark.service import mailing as desk_mailing
from sampark.service.models import Ticket
from sampark.service.threading import tagged_subject


def transcript_after_commit(conversation: Conversation) -> None:
    """Mail the transcript of a chat that just became a ticket, once that has committed; when
    the visitor gave an address."""
    if conversation.visitor_email and conversation.ticket_id is not None:
        pk = conversation.pk
        transaction.on_commit(lambda: mail_transcript.enqueue(pk))


@task
def mail_transcript(conversation_id: int) -> bool:
    """Send a chat's transcript to its visitor (``transcript_after_commit``); whether it went."""
    conversation = (
        Conversation.objects.select_related("ticket__requester", "ticket__mailbox")
        .filter(pk=conversation_id)
        .first()
    )
    if conversation is None or conversation.ticket is None:
        return False
    mail = send_transcript(conversation, conversation.ticket)
    return mail is not None and mail.sent_at is not None


def send_transcript(
    conversation: Conversation, ticket: Ticket, now: datetime.datetime | None = None
) -> OutboundMail | None:
    """Tell the visitor the number of the ticket their chat became, with what was said; None
    when not sent (no address, or too many of their chats became tickets this hour)."""
    from sampark.chat.actions import transcript  # actions calls this module

    address = conversation.visitor_email
    if not address or desk_mailing.flooding(ticket, now or timezone.now()):
        return None
    with translation.override(conversation.language):
        text = _(
            "Hello %(name)s,\n\n"
            "Nobody could answer your chat just now, so we have opened ticket %(number)s for "
            "it. We will answer you by email as soon as we can.\n\n"
            "To add anything, reply to this email and keep the ticket number in the subject.\n\n"
            "What you wrote:\n\n%(transcript)s"
        ) % {
            "name": conversation.visitor_name,
            "number": ticket.number,
            "transcript": transcript(conversation),
        }
        subject = tagged_subject(ticket)
    return outbound.send(
        by=None,
        record=ticket,
        to=address,
        subject=subject,
        text=text,
        tracked=False,
        sender=sender_for(conversation, ticket),
        headers={
            **desk_mailing.thread_headers(ticket),
            # Sampark writes it, not in answer to mail: no auto-responder should answer it.
            "Auto-Submitted": "auto-generated",
            "X-Auto-Response-Suppress": "All",
        },
    )


def sender_for(conversation: Conversation, ticket: Ticket) -> str:
    """The address the transcript goes from: the chat's team's service mailbox, else the
    desk's; empty (the firm's default sender) when there is neither."""
    if conversation.team_id is not None:
        mailbox = (
            Mailbox.objects.active()
            .filter(purpose=Purpose.TICKETS, team_id=conversation.team_id)
            .order_by("id")
            .first()
        )
        if mailbox is not None:
            return mailbox.address
    return desk_mailing.desk_address(ticket)
