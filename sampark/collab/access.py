"""Who may do what with comments, decided by the record a comment is on.

Whoever may see a record may read its comments and add one; the author may edit and delete
their comment, and an admin may delete any. A comment on a record the user may not see is
reported as missing (404), like the record itself.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from sampark.collab import targets
from sampark.collab.models import Comment
from sampark.core.models import User
from sampark.core.records import OwnedRecord, can
from sampark.core.roles import Action, Role, role_of


def may_comment(user: User, record: OwnedRecord) -> bool:
    return can(user, Action.VIEW, record)


def may_edit(user: User, comment: Comment) -> bool:
    return comment.author_id == user.pk


def may_delete(user: User, comment: Comment) -> bool:
    return comment.author_id == user.pk or role_of(user) is Role.ADMIN


def access_comment(
    user: User, pk: int | str, action: Action = Action.VIEW
) -> tuple[Comment, OwnedRecord]:
    """The comment and its record, for ``action`` (VIEW, CHANGE or DELETE), or 404 / 403."""
    try:
        comment = Comment.objects.select_related("author").prefetch_related("mentions").get(pk=pk)
    except (Comment.DoesNotExist, ValueError, TypeError):
        raise Http404(_("No such comment, or you may not see it.")) from None
    record = targets.load(comment.content_type_id, comment.object_id)
    if record is None or not may_comment(user, record):
        raise Http404(_("No such comment, or you may not see it."))
    if action is Action.CHANGE and not may_edit(user, comment):
        raise PermissionDenied(_("Only its author may change this comment."))
    if action is Action.DELETE and not may_delete(user, comment):
        raise PermissionDenied(_("Only its author, or an admin, may delete this comment."))
    if action is Action.ADD:
        raise ValueError("Comments are added to a record: use may_comment(user, record).")
    return comment, record
