"""Mailboxes on the test run's own Dovecot, and messages as mail programs write them."""

from __future__ import annotations

from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from typing import Any

from django.utils import timezone

from sampark.core.models import User
from sampark.core.tests.mail_servers import ImapAccount
from sampark.mail.actions import create_mailbox
from sampark.mail.models import Mailbox, Security


def mailbox_on(account: ImapAccount, admin: User, **values: Any) -> Mailbox:
    """A sales mailbox reading ``account``; leads go to ``owner`` (default: ``admin``)."""
    defaults: dict[str, Any] = {
        "name": "Sales enquiries",
        "address": "sales@broker.example",
        "host": account.host,
        "port": account.port,
        "security": Security.NONE,
        "username": account.username,
    }
    return create_mailbox(by=admin, password=account.password, **{**defaults, **values})


def message(
    *,
    sender: str = "Farhana Akter <farhana@padma.com.bd>",
    to: str = "sales@broker.example",
    subject: str = "Opening a trading account",
    body: str = "I would like to open an account for my family.",
    html: str = "",
    message_id: str | None = None,
    **headers: str,
) -> bytes:
    mail = EmailMessage()
    mail["From"] = sender
    mail["To"] = to
    mail["Subject"] = subject
    mail["Date"] = format_datetime(timezone.now())
    mail["Message-ID"] = message_id if message_id is not None else make_msgid(domain="padma.com.bd")
    for name, value in headers.items():
        mail[name.replace("_", "-")] = value
    mail.set_content(body)
    if html:
        mail.add_alternative(html, subtype="html")
    return bytes(mail)
