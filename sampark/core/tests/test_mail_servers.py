"""The mail servers tests run against (mail_servers.py) behave as real ones do."""

from __future__ import annotations

import email.policy
import imaplib
import socket
from email.message import EmailMessage

import pytest
from django.core.mail import send_mail

from sampark.core.tests.mail_servers import FlakyProxy, ImapAccount, ImapServer, SmtpServer


def message(subject: str, body: str = "Hello.\n") -> bytes:
    mail = EmailMessage()
    mail["From"] = "Rahim <rahim@example.com>"
    mail["To"] = "sales@example.com"
    mail["Subject"] = subject
    mail.set_content(body)
    return mail.as_bytes(policy=email.policy.SMTP)  # IMAP, like SMTP, ends lines with CRLF


def login(host: str, port: int, account: ImapAccount) -> imaplib.IMAP4:
    imap = imaplib.IMAP4(host, port, timeout=10)
    imap.login(account.username, account.password)
    return imap


def select(imap: imaplib.IMAP4, folder: str) -> tuple[int, int]:
    """Select ``folder``; its UIDVALIDITY and number of messages."""
    status, [count] = imap.select(folder)
    assert status == "OK", count
    [uidvalidity] = imap.response("UIDVALIDITY")[1]
    assert uidvalidity is not None
    assert count is not None
    return int(uidvalidity), int(count)


# IMAP


def test_appended_mail_is_found_by_uid_search_over_imap(imap_account: ImapAccount) -> None:
    assert imap_account.uids() == []

    first = imap_account.append(message("Quote request"))
    second = imap_account.append(message("Follow-up"), seen=True)

    with login(imap_account.host, imap_account.port, imap_account) as imap:
        select(imap, "INBOX")
        status, data = imap.uid("SEARCH", "UNSEEN")
    assert status == "OK"
    assert data[0].split() == [str(first).encode()]
    assert imap_account.uids() == [first, second]
    assert imap_account.flags(second) == {r"\Seen"}
    assert imap_account.flags(first) == set()


def test_append_creates_a_missing_folder_even_with_a_bengali_name(
    imap_account: ImapAccount,
) -> None:
    uid = imap_account.append(message("নতুন লিড"), "Leads/নতুন", seen=True)

    assert imap_account.uids("Leads/নতুন") == [uid]
    assert imap_account.flags(uid, "Leads/নতুন") == {r"\Seen"}
    assert imap_account.uids() == []
    imap_account.append(message("Spam"), "Trash")
    with login(imap_account.host, imap_account.port, imap_account) as imap:
        status, folders = imap.list()
    assert status == "OK"
    # "/" separates levels; names travel in modified UTF-7; Trash and the like are marked.
    assert b'(\\HasNoChildren) "/" Leads/&CagJpAnBCag-' in folders
    assert b'(\\Noselect \\HasChildren) "/" Leads' in folders
    assert b'(\\HasNoChildren \\Trash) "/" Trash' in folders


def test_accounts_are_separate_and_need_their_password(
    imap_account: ImapAccount, imap_server: ImapServer
) -> None:
    other = imap_server.add_account()
    imap_account.append(message("Only for the first account"))

    assert other.uids() == []
    with (
        imaplib.IMAP4(imap_account.host, imap_account.port, timeout=10) as imap,
        pytest.raises(imaplib.IMAP4.error, match="AUTHENTICATIONFAILED"),
    ):
        imap.login(imap_account.username, other.password)


@pytest.mark.parametrize("folder", ["INBOX", "Archive"])
def test_recreating_a_folder_empties_it_under_a_new_uidvalidity(
    imap_account: ImapAccount, folder: str
) -> None:
    imap_account.append(message("Old"), folder)
    imap_account.append(message("Older"), folder)
    with login(imap_account.host, imap_account.port, imap_account) as imap:
        before, _ = select(imap, folder)

    imap_account.recreate(folder)

    with login(imap_account.host, imap_account.port, imap_account) as imap:
        after, count = select(imap, folder)
    assert after != before
    assert count == 0
    assert imap_account.append(message("New"), folder) == 1  # UIDs start again


def test_a_session_on_a_recreated_inbox_is_dropped(imap_account: ImapAccount) -> None:
    imap_account.append(message("Old"))
    with login(imap_account.host, imap_account.port, imap_account) as imap:
        select(imap, "INBOX")

        imap_account.recreate("INBOX")

        with pytest.raises(imaplib.IMAP4.abort):
            imap.uid("SEARCH", "ALL")


# The proxy that drops connections


def test_proxy_forwards_exactly_the_allowed_bytes_then_closes(flaky_proxy: FlakyProxy) -> None:
    flaky_proxy.cut_after(10)

    received = b""
    with socket.create_connection((flaky_proxy.host, flaky_proxy.port), timeout=10) as client:
        while chunk := client.recv(1024):
            received += chunk

    assert received == b"* OK [CAPA"  # the first 10 bytes of Dovecot's greeting
    assert (flaky_proxy.connections, flaky_proxy.cuts) == (1, 1)


def test_fetch_through_the_proxy_breaks_mid_message_until_healed(
    imap_account: ImapAccount, flaky_proxy: FlakyProxy
) -> None:
    big = message("Catalogue", "A line of the price list.\n" * 40_000)  # ~1 MB
    uid = imap_account.append(big)
    flaky_proxy.cut_after(100_000)  # past the greeting, login and SELECT; inside the FETCH

    imap = login(flaky_proxy.host, flaky_proxy.port, imap_account)
    select(imap, "INBOX")
    with pytest.raises(imaplib.IMAP4.abort):
        imap.uid("FETCH", str(uid), "(BODY.PEEK[])")
    imap.shutdown()

    flaky_proxy.heal()
    with login(flaky_proxy.host, flaky_proxy.port, imap_account) as imap:
        select(imap, "INBOX")
        status, data = imap.uid("FETCH", str(uid), "(BODY.PEEK[])")
    assert status == "OK"
    assert data[0][1] == big
    assert (flaky_proxy.connections, flaky_proxy.cuts) == (2, 1)


def test_proxy_can_cut_only_the_next_connections(
    imap_account: ImapAccount, flaky_proxy: FlakyProxy
) -> None:
    flaky_proxy.cut_after(5, times=1)

    with pytest.raises(imaplib.IMAP4.abort):
        login(flaky_proxy.host, flaky_proxy.port, imap_account)
    with login(flaky_proxy.host, flaky_proxy.port, imap_account) as imap:
        assert imap.noop()[0] == "OK"
    assert (flaky_proxy.connections, flaky_proxy.cuts) == (2, 1)


# SMTP


def test_mail_sent_by_django_arrives_at_the_smtp_server(smtp_settings: SmtpServer) -> None:
    send_mail(
        "আপনার টিকিট #42",
        "We have your request.",
        "Sampark <sampark@example.com>",
        ["rahim@example.com", "karim@example.com"],
    )

    [received] = smtp_settings.messages
    assert received.mail_from == "sampark@example.com"
    assert received.recipients == ["rahim@example.com", "karim@example.com"]
    assert received.message["Subject"] == "আপনার টিকিট #42"
    assert received.message.get_content() == "We have your request.\n"
    smtp_settings.clear()
    assert smtp_settings.messages == []
