"""The one way any domain tells a user something: ``notify``."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone, translation

from sampark.collab.models import Notification, NotificationKind
from sampark.core.models import User


def notify(
    recipient: User, *, kind: NotificationKind, message: object, url: str = ""
) -> Notification | None:
    """Store a notification for ``recipient``; inactive users are not told anything.

    Pass ``message`` lazily (``gettext_lazy``, or ``format_lazy`` when it carries values): it is
    rendered in the recipient's own language, since they read it, not whoever caused it.
    """
    if not recipient.is_active:
        return None
    with translation.override(recipient.language or None):
        text = str(message)
    return Notification.objects.create(
        recipient=recipient, kind=kind, message=text[:500], url=url[:500]
    )


def notify_after_commit(
    recipient: User, *, kind: NotificationKind, message: object, url: str = ""
) -> None:
    """``notify`` once the current transaction commits: a change rolled back tells no one."""
    transaction.on_commit(lambda: notify(recipient, kind=kind, message=message, url=url))


def mark_read(recipient: User, ids: list[int] | None = None) -> int:
    """Mark some (or all) of a user's unread notifications as read; returns how many."""
    query = Notification.objects.for_user(recipient).unread()
    if ids is not None:
        query = query.filter(pk__in=ids)
    return query.update(read_at=timezone.now())
