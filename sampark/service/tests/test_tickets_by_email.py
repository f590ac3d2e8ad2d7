"""A service mailbox read from a real IMAP server, answered through a real SMTP server: new mail
opens a ticket and is acknowledged in the client's language; answers thread back by headers or
by the number in the subject; automatic mail starts no loop."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from sampark.contacts.actions import create_contact
from sampark.contacts.models import Contact
from sampark.mail import sync
from sampark.mail.models import InboundMail, Outcome, Purpose
from sampark.mail.tests.factories import mailbox_on, message
from sampark.service import actions
from sampark.service.models import MessageKind, Ticket, TicketChannel, TicketStatus

pytestmark = pytest.mark.django_db(transaction=True)  # acknowledgements go out on commit

DESK = "help@broker.example"


@pytest.fixture
def desk(imap_account, people, smtp_settings, settings):  # type: ignore[no-untyped-def]
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    box = mailbox_on(
        imap_account,
        people["admin"],
        owner=people["manager"],
        name="Help desk",
        address=DESK,
        purpose=Purpose.TICKETS,
    )
    sync.check(box)
    return box


def deliver(desk, imap_account, raw: bytes) -> None:  # type: ignore[no-untyped-def]
    imap_account.append(raw)
    sync.check(desk)


def test_new_mail_opens_a_ticket_acknowledged_in_the_client_s_language(  # type: ignore[no-untyped-def]
    desk, imap_account, smtp_settings, people
):
    deliver(
        desk,
        imap_account,
        message(
            sender="ফারহানা আক্তার <Farhana@Padma.com.bd>",
            to=DESK,
            subject="আমার কার্ড বন্ধ হয়ে গেছে",
            body="গতকাল থেকে কার্ডে লেনদেন করা যাচ্ছে না।",
            message_id="<first@padma.com.bd>",
        ),
    )

    ticket = Ticket.objects.get()
    assert ticket.subject == "আমার কার্ড বন্ধ হয়ে গেছে"
    assert (ticket.channel, ticket.status, ticket.language) == (
        TicketChannel.EMAIL,
        TicketStatus.NEW,
        "bn",
    )
    assert (ticket.owner, ticket.team, ticket.assignee) == (people["manager"], desk.team, None)
    # The unknown sender became a contact, in their language, and is the requester.
    client = Contact.objects.get()
    assert (client.display_name, client.email, client.language) == (
        "ফারহানা আক্তার",
        "farhana@padma.com.bd",
        "bn",
    )
    assert ticket.requester == client
    first = ticket.messages.get()
    assert (first.kind, first.body, first.message_id) == (
        MessageKind.CLIENT,
        "গতকাল থেকে কার্ডে লেনদেন করা যাচ্ছে না।",
        "<first@padma.com.bd>",
    )
    assert InboundMail.objects.get().record == ticket

    [ack] = smtp_settings.messages
    assert ack.recipients == ["farhana@padma.com.bd"]
    mail = ack.message
    assert mail["Subject"] == f"[#{ticket.pk}] আমার কার্ড বন্ধ হয়ে গেছে"
    assert DESK in mail["From"]
    assert mail["Auto-Submitted"] == "auto-replied"
    assert mail["In-Reply-To"] == "<first@padma.com.bd>"
    text = mail.get_body(preferencelist=("plain",)).get_content()
    assert f"#{ticket.pk}" in text
    assert "আমরা আপনার অনুরোধ পেয়েছি" in text  # written in Bengali, whoever is signed in


def test_an_english_mail_from_a_known_client_is_acknowledged_in_english(  # type: ignore[no-untyped-def]
    desk, imap_account, smtp_settings, people
):
    client = create_contact(
        by=people["outsider"], display_name="Meera Iyer", email="meera@example.in", language="hi"
    )
    deliver(
        desk,
        imap_account,
        message(sender="Meera@Example.in", to=DESK, subject="Statement", body="Please resend."),
    )

    ticket = Ticket.objects.get()
    # Another team's client joins their own record, not a copy of it.
    assert ticket.requester == client
    assert Contact.objects.count() == 1
    # Latin letters say nothing for sure of the language: the client's own is used.
    assert ticket.language == "hi"
    assert (
        "हमें आपका अनुरोध मिल गया है"
        in smtp_settings.messages[0].message.get_body(preferencelist=("plain",)).get_content()
    )


def test_an_answer_threads_by_its_headers_even_with_a_new_subject(  # type: ignore[no-untyped-def]
    desk, imap_account, smtp_settings, people
):
    deliver(desk, imap_account, message(sender="rahim@padma.com.bd", to=DESK, subject="Top-up"))
    ticket = Ticket.objects.get()
    actions.assign(ticket, to=people["agent"], by=people["manager"])
    ticket.refresh_from_db()
    smtp_settings.clear()

    reply = actions.reply(
        ticket, by=people["agent"], body="Which account?", status=TicketStatus.PENDING
    )

    [sent] = smtp_settings.messages
    assert sent.message["Subject"] == f"Re: [#{ticket.pk}] Top-up"
    assert sent.message["Message-ID"] == reply.message_id
    assert sent.message["Auto-Submitted"] is None
    assert DESK in sent.message["Reply-To"]
    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.PENDING
    assert ticket.first_response_at == reply.created_at

    deliver(
        desk,
        imap_account,
        message(
            sender="rahim@padma.com.bd",
            to=DESK,
            subject="the savings one",  # the subject changed, the headers did not
            body="The savings account, please.",
            In_Reply_To=reply.message_id,
            References=reply.message_id,
        ),
    )

    assert Ticket.objects.count() == 1
    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.OPEN  # the client answered: back to the desk
    assert list(ticket.messages.values_list("kind", flat=True)) == [
        MessageKind.CLIENT,
        MessageKind.REPLY,
        MessageKind.CLIENT,
    ]
    assert len(smtp_settings.messages) == 1  # an answer is not acknowledged again


def test_a_reply_to_the_acknowledgement_joins_the_ticket(desk, imap_account, smtp_settings):  # type: ignore[no-untyped-def]
    deliver(desk, imap_account, message(sender="rahim@padma.com.bd", to=DESK, subject="Fees"))
    ack = smtp_settings.messages[0].message

    deliver(
        desk,
        imap_account,
        message(
            sender="rahim@padma.com.bd",
            to=DESK,
            subject=f"Re: {ack['Subject']}",
            body="Also the fee for last month.",
            In_Reply_To=ack["Message-ID"],
        ),
    )

    ticket = Ticket.objects.get()
    assert ticket.messages.count() == 2


def test_the_number_in_the_subject_threads_only_mail_from_someone_on_the_ticket(  # type: ignore[no-untyped-def]
    desk, imap_account, smtp_settings
):
    deliver(desk, imap_account, message(sender="rahim@padma.com.bd", to=DESK, subject="Fees"))
    ticket = Ticket.objects.get()
    # The client forwards our mail from their phone's app, which drops the headers.
    deliver(
        desk,
        imap_account,
        message(
            sender="Rahim <RAHIM@padma.com.bd>",
            to=DESK,
            subject=f"Fwd: [#{ticket.pk}] Fees",
            body="See below.",
        ),
    )
    assert Ticket.objects.count() == 1
    assert ticket.messages.count() == 2

    # A stranger quoting the number gets a ticket of their own, never into Rahim's.
    deliver(
        desk,
        imap_account,
        message(
            sender="someone@else.example",
            to=DESK,
            subject=f"Fwd: [#{ticket.pk}] Fees",
            body="What about mine?",
        ),
    )
    assert Ticket.objects.count() == 2
    assert ticket.messages.count() == 2
    stranger = Ticket.objects.exclude(pk=ticket.pk).get()
    assert stranger.requester.email == "someone@else.example"


def test_automatic_replies_start_no_loop(desk, imap_account, smtp_settings):  # type: ignore[no-untyped-def]
    deliver(desk, imap_account, message(sender="rahim@padma.com.bd", to=DESK, subject="Fees"))
    ack = smtp_settings.messages[0].message

    # The client's out-of-office notice answers our acknowledgement; a bounce comes back;
    # our own acknowledgement is copied back to the desk.
    deliver(
        desk,
        imap_account,
        message(
            sender="rahim@padma.com.bd",
            to=DESK,
            subject="Out of office",
            body="I am away until Monday.",
            In_Reply_To=ack["Message-ID"],
            Auto_Submitted="auto-replied",
        ),
    )
    deliver(
        desk,
        imap_account,
        message(sender="MAILER-DAEMON@padma.com.bd", to=DESK, subject="Undelivered"),
    )
    imap_account.append(bytes(ack))
    sync.check(desk)

    assert Ticket.objects.count() == 1
    assert Ticket.objects.get().messages.count() == 1
    assert len(smtp_settings.messages) == 1
    assert list(InboundMail.objects.values_list("outcome", flat=True).order_by("id")) == [
        Outcome.CREATED,
        Outcome.AUTOMATIC,
        Outcome.BOUNCE,
        Outcome.OWN,
    ]


def test_a_flood_from_one_sender_is_acknowledged_only_a_few_times(  # type: ignore[no-untyped-def]
    desk, imap_account, smtp_settings
):
    for n in range(6):
        imap_account.append(
            message(sender="robot@shop.example", to=DESK, subject=f"Order {n}", body="Thanks")
        )
    sync.check(desk)

    assert Ticket.objects.count() == 6
    assert len(smtp_settings.messages) == 3


def test_an_answer_reopens_a_solved_ticket_but_not_a_closed_one(  # type: ignore[no-untyped-def]
    desk, imap_account, smtp_settings, people
):
    deliver(desk, imap_account, message(sender="rahim@padma.com.bd", to=DESK, subject="Fees"))
    ticket = Ticket.objects.get()
    actions.update_ticket(ticket, by=people["manager"], values={"status": TicketStatus.SOLVED})
    subject = f"Re: [#{ticket.pk}] Fees"

    deliver(desk, imap_account, message(sender="rahim@padma.com.bd", to=DESK, subject=subject))
    ticket.refresh_from_db()
    assert (ticket.status, ticket.solved_at) == (TicketStatus.OPEN, None)

    # Solved longer ago than the window, the answer opens a new ticket that says so.
    actions.update_ticket(ticket, by=people["manager"], values={"status": TicketStatus.SOLVED})
    Ticket.objects.filter(pk=ticket.pk).update(
        solved_at=timezone.now() - datetime.timedelta(days=8)
    )
    deliver(desk, imap_account, message(sender="rahim@padma.com.bd", to=DESK, subject=subject))

    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.SOLVED
    follow_up = Ticket.objects.exclude(pk=ticket.pk).get()
    note = follow_up.messages.get(kind=MessageKind.NOTE)
    assert f"#{ticket.pk}" in note.body


def test_attachments_are_kept_and_a_refused_one_is_said_in_the_message(  # type: ignore[no-untyped-def]
    desk, imap_account
):
    from email.message import EmailMessage

    mail = EmailMessage()
    mail["From"] = "rahim@padma.com.bd"
    mail["To"] = DESK
    mail["Subject"] = "Statement attached"
    mail.set_content("Here is the statement.")
    mail.add_attachment(
        b"%PDF-1.4\n%%EOF\n", maintype="application", subtype="pdf", filename="s.pdf"
    )
    mail.add_attachment(
        b"MZ\x90\x00binary", maintype="application", subtype="octet-stream", filename="run.exe"
    )

    deliver(desk, imap_account, bytes(mail))

    first = Ticket.objects.get().messages.get()
    [kept] = first.attachments.all()
    assert (kept.original_name, kept.content_type) == ("s.pdf", "application/pdf")
    assert kept.file.read().startswith(b"%PDF")
    assert first.body.startswith("Here is the statement.")
    assert "run.exe" in first.body
