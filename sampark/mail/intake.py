"""Taking one message from a mailbox: exactly once, whatever it turns out to be.

Each message is taken in one transaction that records it in the ledger (``InboundMail``), lets
its purpose's handler make what it becomes, and moves the folder's last UID past it. So a
sync cut off at any point resumes after the last message it finished, and never makes a record
twice. A message a handler cannot take (an unusable sender address, say) is recorded as
unreadable with the reason and passed over, rather than holding up every message behind it.
"""

from __future__ import annotations

import logging
from collections.abc import Collection

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F

from sampark.mail.automatic import why_automatic
from sampark.mail.handlers import Taken, handler_for
from sampark.mail.models import Folder, InboundMail, Mailbox, Outcome, Purpose
from sampark.mail.parse import ParsedMail, parse

logger = logging.getLogger("sampark.mail")


def own_addresses() -> frozenset[str]:
    """The addresses of every mailbox Sampark reads: mail from them is its own."""
    return frozenset(
        address.lower() for address in Mailbox.objects.values_list("address", flat=True)
    )


def take(
    mailbox: Mailbox,
    folder: Folder,
    uid_validity: int,
    uid: int,
    raw: bytes | None,
    own: Collection[str],
) -> InboundMail:
    """File the message at ``uid`` of ``folder`` (``raw`` None: too large to fetch) and make
    what it becomes."""
    mail = parse(raw) if raw is not None else None
    taken: Taken | None = None
    if mailbox.purpose == Purpose.PERSONAL:
        # What the owner sent (read from their Sent folder) is half of their conversations.
        own = frozenset(own) - {mailbox.address.lower()}
    with transaction.atomic():
        entry = _entry(mailbox, folder, uid_validity, uid, mail)
        if mail is None:
            entry.outcome = Outcome.TOO_LARGE
        elif ignored := why_automatic(mail, own):
            entry.outcome, entry.detail = ignored
        elif excluded := mailbox.excludes(mail):
            entry.outcome, entry.detail = Outcome.EXCLUDED, excluded[:300]
        elif InboundMail.objects.filter(
            message_key=mail.key, mailbox__purpose=mailbox.purpose
        ).exists():
            entry.outcome = Outcome.DUPLICATE
        else:
            taken = _handle(entry, mail, mailbox)
        entry.save(force_insert=True)
        if taken is not None and taken.then is not None:
            taken.then()
        Mailbox.objects.filter(pk=mailbox.pk).update(
            **{folder.last_uid_field: uid}, taken=F("taken") + int(entry.outcome in _MADE)
        )
    setattr(mailbox, folder.last_uid_field, uid)
    return entry


_MADE = frozenset({Outcome.CREATED, Outcome.ADDED})


def _entry(
    mailbox: Mailbox, folder: Folder, uid_validity: int, uid: int, mail: ParsedMail | None
) -> InboundMail:
    entry = InboundMail(mailbox=mailbox, folder=folder.name, uid_validity=uid_validity, uid=uid)
    if mail is not None:
        entry.message_key = mail.key
        entry.sent_at = mail.sent_at
        entry.from_address = mail.from_address[:254]
        entry.from_name = mail.from_name[:200]
        entry.subject = mail.subject
    else:
        entry.message_key = f"uid:{mailbox.pk}:{folder.name}:{uid_validity}:{uid}"
    return entry


def _handle(entry: InboundMail, mail: ParsedMail, mailbox: Mailbox) -> Taken | None:
    try:
        # A savepoint: what a failing handler half-wrote goes, the ledger's row stays.
        with transaction.atomic():
            taken = handler_for(mailbox.purpose)(mail, mailbox)
    except ValidationError as error:
        entry.outcome = Outcome.UNREADABLE
        entry.detail = "; ".join(error.messages)[:300]
        return None
    except Exception as error:
        logger.exception("Mailbox %s: message %s could not be taken", mailbox.pk, entry.uid)
        entry.outcome = Outcome.UNREADABLE
        entry.detail = f"{type(error).__name__}: {error}"[:300]
        return None
    entry.outcome = taken.outcome
    if taken.record is not None:
        entry.record_type = ContentType.objects.get_for_model(taken.record)
        entry.record_id = taken.record.pk
    return taken
