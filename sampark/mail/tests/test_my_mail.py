"""My mail: each person connects their own mailbox on their profile (real Dovecot and a real SMTP
server that asks for a password); mail they write from a client's page goes out through their own
server, from their address, and the client's answer lands back on the client's timeline. Nobody
reaches anyone else's, and what cannot connect says why on the field at fault."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from sampark.contacts.actions import create_contact
from sampark.contacts.models import Activity, Direction
from sampark.lib.sealed import unseal
from sampark.mail import actions, sync
from sampark.mail.models import Mailbox, OutboundMail, Purpose, Security
from sampark.mail.tests.factories import mailbox_on, message

pytestmark = pytest.mark.django_db(transaction=True)  # notifications are sent on commit

MINE = "nadia@broker.example"


def my_mail_data(imap_account, smtp, **changes):  # type: ignore[no-untyped-def]
    return {
        "address": MINE,
        "host": imap_account.host,
        "port": imap_account.port,
        "security": Security.NONE,
        "username": imap_account.username,
        "password": imap_account.password,
        "folder": "INBOX",
        "sent_folder": "Sent",
        "smtp_host": smtp.host,
        "smtp_port": smtp.port,
        "smtp_security": Security.NONE,
        "excluded": "@broker.example",
        "is_active": "on",
        **changes,
    }


@pytest.fixture
def account(imap_account, smtp_login_server):  # type: ignore[no-untyped-def]
    """Nadia's account at her mail provider: IMAP and SMTP, one password; a Sent folder."""
    smtp_login_server.allow(imap_account.username, imap_account.password)
    imap_account.append(message(sender=MINE, to="someone@else.example"), folder="Sent")
    return imap_account


@pytest.fixture
def client_record(people):  # type: ignore[no-untyped-def]
    return create_contact(by=people["agent"], display_name="Rahim Uddin", email="rahim@padma.bd")


def connect(client, user, account, smtp, **changes):  # type: ignore[no-untyped-def]
    client.force_login(user)
    return client.post(reverse("my_mail:settings"), my_mail_data(account, smtp, **changes))


@pytest.mark.parametrize("role", ["agent", "manager"])
def test_anyone_who_logs_client_conversations_connects_their_own_mail(  # type: ignore[no-untyped-def]
    client, people, account, smtp_login_server, role
):
    user = people[role]

    response = connect(client, user, account, smtp_login_server)

    assert response.status_code == 302
    box = Mailbox.objects.get()
    assert (box.owner, box.purpose, box.address, box.sent_folder) == (
        user,
        Purpose.PERSONAL,
        MINE,
        "Sent",
    )
    assert unseal(box.password_sealed) == account.password
    assert account.password not in client.get(reverse("my_mail:settings")).content.decode()
    summary = client.get(reverse("my_mail:summary")).content.decode()
    assert MINE in summary
    assert "Not checked yet" in summary
    client.force_login(people["admin"])
    assert MINE in client.get(reverse("mail:mailboxes")).content.decode()


def test_a_reader_has_no_mail_to_connect(client, people, account, smtp_login_server):  # type: ignore[no-untyped-def]
    assert connect(client, people["reader"], account, smtp_login_server).status_code == 403
    assert "does not log" in client.get(reverse("my_mail:summary")).content.decode()
    assert not Mailbox.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"password": "wrong"}, "password", "user name or password"),
        ({"sent_folder": "Sent Items"}, "sent_folder", "There is no folder Sent Items"),
        ({"smtp_port": 1}, "smtp_host", "refused the connection"),
        ({"smtp_host": "a..b"}, "smtp_host", "There is no server by that name"),
    ],
)
def test_what_cannot_connect_is_said_on_its_field_and_nothing_is_saved(  # type: ignore[no-untyped-def]
    client, people, account, smtp_login_server, changes, field, words
):
    response = connect(client, people["agent"], account, smtp_login_server, **changes)

    assert response.status_code == 200
    assert words in " ".join(response.context["form"].errors[field])
    assert not Mailbox.objects.exists()


def test_a_password_the_smtp_server_refuses_is_said_on_the_password(  # type: ignore[no-untyped-def]
    client, people, imap_account, smtp_login_server
):
    # The IMAP server takes the password; the SMTP server knows no such account.
    response = connect(client, people["agent"], imap_account, smtp_login_server, sent_folder="")

    assert "SMTP server refused" in " ".join(response.context["form"].errors["password"])
    assert not Mailbox.objects.exists()


def test_mail_from_a_client_s_page_goes_out_through_one_s_own_server_and_the_answer_comes_back(  # type: ignore[no-untyped-def]
    client, people, account, smtp_login_server, smtp_settings, client_record
):
    connect(client, people["agent"], account, smtp_login_server)
    box = Mailbox.objects.get()
    sync.check(box)  # the first check starts after the mail already there

    client.post(
        reverse("contacts:email", args=[client_record.pk]),
        {"to": "rahim@padma.bd", "subject": "Your statement", "text": "Attached soon."},
    )

    [sent] = smtp_login_server.messages
    assert smtp_settings.messages == [], "went through the firm's server"
    assert sent.login == account.username
    assert MINE in sent.message["From"]
    assert sent.recipients == ["rahim@padma.bd"]
    # The client answers from another address of theirs; the answer is known by its thread.
    account.append(
        message(
            sender="Rahim at home <rahim.uddin@home.example>",
            to=MINE,
            subject="Re: Your statement",
            In_Reply_To=sent.message["Message-ID"],
        )
    )
    assert sync.check(box).error == ""
    timeline = Activity.objects.filter(contact=client_record).order_by("id")
    assert [(a.direction, a.subject) for a in timeline] == [
        (Direction.OUTBOUND, "Your statement"),
        (Direction.INBOUND, "Re: Your statement"),
    ]


def test_a_password_that_can_no_longer_be_read_fails_the_mail_with_the_reason(  # type: ignore[no-untyped-def]
    client, people, account, smtp_login_server, client_record
):
    connect(client, people["agent"], account, smtp_login_server)
    Mailbox.objects.update(password_sealed="not-a-sealed-password")

    response = client.post(
        reverse("contacts:email", args=[client_record.pk]),
        {"to": "rahim@padma.bd", "subject": "Your statement", "text": "Attached soon."},
    )

    assert response.status_code in {200, 302}
    mail = OutboundMail.objects.get()
    assert mail.sent_at is None
    assert "password can no longer be read" in mail.error
    assert smtp_login_server.messages == []
    assert not Activity.objects.filter(contact=client_record).exists()


def test_nobody_reaches_another_s_mail_or_the_firm_s(people, account, smtp_login_server):  # type: ignore[no-untyped-def]
    agent, colleague = people["agent"], people["colleague"]
    settings = {
        "name": "Mine",
        "address": MINE,
        "host": account.host,
        "port": account.port,
        "security": Security.NONE,
        "username": account.username,
    }
    theirs = actions.create_mailbox(
        by=colleague, password="x", purpose=Purpose.PERSONAL, **settings
    )

    with pytest.raises(PermissionDenied):
        actions.update_mailbox(theirs, by=agent, values={"excluded": "@else.example"})
    with pytest.raises(PermissionDenied):
        actions.delete_mailbox(theirs, by=agent)
    with pytest.raises(PermissionDenied):  # the firm's mailboxes are the admins'
        actions.create_mailbox(by=agent, password="x", purpose=Purpose.TICKETS, **settings)
    with pytest.raises(PermissionDenied):  # one's own mail made over to someone else
        actions.create_mailbox(by=agent, password="x", owner=colleague, **settings)
    mine = actions.create_mailbox(by=agent, password="x", purpose=Purpose.PERSONAL, **settings)
    with pytest.raises(PermissionDenied):  # …or turned into a service desk
        actions.update_mailbox(mine, by=agent, values={"purpose": Purpose.TICKETS})
    with pytest.raises(ValidationError):
        actions.create_mailbox(by=agent, password="x", purpose=Purpose.PERSONAL, **settings)
    assert Mailbox.objects.get(pk=mine.pk).purpose == Purpose.PERSONAL
    assert Mailbox.objects.filter(owner=agent).count() == 1


def test_the_pages_only_ever_show_one_s_own(client, people, account, smtp_login_server):  # type: ignore[no-untyped-def]
    connect(client, people["colleague"], account, smtp_login_server)
    client.force_login(people["agent"])

    page = client.get(reverse("my_mail:settings"))

    assert page.context["mailbox"] is None
    assert MINE not in page.content.decode()
    assert client.post(reverse("my_mail:check")).status_code == 404
    assert client.post(reverse("my_mail:delete")).status_code == 404
    assert Mailbox.objects.filter(owner=people["colleague"]).exists()


def test_disconnecting_keeps_the_timeline_and_sends_through_the_firm_again(  # type: ignore[no-untyped-def]
    client, people, account, smtp_login_server, smtp_settings, client_record
):
    connect(client, people["agent"], account, smtp_login_server)
    box = Mailbox.objects.get()
    sync.check(box)
    account.append(message(sender="rahim@padma.bd", to=MINE, subject="Top-up"))
    sync.check(box)

    assert client.post(reverse("my_mail:delete")).status_code == 302
    client.post(
        reverse("contacts:email", args=[client_record.pk]),
        {"to": "rahim@padma.bd", "subject": "Received", "text": "Thank you."},
    )

    assert not Mailbox.objects.exists()
    assert Activity.objects.filter(contact=client_record, subject="Top-up").exists()
    assert len(smtp_settings.messages) == 1
    assert smtp_login_server.messages == []


def test_moving_the_sent_folder_reads_it_from_the_next_message(people, account):  # type: ignore[no-untyped-def]
    box = mailbox_on(
        account,
        people["admin"],
        owner=people["agent"],
        address=MINE,
        purpose=Purpose.PERSONAL,
        sent_folder="Sent",
    )
    sync.check(box)
    account.append(message(sender=MINE, to="rahim@padma.bd"), folder="Archive/Sent")
    assert box.sent_uid_validity is not None

    actions.update_mailbox(box, by=people["agent"], values={"sent_folder": "Archive/Sent"})

    box.refresh_from_db()
    assert (box.sent_uid_validity, box.sent_last_uid) == (None, 0)
    assert box.uid_validity is not None, "the inbox's reading is not moved"
