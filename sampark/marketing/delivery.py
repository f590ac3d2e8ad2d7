"""Handing campaign mail to the mail server, with a hook at the one moment that decides whether
a mail went out.

SMTP gives a message to the server in one transaction that ends when the client sends the final
"." of DATA: a connection that drops before it leaves no message; after it, the server delivers.
Nobody can learn afterwards whether a server took a message whose answer never came back, so a
sender that records "sent" only after the answer may send twice after a crash, and one that
records it before sending may skip. ``SmtpTransport`` sends the whole message but that final
".", calls ``handing`` (which records the mail as handed over, in its own committed
transaction), then sends the "." and reads the answer. A worker killed before the record leaves
no mail and nothing recorded, and the mail is sent on resuming; killed after it, the mail
counts as sent and is not sent again. What remains is a kill in the microseconds between the
record and writing three bytes to the socket.

A provider's HTTP API (through django-anymail) has no such point: there ``handing`` runs just
before the request, so a crash during the request counts the mail as sent (never twice).
"""

from __future__ import annotations

import base64
import re
import secrets
import smtplib
import socket
import ssl
from collections.abc import Callable
from dataclasses import dataclass, field
from email.header import Header
from email.utils import formataddr, formatdate
from typing import Any, Protocol

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, mailers
from django.core.mail.backends.smtp import EmailBackend as DjangoSmtpBackend

_LEADING_DOT = re.compile(rb"(?m)^\.")


class Refused(Exception):
    """The server refused the mail for good (a 5xx answer): ``bounce`` when it refused the
    address itself."""

    def __init__(self, code: int, words: str, *, bounce: bool) -> None:
        super().__init__(f"{code} {words}")
        self.code = code
        self.words = words
        self.bounce = bounce


class Deferred(Exception):
    """The server asked us to try later (a 4xx answer), or could not be reached (``lost``)."""

    def __init__(self, words: str, *, lost: bool = False) -> None:
        super().__init__(words)
        self.lost = lost


@dataclass(frozen=True)
class Mail:
    """One campaign mail, as either transport needs it."""

    sender_name: str
    sender_address: str
    to: str
    subject: str
    text: str
    html: str
    reply_to: str = ""
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def from_header(self) -> str:
        return formataddr((self.sender_name, self.sender_address))

    def as_bytes(self) -> bytes:
        """The message as SMTP carries it: multipart/alternative, both parts UTF-8 in base64.

        Written out here rather than by the email package, which folds and re-encodes every
        header through its policy machinery: that alone cost more than everything else in
        making a campaign mail, and a campaign sends hundreds a second. What it writes is the
        plain shape every mail program reads; a subject or a name outside ASCII is encoded
        (RFC 2047) by the email package's own ``Header`` and ``formataddr``.
        """
        raw = [self.from_header, self.to, self.subject, self.reply_to, *self.headers.values()]
        if any("\n" in value or "\r" in value for value in raw):
            raise ValueError("A header of the mail holds a line break.")
        boundary = f"-sampark-{secrets.token_hex(12)}"  # base64 never holds a "-"
        headers = {
            "From": self.from_header,
            "To": self.to,
            "Subject": self.subject
            if self.subject.isascii()
            else Header(self.subject, "utf-8").encode(linesep="\r\n"),
            "Date": formatdate(usegmt=True),
            "MIME-Version": "1.0",
            "Content-Type": f'multipart/alternative; boundary="{boundary}"',
            **({"Reply-To": self.reply_to} if self.reply_to else {}),
            **self.headers,
        }
        lines = [f"{name}: {value}" for name, value in headers.items()]
        for subtype, content in (("plain", self.text), ("html", self.html)):
            encoded = base64.encodebytes(content.encode()).decode("ascii")
            lines += [
                "",
                f"--{boundary}",
                f'Content-Type: text/{subtype}; charset="utf-8"',
                "Content-Transfer-Encoding: base64",
                "",
                encoded.rstrip("\n").replace("\n", "\r\n"),
            ]
        lines += ["", f"--{boundary}--", ""]
        return "\r\n".join(lines).encode("ascii")

    def as_django(self) -> EmailMultiAlternatives:
        message = EmailMultiAlternatives(
            subject=self.subject,
            body=self.text,
            from_email=self.from_header,
            to=[self.to],
            reply_to=[self.reply_to] if self.reply_to else [],
            headers=self.headers,
        )
        message.attach_alternative(self.html, "text/html")
        return message


@dataclass(frozen=True)
class Handed:
    provider_id: str = ""  # the provider's id for the message, to match its webhooks


class Transport(Protocol):
    def send(self, mail: Mail, handing: Callable[[], None]) -> Handed: ...

    def close(self) -> None: ...


def _words(reply: bytes | str) -> str:
    return reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)


def _refusal(code: int, reply: bytes | str, *, bounce: bool) -> Exception:
    if 400 <= code < 500:
        return Deferred(f"{code} {_words(reply)}")
    return Refused(code, _words(reply), bounce=bounce)


class _AnswerLost(Exception):
    """The connection broke after the mail was handed over, before the server answered."""


class _Smtp(smtplib.SMTP):
    def send_handing(
        self, sender: str, recipient: str, data: bytes, handing: Callable[[], None]
    ) -> None:
        """``sendmail`` for one recipient, calling ``handing`` before the final "." of DATA."""
        self.ehlo_or_helo_if_needed()
        code, reply = self.mail(sender)
        if code != 250:
            self.rset()
            raise _refusal(code, reply, bounce=False)
        code, reply = self.rcpt(recipient)
        if code not in (250, 251):
            self.rset()
            raise _refusal(code, reply, bounce=True)
        code, reply = self.docmd("data")
        if code != 354:
            self.rset()
            raise _refusal(code, reply, bounce=False)
        body = _LEADING_DOT.sub(b"..", data)
        if not body.endswith(b"\r\n"):
            body += b"\r\n"
        self.send(body)
        try:
            handing()
        except BaseException:
            # Nothing recorded: end the connection without the ".", so no mail is delivered.
            self.close()
            raise
        try:
            self.send(b".\r\n")
            code, reply = self.getreply()
        except (OSError, smtplib.SMTPServerDisconnected) as error:
            # As if the worker had died here: the mail may be delivered, so it counts as sent.
            raise _AnswerLost from error
        if code != 250:
            raise _refusal(code, reply, bounce=False)


class SmtpTransport:
    """One connection to the configured SMTP server, kept open across a batch."""

    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        self.connection: _Smtp | None = None

    def _connect(self) -> _Smtp:
        options = self.options
        host, port = options.get("host", "localhost"), options.get("port", 25)
        timeout = options.get("timeout", 20)
        if options.get("use_ssl"):
            connection: _Smtp = _SmtpSsl(host, port, timeout=timeout)
        else:
            connection = _Smtp(host, port, timeout=timeout)
            if options.get("use_tls"):
                connection.starttls(context=ssl.create_default_context())
        if connection.sock is not None:
            # The final "." is a write of its own after the message: without this, Nagle's
            # algorithm holds it until the server acknowledges the message (40 ms a mail).
            connection.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        if options.get("username"):
            connection.login(options["username"], options.get("password", ""))
        return connection

    def send(self, mail: Mail, handing: Callable[[], None]) -> Handed:
        try:
            if self.connection is None:
                self.connection = self._connect()
            self.connection.send_handing(mail.sender_address, mail.to, mail.as_bytes(), handing)
        except (Refused, Deferred):
            raise
        except _AnswerLost:
            self.close()
            return Handed()
        except smtplib.SMTPResponseException as error:
            self.close()
            raise _refusal(error.smtp_code, error.smtp_error, bounce=False) from error
        except (OSError, smtplib.SMTPException) as error:
            self.close()  # a broken connection: the next mail opens a fresh one
            raise Deferred(str(error) or type(error).__name__, lost=True) from error
        return Handed()

    def close(self) -> None:
        if self.connection is not None:
            try:
                self.connection.quit()
            except (OSError, smtplib.SMTPException):
                self.connection.close()
            self.connection = None


class _SmtpSsl(smtplib.SMTP_SSL, _Smtp):
    pass


class BackendTransport:
    """Any other Django mail backend: a provider through django-anymail, or the console."""

    def __init__(self) -> None:
        self.backend = mailers.default

    def send(self, mail: Mail, handing: Callable[[], None]) -> Handed:
        message = mail.as_django()
        handing()
        try:
            self.backend.send_messages([message])
        except OSError as error:
            raise Deferred(str(error), lost=True) from error
        except Exception as error:  # an API's refusal (anymail raises its own errors)
            raise Refused(0, str(error)[:300], bounce=False) from error
        status = getattr(message, "anymail_status", None)
        return Handed(provider_id=str(getattr(status, "message_id", "") or ""))

    def close(self) -> None:
        self.backend.close()


def transport() -> Transport:
    """The transport for the site's default mailer."""
    mailer = settings.MAILERS["default"]
    backend = str(mailer.get("BACKEND", ""))
    if backend == f"{DjangoSmtpBackend.__module__}.EmailBackend":
        options = mailer.get("OPTIONS", {})
        return SmtpTransport(dict(options) if isinstance(options, dict) else {})
    return BackendTransport()
