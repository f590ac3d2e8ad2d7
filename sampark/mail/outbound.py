"""Sending one email from Sampark to a lead or client, as the person who writes it.

The text a person types goes out as plain text and as HTML built from it (escaped, paragraphs,
links made clickable). When tracked, each link goes through Sampark's click address and the HTML
carries a one-pixel image, so the record shows when it was opened and which links were followed
(see tracking.py); the plain-text part is never rewritten. Every message carries our own header
(``automatic.OWN_HEADER``), so a copy or bounce that comes back to a mailbox Sampark reads is
known as ours. The reply goes to the writer.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from email.utils import formataddr, make_msgid
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMultiAlternatives
from django.db import models
from django.utils import timezone
from django.utils.html import escape

from sampark.core.models import User
from sampark.lib.richtext import linkify, plain_text_to_html
from sampark.lib.sealed import Unreadable
from sampark.mail.automatic import OWN_HEADER
from sampark.mail.models import ErrorCode, MailboxError, OutboundMail
from sampark.mail.smtp import own_sender
from sampark.mail.tracking import click_url, open_url


def send(
    *,
    by: User | None,
    record: models.Model,
    to: str,
    subject: str,
    text: str,
    tracked: bool = True,
    sender: str = "",
    headers: Mapping[str, str] | None = None,
) -> OutboundMail:
    """Send and keep the mail; a failure to hand it to the mail server is kept as its ``error``
    (and ``sent_at`` stays empty), for the writer to see and send again.

    It goes from ``sender`` (a service desk's address, under the writer's name) when given,
    else from the writer's own mailbox through its SMTP server when they connected one (see
    smtp.py), else from the writer's address through the firm's; answers come back to where it
    went from. ``by`` None: Sampark itself writes (an acknowledgement).
    """
    own = own_sender(by) if by is not None and not sender else None
    # The writer's name goes on their own address or the desk's, not on the site's default.
    named = bool(sender or own) or bool(by and by.email)
    sender = sender or (own.address if own else "") or (by.email if by else "")
    sender = sender or settings.DEFAULT_FROM_EMAIL
    mail = OutboundMail.objects.create(
        record_type=ContentType.objects.get_for_model(record),
        record_id=record.pk,
        sent_by=by,
        from_address=sender,
        to_address=to,
        subject=subject,
        text=text,
        message_id=make_msgid(domain=_domain()),
        token=secrets.token_urlsafe(16),
        tracked=tracked,
    )
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=_named(by, sender) if named else sender,
        to=[to],
        reply_to=[sender],
        headers={**(headers or {}), "Message-ID": mail.message_id, OWN_HEADER: mail.token},
    )
    message.attach_alternative(html_of(mail), "text/html")
    try:
        if own is not None:
            own.backend().send_messages([message])
        else:
            message.send()
    except Unreadable:
        mail.error = MailboxError(ErrorCode.PASSWORD_UNREADABLE).text()[:300]
        mail.save(update_fields=["error"])
    except (OSError, ValueError) as error:  # refused, unreachable, or a bad address
        mail.error = str(error)[:300]
        mail.save(update_fields=["error"])
    else:
        mail.sent_at = timezone.now()
        mail.save(update_fields=["sent_at"])
    return mail


def html_of(mail: OutboundMail) -> str:
    """The mail's text as HTML: escaped paragraphs and line breaks, links clickable (through the
    click address when tracked), and the open pixel at the end when tracked."""

    def linked(line: str) -> str:
        return linkify(line, lambda url: click_url(mail, url) if mail.tracked else url)

    body = plain_text_to_html(mail.text, line=linked)
    if mail.tracked:
        body += f'<img src="{escape(open_url(mail))}" width="1" height="1" alt="">'
    return f"<!DOCTYPE html><html><body>{body}</body></html>"


def _named(user: User | None, address: str) -> str:
    name = user.get_full_name() if user else ""
    return formataddr((name, address)) if name else address


def _domain() -> str:
    return urlsplit(settings.SAMPARK_SITE_URL).hostname or "localhost"
