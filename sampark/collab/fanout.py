"""Who is told about a comment or a change, run after the write has committed.

Functions here take ids, read the current state, and ask the permission layer again for every
recipient: someone who followed a record and has since lost sight of it (moved to another team,
say) is not told anything about it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.text import Truncator, format_lazy
from django.utils.translation import gettext_lazy as _

from sampark.collab import targets
from sampark.collab.access import may_comment
from sampark.collab.models import Comment, Follow, NotificationKind
from sampark.collab.notifications import notify
from sampark.core.models import User
from sampark.core.records import OwnedRecord

EXCERPT_LENGTH = 140


def followers(record: OwnedRecord, *, exclude: Iterable[int] = ()) -> Iterator[User]:
    """The active followers of ``record`` who may still see it."""
    following = Follow.objects.on(record).values("user_id")
    for user in User.objects.filter(pk__in=following, is_active=True).exclude(pk__in=exclude):
        if may_comment(user, record):
            yield user


def comment_written(comment_id: int, mentioned_ids: list[int], *, new: bool) -> None:
    """Tell the people a comment mentions and, for a new comment, the record's followers."""
    comment = Comment.objects.select_related("author").filter(pk=comment_id).first()
    if comment is None:
        return
    record = targets.load(comment.content_type_id, comment.object_id)
    if record is None:
        return
    values = {
        "person": str(comment.author),
        "record": targets.label(record),
        "text": Truncator(comment.body.replace("\n", " ")).chars(EXCERPT_LENGTH),
    }
    url = f"{targets.record_url(record)}#comment-{comment.pk}"
    for user in User.objects.filter(pk__in=mentioned_ids, is_active=True):
        message = format_lazy(_("{person} mentioned you on {record}: {text}"), **values)
        notify(user, kind=NotificationKind.MENTION, message=message, url=url)
    if not new:
        return
    for user in followers(record, exclude=[comment.author_id, *mentioned_ids]):
        message = format_lazy(_("{person} commented on {record}: {text}"), **values)
        notify(user, kind=NotificationKind.COMMENT, message=message, url=url)


class _FieldNames:
    """The changed fields' names, put into words only when the message is rendered, so each
    follower reads them in their own language."""

    def __init__(self, model: type[models.Model], names: Iterable[str]) -> None:
        self.model, self.names = model, list(names)

    def _name(self, name: str) -> str:
        try:
            field: Any = self.model._meta.get_field(name)
        except FieldDoesNotExist:  # a name that is no longer a field: say it as it is
            return name
        return str(getattr(field, "verbose_name", name))

    def __str__(self) -> str:
        return ", ".join(self._name(name) for name in self.names)


def record_changed(content_type_id: int, object_id: int, by_id: int, fields: list[str]) -> None:
    """Tell the record's followers, except whoever changed it, what changed."""
    record = targets.load(content_type_id, object_id)
    by = User.objects.filter(pk=by_id).first()
    if record is None or by is None:
        return
    message = format_lazy(
        _("{person} changed {record}: {fields}"),
        person=str(by),
        record=targets.label(record),
        fields=_FieldNames(type(record), fields),
    )
    for user in followers(record, exclude=[by_id]):
        notify(
            user, kind=NotificationKind.FOLLOWED, message=message, url=targets.record_url(record)
        )
