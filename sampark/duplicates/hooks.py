"""Keeping the matching keys in step with contacts and companies, and checking new ones.

``sampark.contacts.actions`` calls every function in its ``WRITE_HOOKS`` inside the transaction
that created or changed a contact or company (as it re-indexes search there); ``written`` is
the one this app puts there (``DuplicatesConfig.ready``). Deleting a record deletes its keys by
cascade. A new record is checked against the others by a background task enqueued once the
transaction commits, so saving a contact never waits for matching.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator, Sequence

from django.db import transaction

from sampark.contacts.models import Company, Contact
from sampark.duplicates import keys
from sampark.duplicates.models import RecordKind

_checks_deferred: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "duplicates_checks_deferred", default=False
)


@contextlib.contextmanager
def checks_deferred() -> Iterator[None]:
    """Create records without a background check each: for an import, which calls
    ``find_candidates_for`` on each batch instead (keys are still kept in step)."""
    token = _checks_deferred.set(True)
    try:
        yield
    finally:
        _checks_deferred.reset(token)


def kind_of(record: Contact | Company) -> str:
    return RecordKind.CONTACT if isinstance(record, Contact) else RecordKind.COMPANY


def written(records: Sequence[Contact] | Sequence[Company], created: bool) -> None:
    if not records:
        return
    kind = kind_of(records[0])
    ids = [record.pk for record in records]
    keys.rebuild(kind, ids)
    if created and not _checks_deferred.get():
        check_later(kind, ids)


def check_later(kind: str, ids: list[int]) -> None:
    """Check these records for duplicates in the background once the transaction commits."""
    from sampark.duplicates.tasks import check_records

    transaction.on_commit(lambda: check_records.enqueue(kind, ids))
