"""Reading a mailbox over IMAP: what is new since the last message taken, and nothing twice.

Progress is the folder's UIDVALIDITY and the last UID taken (RFC 3501: UIDs only grow while
UIDVALIDITY stays; a new UIDVALIDITY means the folder was recreated and every UID is new). The
folder is opened read-only and bodies are fetched with BODY.PEEK, so people reading the same
mailbox in their mail program see nothing marked read. A new mailbox starts after the mail that
is already there, unless it was asked to take that too.

A connection that fails or drops is recorded on the mailbox (shown in Settings) and the next
check carries on from the last message taken: see intake.py for why that is exact.
"""

from __future__ import annotations

import imaplib
import socket
import ssl
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass

from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext as _
from imapclient import IMAPClient
from imapclient.exceptions import IMAPClientError, LoginError

from sampark.lib.sealed import Unreadable, unseal
from sampark.mail.intake import own_addresses, take
from sampark.mail.models import ErrorCode, Folder, Mailbox, MailboxError, Security

# Bigger messages are recorded as too large, not fetched: a lead's enquiry or a client's
# question is not 25 MB, and the worker's memory holds one batch at a time.
MAX_MESSAGE_BYTES = 25 * 1024 * 1024
BATCH = 25
TIMEOUT_SECONDS = 30
# Long enough for a slow first sync; a crashed worker's lock lapses by itself.
LOCK_SECONDS = 15 * 60

# UnicodeError: a server name that is no host name at all ("a..b").
CONNECTION_ERRORS = (
    IMAPClientError,
    imaplib.IMAP4.abort,
    OSError,
    socket.timeout,
    ssl.SSLError,
    UnicodeError,
)


@dataclass(frozen=True)
class Checked:
    taken: int  # messages filed (of any outcome) in this check
    error: str  # "" when the check went through


@dataclass(frozen=True)
class Server:
    host: str
    port: int
    security: str
    username: str
    password: str


@contextmanager
def connected(server: Server) -> Iterator[IMAPClient]:
    context = ssl.create_default_context()
    client = IMAPClient(
        server.host,
        port=server.port,
        ssl=server.security == Security.SSL,
        ssl_context=context,
        timeout=TIMEOUT_SECONDS,
    )
    try:
        if server.security == Security.STARTTLS:
            client.starttls(context)
        try:
            client.login(server.username, server.password)
        except UnicodeEncodeError:
            # LOGIN takes ASCII only; SASL PLAIN carries UTF-8 (RFC 4616), for a Bengali password.
            client.plain_login(server.username, server.password)
        yield client
    finally:
        try:
            client.logout()
        except CONNECTION_ERRORS:
            with suppress(*CONNECTION_ERRORS):
                client.shutdown()


def server_of(mailbox: Mailbox) -> Server:
    return Server(
        mailbox.host,
        mailbox.port,
        mailbox.security,
        mailbox.username,
        unseal(mailbox.password_sealed),
    )


def probe(server: Server, folders: Mapping[str, str]) -> tuple[str, str] | None:
    """Sign in and open each of ``folders`` (form field: folder name): None if that works, else
    the form field at fault and what went wrong, for whoever is setting the mailbox up."""
    try:
        with connected(server) as client:
            for field, folder in folders.items():
                try:
                    client.select_folder(folder, readonly=True)
                except IMAPClientError as error:
                    return field, _("There is no folder %(folder)s: %(error)s") % {
                        "folder": folder,
                        "error": _server_words(error),
                    }
    except LoginError as error:
        return "password", describe(error).text()
    except CONNECTION_ERRORS as error:
        return "host", describe(error).text()
    return None


def check(mailbox: Mailbox) -> Checked:
    """Take every message that arrived since the last check. One check of a mailbox at a time:
    a second, started meanwhile, returns at once having taken nothing."""
    lock = f"sampark.mail.check:{mailbox.pk}"
    if not cache.add(lock, 1, LOCK_SECONDS):
        return Checked(0, "")
    taken = 0
    try:
        # Where the reading got to as stored now, not as the caller loaded it a while ago.
        mailbox.refresh_from_db()
        own = own_addresses()
        with connected(server_of(mailbox)) as client:
            for folder in mailbox.folders():
                for uid_validity, uid, raw in _new_messages(client, mailbox, folder):
                    take(mailbox, folder, uid_validity, uid, raw, own)
                    taken += 1
    except (*CONNECTION_ERRORS, Unreadable) as error:
        failure = describe(error)
        _record(mailbox, failure)
        return Checked(taken, failure.text())
    except Mailbox.DoesNotExist:
        return Checked(0, "")  # removed meanwhile
    finally:
        cache.delete(lock)
    _record(mailbox, None)
    return Checked(taken, "")


def _new_messages(
    client: IMAPClient, mailbox: Mailbox, folder: Folder
) -> Iterator[tuple[int, int, bytes | None]]:
    selected = client.select_folder(folder.name, readonly=True)
    uid_validity = int(selected[b"UIDVALIDITY"])
    if getattr(mailbox, folder.validity_field) != uid_validity:
        first_sync = getattr(mailbox, folder.validity_field) is None
        # A recreated folder: every UID in it is new. What was taken before is still known by
        # its Message-ID (intake.py), so nothing is made twice.
        start = 0
        if first_sync and not mailbox.take_existing:
            start = int(selected.get(b"UIDNEXT", 1)) - 1
        progress = {folder.validity_field: uid_validity, folder.last_uid_field: start}
        Mailbox.objects.filter(pk=mailbox.pk).update(**progress)
        for name, value in progress.items():
            setattr(mailbox, name, value)
    last = getattr(mailbox, folder.last_uid_field)
    # "n:*" also answers the newest message when its UID is below n (RFC 3501 6.4.8).
    uids = sorted(uid for uid in client.search(["UID", f"{last + 1}:*"]) if uid > last)
    for batch in _batches(uids, BATCH):
        sizes = client.fetch(batch, ["RFC822.SIZE"])
        small = [
            uid for uid in batch if sizes.get(uid, {}).get(b"RFC822.SIZE", 0) <= MAX_MESSAGE_BYTES
        ]
        bodies = client.fetch(small, ["BODY.PEEK[]"]) if small else {}
        for uid in batch:
            body = bodies.get(uid, {}).get(b"BODY[]")
            yield uid_validity, uid, body if isinstance(body, bytes) else None


def _batches(uids: Sequence[int], size: int) -> Iterator[list[int]]:
    for start in range(0, len(uids), size):
        yield list(uids[start : start + size])


def _record(mailbox: Mailbox, error: MailboxError | None) -> None:
    now = timezone.now()
    values: dict[str, object] = {
        "checked_at": now,
        "last_error_code": error.code if error else "",
        "last_error": error.detail if error else "",
    }
    if error is None:
        values["succeeded_at"] = now
    Mailbox.objects.filter(pk=mailbox.pk).update(**values)
    for name, value in values.items():
        setattr(mailbox, name, value)


def describe(error: BaseException) -> MailboxError:
    """What failed, as a code the admin's page words in their language, with the server's or
    the system's own words beside it."""
    if isinstance(error, Unreadable):
        return MailboxError(ErrorCode.PASSWORD_UNREADABLE)
    if isinstance(error, socket.timeout | TimeoutError):
        return MailboxError(ErrorCode.TIMEOUT)
    if isinstance(error, ssl.SSLError):
        return MailboxError(ErrorCode.TLS, str(error))
    if isinstance(error, ConnectionRefusedError):
        return MailboxError(ErrorCode.REFUSED)
    if isinstance(error, socket.gaierror | UnicodeError):
        return MailboxError(ErrorCode.NO_HOST)
    if isinstance(error, OSError):
        return MailboxError(ErrorCode.CONNECTION, str(error))
    if isinstance(error, LoginError):
        return MailboxError(ErrorCode.LOGIN, _server_words(error))
    return MailboxError(ErrorCode.SERVER, _server_words(error))


def _server_words(error: BaseException) -> str:
    first = error.args[0] if error.args else error
    return first.decode("utf-8", "replace") if isinstance(first, bytes) else str(first)
