"""What the collab app hears from other domains: a followed record changed."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.db import transaction

from sampark.collab import fanout, targets
from sampark.core.models import User
from sampark.core.records import OwnedRecord


def tell_followers_of_change(
    sender: type[Any], *, record: OwnedRecord, by: User, changes: dict[str, Any], **_: Any
) -> None:
    """Receiver of ``sampark.core.records.record_changed``: followers hear after the commit."""
    if targets.of_model(sender) is None:
        return
    transaction.on_commit(
        partial(
            fanout.record_changed,
            targets.content_type_of(record).pk,
            record.pk,
            by.pk,
            list(changes),
        ),
        robust=True,
    )
