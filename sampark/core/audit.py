"""The tamper-evident audit trail: who changed what, when, through which path.

Entries form a hash chain: each entry's hash covers its own content and the previous entry's
hash, and ``AuditHead`` holds the newest hash. ``verify`` recomputes the chain, so an entry that
was edited, removed or inserted out of band is found (and where).
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime
import decimal
import hashlib
import json
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import connection, models, transaction

from sampark.core import bulk
from sampark.core.models import AuditAction, AuditEntry, AuditHead, Channel

if TYPE_CHECKING:
    from sampark.core.models import User

GENESIS = "0" * 64
_channel: contextvars.ContextVar[Channel] = contextvars.ContextVar(
    "audit_channel", default=Channel.SYSTEM
)
# Any 64-bit number unique to this lock: it serialises appends to the chain on PostgreSQL.
_PG_CHAIN_LOCK = 0x53414D50


@contextlib.contextmanager
def via(channel: Channel) -> Iterator[None]:
    """Attribute every change made inside the block to ``channel``."""
    token = _channel.set(channel)
    try:
        yield
    finally:
        _channel.reset(token)


def current_channel() -> Channel:
    return _channel.get()


def jsonable(value: Any) -> Any:
    """A JSON-safe form of a field value, stable across databases."""
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    return value


def _digest(entry: AuditEntry) -> str:
    payload = {
        "seq": entry.seq,
        "at": entry.at.isoformat(),
        "actor": entry.actor_id,
        "actor_name": entry.actor_name,
        "channel": entry.channel,
        "action": entry.action,
        "model": entry.model_label,
        "object_id": entry.object_id,
        "object_repr": entry.object_repr,
        "changes": entry.changes,
        "prev": entry.prev_hash,
    }
    canonical = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def record(
    action: AuditAction, obj: models.Model, *, by: User | None, changes: dict[str, Any]
) -> AuditEntry:
    """Append one entry; must run inside the transaction that made the change."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_PG_CHAIN_LOCK])
        # SQLite needs no lock: its transactions are IMMEDIATE, so writers are already serialised.
        head, _created = AuditHead.objects.get_or_create(id=1, defaults={"hash": GENESIS})
        entry = AuditEntry(
            seq=head.seq + 1,
            actor=by,
            actor_name=by.get_username() if by else "",
            channel=current_channel(),
            action=action,
            model_label=obj._meta.label_lower,
            object_id=str(obj.pk),
            object_repr=str(obj)[:200],
            changes=jsonable(changes),
            prev_hash=head.hash,
        )
        entry.hash = _digest(entry)
        entry.save(force_insert=True)
        AuditHead.objects.filter(id=1).update(seq=entry.seq, hash=entry.hash)
    return entry


def record_many(
    changes: Iterable[tuple[AuditAction, models.Model, dict[str, Any]]], *, by: User | None
) -> None:
    """Append an entry per (action, record, changes), in order, as ``record`` would one by one:
    for bulk writes (imports), with one lock, one read of the chain's head and one insert."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_PG_CHAIN_LOCK])
        head, _created = AuditHead.objects.get_or_create(id=1, defaults={"hash": GENESIS})
        seq, previous = head.seq, head.hash
        entries = []
        channel = current_channel()
        actor_name = by.get_username() if by else ""
        for action, obj, diff in changes:
            seq += 1
            entry = AuditEntry(
                seq=seq,
                actor=by,
                actor_name=actor_name,
                channel=channel,
                action=action,
                model_label=obj._meta.label_lower,
                object_id=str(obj.pk),
                object_repr=str(obj)[:200],
                changes=jsonable(diff),
                prev_hash=previous,
            )
            entry.hash = previous = _digest(entry)
            entries.append(entry)
        if entries:
            bulk.insert(entries)
            AuditHead.objects.filter(id=1).update(seq=seq, hash=previous)


@dataclass(frozen=True)
class Problem:
    seq: int | None
    message: str


def verify(batch_size: int = 2000) -> list[Problem]:
    """Walk the whole chain in order; an empty list means it is intact."""
    problems: list[Problem] = []
    expected_prev, expected_seq = GENESIS, 1
    entries = AuditEntry.objects.order_by("seq").iterator(chunk_size=batch_size)
    for entry in entries:
        if entry.seq != expected_seq:
            problems.append(
                Problem(entry.seq, f"entries {expected_seq} to {entry.seq - 1} are missing")
            )
        if entry.prev_hash != expected_prev:
            problems.append(Problem(entry.seq, "does not follow the entry before it"))
        if _digest(entry) != entry.hash:
            problems.append(Problem(entry.seq, "was altered after it was written"))
        expected_prev, expected_seq = entry.hash, entry.seq + 1
    head = AuditHead.objects.filter(id=1).first()
    head_seq, head_hash = (head.seq, head.hash) if head else (0, GENESIS)
    if (head_seq, head_hash) != (expected_seq - 1, expected_prev):
        problems.append(
            Problem(head_seq, "the newest entries were removed or the head was altered")
        )
    return problems


def head() -> tuple[int, str]:
    """The newest sequence number and hash: record it elsewhere to anchor the chain."""
    row = AuditHead.objects.filter(id=1).first()
    return (row.seq, row.hash) if row else (0, GENESIS)
