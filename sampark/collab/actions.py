"""Every write of the collab app: comments (audited), follows, and the digest preference.

Notifications are sent after the transaction commits (``sampark.collab.fanout``), so nobody is
told about a comment that was rolled back, and a failure to tell someone never undoes the
comment.
"""

from __future__ import annotations

from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from sampark.collab import fanout, mentions, targets
from sampark.collab.access import may_comment, may_delete, may_edit
from sampark.collab.models import (
    COMMENT_MAX_LENGTH,
    Comment,
    DigestFrequency,
    DigestPreference,
    Follow,
)
from sampark.core import audit
from sampark.core.models import AuditAction, User
from sampark.core.records import OwnedRecord, StaleVersion, delete_versioned
from sampark.lib.locale_format import format_number


def clean_body(body: str) -> str:
    """The comment as it is stored: line endings made uniform, outer blank space removed."""
    text = (body or "").replace("\r\n", "\n").strip()
    if not text:
        raise ValidationError({"body": _("Write something first.")}, code="required")
    if len(text) > COMMENT_MAX_LENGTH:
        raise ValidationError(
            {
                "body": _("Keep it to %(limit)s characters; this has %(length)s.")
                % {"limit": format_number(COMMENT_MAX_LENGTH), "length": format_number(len(text))}
            },
            code="max_length",
        )
    return text


def _usernames(users: list[User]) -> list[str]:
    return [user.username for user in users]


def _tell_mentioned(
    comment: Comment, record: OwnedRecord, by: User, mentioned: list[User], *, new: bool
) -> None:
    """Mentioned people who may see the record follow it and are told; the others are not
    told anything, so a mention cannot reveal a record to someone outside its reach."""
    seeing = [user for user in mentioned if user.pk != by.pk and may_comment(user, record)]
    for user in seeing:
        _follow(user, record)
    transaction.on_commit(
        partial(fanout.comment_written, comment.pk, [user.pk for user in seeing], new=new),
        robust=True,
    )


def add_comment(record: OwnedRecord, *, by: User, body: str) -> Comment:
    """Comment on a record ``by`` may see; they then follow it, as do the people mentioned."""
    if not may_comment(by, record):
        raise PermissionDenied(_("You may not see this record."))
    text = clean_body(body)
    mentioned = mentions.resolve(text)
    with transaction.atomic():
        comment = Comment.objects.create(
            content_type=targets.content_type_of(record),
            object_id=record.pk,
            author=by,
            body=text,
        )
        comment.mentions.set(mentioned)
        audit.record(
            AuditAction.CREATE,
            comment,
            by=by,
            changes={
                "target": [None, targets.key(record)],
                "body": [None, text],
                **({"mentions": [None, _usernames(mentioned)]} if mentioned else {}),
            },
        )
        _follow(by, record)
        _tell_mentioned(comment, record, by, mentioned, new=True)
    return comment


def edit_comment(
    comment: Comment, *, by: User, body: str, expected_version: int | None = None
) -> Comment:
    """Change one's own comment. Followers are not told again; people newly mentioned are."""
    record = targets.load(comment.content_type_id, comment.object_id)
    if record is None or not may_comment(by, record) or not may_edit(by, comment):
        raise PermissionDenied(_("Only its author may change this comment."))
    text = clean_body(body)
    base_version = comment.version if expected_version is None else expected_version
    with transaction.atomic():
        stored = Comment.objects.select_for_update().filter(pk=comment.pk).first()
        if stored is None or stored.version != base_version:
            raise StaleVersion(stored.version if stored else 0)
        if text == stored.body:
            return comment
        before = list(comment.mentions.all())
        mentioned = mentions.resolve(text)
        now = timezone.now()
        Comment.objects.filter(pk=comment.pk).update(
            body=text, edited_at=now, version=F("version") + 1
        )
        comment.body, comment.edited_at, comment.version = text, now, base_version + 1
        comment.mentions.set(mentioned)
        changes: dict[str, list[object]] = {"body": [stored.body, text]}
        if _usernames(before) != _usernames(mentioned):
            changes["mentions"] = [_usernames(before), _usernames(mentioned)]
        audit.record(AuditAction.UPDATE, comment, by=by, changes=changes)
        already = {user.pk for user in before}
        _tell_mentioned(
            comment, record, by, [u for u in mentioned if u.pk not in already], new=False
        )
    return comment


def delete_comment(comment: Comment, *, by: User, expected_version: int | None = None) -> None:
    """Delete a comment: its author may, and an admin may delete anyone's."""
    if not may_delete(by, comment):
        raise PermissionDenied(_("Only its author, or an admin, may delete this comment."))
    delete_versioned(
        comment,
        by=by,
        expected_version=expected_version,
        changes={"body": [comment.body, None], "author": [comment.author_id, None]},
    )


def _follow(user: User, record: OwnedRecord) -> bool:
    content_type = targets.content_type_of(record)
    try:
        with transaction.atomic():
            _follow_row, created = Follow.objects.get_or_create(
                user=user, content_type=content_type, object_id=record.pk
            )
    except IntegrityError:
        return False  # a simultaneous request made the same follow: it exists either way
    return created


def follow(user: User, record: OwnedRecord) -> bool:
    """``user`` hears about comments on and changes to ``record``; True if they did not yet."""
    if not may_comment(user, record):
        raise PermissionDenied(_("You may not see this record."))
    return _follow(user, record)


def unfollow(user: User, record: OwnedRecord) -> bool:
    """Stop following; True if they were following."""
    deleted, _counts = Follow.objects.filter(
        user=user, content_type=targets.content_type_of(record), object_id=record.pk
    ).delete()
    return bool(deleted)


def set_digest_frequency(user: User, frequency: str) -> DigestPreference:
    if frequency not in DigestFrequency.values:
        raise ValidationError({"frequency": _("Choose never, hourly or daily.")})
    preference, _created = DigestPreference.objects.update_or_create(
        user=user, defaults={"frequency": frequency}
    )
    return preference
