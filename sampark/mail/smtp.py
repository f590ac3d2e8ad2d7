"""Sending through a person's own mail server: the SMTP half of "My mail".

Someone who connects their own mailbox with an SMTP server has the mail they write from Sampark
go out through it, signed in with the mailbox's user name and password, from the mailbox's
address: to the client it is an ordinary mail from them, their provider's signatures (SPF,
DKIM) hold, and the client's answer comes back to the inbox Sampark reads.
"""

from __future__ import annotations

import smtplib
from dataclasses import dataclass

from django.core.mail.backends.smtp import EmailBackend
from django.utils.translation import gettext as _

from sampark.core.models import User
from sampark.lib.sealed import unseal
from sampark.mail.models import Mailbox, Security
from sampark.mail.sync import describe

TIMEOUT_SECONDS = 20


@dataclass(frozen=True)
class SmtpServer:
    host: str
    port: int
    security: str
    username: str
    password: str

    def backend(self) -> EmailBackend:
        return EmailBackend(
            # Named, as Django's mailers are: a backend built outside MAILERS must say which.
            alias=f"own:{self.username}@{self.host}",
            host=self.host,
            port=self.port,
            username=self.username,
            password=self.password,
            use_ssl=self.security == Security.SSL,
            use_tls=self.security == Security.STARTTLS,
            timeout=TIMEOUT_SECONDS,
        )


@dataclass(frozen=True)
class OwnSender:
    mailbox: Mailbox

    @property
    def address(self) -> str:
        return self.mailbox.address

    def backend(self) -> EmailBackend:
        """A connection to the mailbox's SMTP server; raises ``Unreadable`` when its password
        can no longer be read (the site's secret key changed)."""
        box = self.mailbox
        password = unseal(box.password_sealed)
        return SmtpServer(
            box.smtp_host, box.smtp_port, box.smtp_security, box.username, password
        ).backend()


def own_sender(user: User) -> OwnSender | None:
    """Where ``user``'s mail goes out from, when their own mailbox has an SMTP server."""
    mailbox = Mailbox.objects.personal_of(user)
    if mailbox is None or not mailbox.smtp_host:
        return None
    return OwnSender(mailbox)


def probe_smtp(server: SmtpServer) -> tuple[str, str] | None:
    """Connect and sign in: None if that works, else the form field at fault and what went
    wrong."""
    backend = server.backend()
    try:
        backend.open()
    except smtplib.SMTPAuthenticationError as error:
        words = error.smtp_error
        words = words.decode("utf-8", "replace") if isinstance(words, bytes) else words
        return "password", _("The SMTP server refused the user name or password: %(error)s") % {
            "error": words
        }
    except smtplib.SMTPNotSupportedError:
        return "smtp_security", _(
            "The SMTP server does not take a password on this connection: choose STARTTLS or "
            "SSL/TLS."
        )
    except (OSError, UnicodeError) as error:  # smtplib's errors are OSErrors too
        return "smtp_host", describe(error).text()
    finally:
        backend.close()
    return None
