"""A user's own mailbox, read from a real IMAP server, and email sent from a client's page
through a real SMTP server: conversations with clients land on their timelines, once each;
colleagues, strangers and excluded addresses are left alone."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sampark.contacts.actions import create_contact
from sampark.contacts.models import Activity, Direction
from sampark.mail import sync
from sampark.mail.models import InboundMail, Mailbox, Outcome, Purpose
from sampark.mail.tests.factories import mailbox_on, message

pytestmark = pytest.mark.django_db(transaction=True)  # notifications are sent on commit

MINE = "nadia@broker.example"


@pytest.fixture
def client_record(people):  # type: ignore[no-untyped-def]
    return create_contact(by=people["agent"], display_name="Rahim Uddin", email="rahim@padma.bd")


def my_mailbox(imap_account, people, **values):  # type: ignore[no-untyped-def]
    """Nadia's own mail: her inbox and her Sent folder, read from now on."""
    imap_account.append(message(sender=MINE, to="rahim@padma.bd", subject="Old"), folder="Sent")
    box = mailbox_on(
        imap_account,
        people["admin"],
        owner=people["agent"],
        name="Nadia's mail",
        address=MINE,
        purpose=Purpose.PERSONAL,
        sent_folder="Sent",
        excluded="@broker.example\nnews@markets.example",
        **values,
    )
    sync.check(box)
    return box


def test_a_client_s_mail_and_mine_to_them_land_on_their_timeline(  # type: ignore[no-untyped-def]
    imap_account, people, client_record
):
    mailbox = my_mailbox(imap_account, people)
    imap_account.append(
        message(sender=MINE, to="rahim@padma.bd", subject="Re: Statement", body="Attached."),
        folder="Sent",
    )
    imap_account.append(
        message(sender="Rahim <rahim@padma.bd>", to=MINE, subject="Statement", body="Please.")
    )
    for noise in (
        message(sender="colleague@broker.example", to=MINE, subject="Lunch?"),
        message(sender="news@markets.example", to=MINE, subject="Markets today"),
        message(sender="stranger@else.example", to=MINE, subject="Hello"),
    ):
        imap_account.append(noise)

    sync.check(mailbox)

    logged = {(a.direction, a.subject) for a in Activity.objects.filter(contact=client_record)}
    assert logged == {(Direction.INBOUND, "Statement"), (Direction.OUTBOUND, "Re: Statement")}
    outcomes = sorted(InboundMail.objects.values_list("folder", "outcome"))
    assert outcomes == sorted(
        [
            ("INBOX", Outcome.ADDED),
            ("Sent", Outcome.ADDED),
            ("INBOX", Outcome.EXCLUDED),
            ("INBOX", Outcome.EXCLUDED),
            ("INBOX", Outcome.UNRELATED),
        ]
    )


def test_a_connection_cut_in_the_second_folder_resumes_there(  # type: ignore[no-untyped-def]
    imap_account, people, client_record, flaky_proxy
):
    mailbox = my_mailbox(imap_account, people)
    for n in range(30):
        imap_account.append(
            message(sender=MINE, to="rahim@padma.bd", subject=f"Answer {n}"), folder="Sent"
        )
    for n in range(30):
        imap_account.append(
            message(sender="rahim@padma.bd", to=MINE, subject=f"Question {n}", body="y" * 4000)
        )
    Mailbox.objects.filter(pk=mailbox.pk).update(port=flaky_proxy.port)
    mailbox.refresh_from_db()
    # The Sent folder's 30 small messages pass; the cut falls in the inbox's first batch.
    flaky_proxy.cut_after(60_000)

    assert sync.check(mailbox).error
    mine = Activity.objects.filter(contact=client_record)
    assert (mine.filter(direction=Direction.OUTBOUND).count(), mine.count()) == (30, 30)

    flaky_proxy.heal()
    assert sync.check(mailbox).error == ""
    assert mine.filter(direction=Direction.INBOUND).count() == 30
    assert mine.values("message_id").distinct().count() == mine.count() == 60
    assert InboundMail.objects.filter(mailbox=mailbox).count() == 60


def test_a_client_s_answer_from_another_address_lands_on_the_mail_s_timeline(  # type: ignore[no-untyped-def]
    imap_account, people, client_record
):
    mailbox = my_mailbox(imap_account, people)
    imap_account.append(
        message(
            sender=MINE,
            to="rahim@padma.bd",
            subject="Your statement",
            message_id="<statement-1@broker.example>",
        ),
        folder="Sent",
    )
    imap_account.append(
        message(
            sender="Rahim at home <rahim.uddin@gmail.example>",
            to=MINE,
            subject="Re: Your statement",
            In_Reply_To="<statement-1@broker.example>",
        )
    )
    imap_account.append(
        message(
            sender="stranger@else.example",
            to=MINE,
            subject="Re: something else",
            In_Reply_To="<unknown@else.example>",
        )
    )

    sync.check(mailbox)

    answer = Activity.objects.get(subject="Re: Your statement")
    assert (answer.contact, answer.direction) == (client_record, Direction.INBOUND)
    assert not Activity.objects.filter(subject="Re: something else").exists()


def test_a_message_read_twice_is_logged_once(imap_account, people, client_record):  # type: ignore[no-untyped-def]
    inbox = my_mailbox(imap_account, people)
    copy = message(sender="rahim@padma.bd", to=MINE, subject="Top-up", message_id="<t@padma.bd>")
    imap_account.append(copy)
    imap_account.append(copy, folder="Archive")
    archive = mailbox_on(
        imap_account,
        people["admin"],
        owner=people["colleague"],
        name="Colleague's archive",
        address="colleague@broker.example",
        purpose=Purpose.PERSONAL,
        folder="Archive",
        take_existing=True,
    )

    sync.check(inbox)
    sync.check(archive)

    assert Activity.objects.filter(contact=client_record).count() == 1


def test_email_from_a_client_s_page_goes_out_as_the_writer_and_on_the_timeline(  # type: ignore[no-untyped-def]
    client, people, client_record, smtp_settings
):
    agent = people["agent"]
    agent.email = MINE
    agent.save()
    client.force_login(agent)
    url = reverse("contacts:email", args=[client_record.pk])

    refused = client.post(url, {"to": "someone@else.example", "subject": "", "text": ""})
    assert refused.status_code == 200
    assert {"to", "subject", "text"} <= set(refused.context["form"].errors)

    response = client.post(
        url, {"to": "rahim@padma.bd", "subject": "Your statement", "text": "Attached soon."}
    )

    assert response.status_code == 302
    [sent] = smtp_settings.messages
    assert MINE in sent.message["From"]
    activity = Activity.objects.get(contact=client_record)
    assert (activity.direction, activity.message_id) == (
        Direction.OUTBOUND,
        sent.message["Message-ID"],
    )
    client.force_login(people["outsider"])
    assert client.get(url).status_code == 404
