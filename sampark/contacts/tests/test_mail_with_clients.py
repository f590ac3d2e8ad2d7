"""A user's own mailbox, read from a real IMAP server, and email sent from a client's page
through a real SMTP server: conversations with clients land on their timelines, once each;
colleagues, strangers and excluded addresses are left alone."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sampark.contacts.actions import create_contact
from sampark.contacts.models import Activity, Direction
from sampark.mail import sync
from sampark.mail.models import InboundMail, Outcome, Purpose
from sampark.mail.tests.factories import mailbox_on, message

pytestmark = pytest.mark.django_db(transaction=True)  # notifications are sent on commit

MINE = "nadia@broker.example"


@pytest.fixture
def client_record(people):  # type: ignore[no-untyped-def]
    return create_contact(by=people["agent"], display_name="Rahim Uddin", email="rahim@padma.bd")


def my_mailbox(imap_account, people, folder: str = "INBOX", **values):  # type: ignore[no-untyped-def]
    box = mailbox_on(
        imap_account,
        people["admin"],
        owner=people["agent"],
        name=f"Nadia's mail ({folder})",
        address=MINE,
        purpose=Purpose.PERSONAL,
        folder=folder,
        excluded="@broker.example\nnews@markets.example",
        **values,
    )
    sync.check(box)
    return box


def test_a_client_s_mail_and_mine_to_them_land_on_their_timeline(  # type: ignore[no-untyped-def]
    imap_account, people, client_record
):
    inbox = my_mailbox(imap_account, people)
    imap_account.append(
        message(sender=MINE, to="rahim@padma.bd", subject="Re: Statement", body="Attached."),
        folder="Sent",
    )
    sent = my_mailbox(imap_account, people, folder="Sent", take_existing=True)
    imap_account.append(
        message(sender="Rahim <rahim@padma.bd>", to=MINE, subject="Statement", body="Please.")
    )
    for noise in (
        message(sender="colleague@broker.example", to=MINE, subject="Lunch?"),
        message(sender="news@markets.example", to=MINE, subject="Markets today"),
        message(sender="stranger@else.example", to=MINE, subject="Hello"),
    ):
        imap_account.append(noise)

    sync.check(inbox)
    sync.check(sent)

    logged = {(a.direction, a.subject) for a in Activity.objects.filter(contact=client_record)}
    assert logged == {(Direction.INBOUND, "Statement"), (Direction.OUTBOUND, "Re: Statement")}
    outcomes = sorted(InboundMail.objects.values_list("outcome", flat=True))
    assert outcomes == sorted(
        [Outcome.ADDED, Outcome.ADDED, Outcome.EXCLUDED, Outcome.EXCLUDED, Outcome.UNRELATED]
    )


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
