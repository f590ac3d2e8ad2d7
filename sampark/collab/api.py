"""Comments, follows and one's own notifications over the REST API.

A record is named ``kind:id`` wherever it is the target (``contact:12``, ``company:3``; other
domains add their kinds), so the same operations serve every kind of record:

- ``GET/POST /comments?target=contact:12`` — the record's comments, oldest first (keyset
  pages), and a new one (``{"target": "contact:12", "body": "…"}``);
- ``GET/PATCH/DELETE /comments/{id}`` — PATCH and DELETE need ``If-Match`` (or, for PATCH, a
  ``version`` field); only the author may edit, the author or an admin may delete;
- ``GET/PUT/DELETE /follows/{target}`` — whether you follow the record; follow it; stop;
- ``GET /notifications`` (``unread=true`` for the unread only; newest first, keyset pages) and
  ``POST /notifications/read`` with ``{"ids": […]}`` or ``{"all": true}``.

A record you may not see is a 404, as is a comment on it; an unknown kind is a 422 on
``target``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import ConfigDict

from sampark.collab import actions, targets
from sampark.collab.access import access_comment
from sampark.collab.models import Comment, Follow, Notification, NotificationKind
from sampark.collab.notifications import mark_read
from sampark.core.api.auth import current_user
from sampark.core.api.errors import documented
from sampark.core.api.pagination import KeysetPagination
from sampark.core.api.versions import etag, expected_version
from sampark.core.records import OwnedRecord
from sampark.core.roles import Action

router = Router(tags=["collaboration"])

TARGET = "The record, as kind:id, such as contact:12 or company:3."


class CommentOut(Schema):
    id: int
    target: str = Field(description=TARGET)
    author: int = Field(description="The author's user id.")
    author_username: str
    body: str = Field(description="Plain text, as written.")
    mentions: list[str] = Field(description="The usernames the body mentions.")
    created_at: datetime
    edited_at: datetime | None
    version: int = Field(description="Send back as If-Match to change or delete the comment.")

    @staticmethod
    def resolve_target(comment: Comment) -> str:
        model = ContentType.objects.get_for_id(comment.content_type_id).model_class()
        target_type = targets.of_model(model) if model else None
        kind = target_type.kind if target_type else "unknown"
        return f"{kind}:{comment.object_id}"

    @staticmethod
    def resolve_author(comment: Comment) -> int:
        return comment.author_id

    @staticmethod
    def resolve_author_username(comment: Comment) -> str:
        return comment.author.username

    @staticmethod
    def resolve_mentions(comment: Comment) -> list[str]:
        return [user.username for user in comment.mentions.all()]


class CommentIn(Schema):
    model_config = ConfigDict(extra="forbid")

    target: str = Field(description=TARGET)
    body: str = Field(description="Plain text; @username mentions a colleague.")


class CommentChange(Schema):
    model_config = ConfigDict(extra="forbid")

    body: str
    version: int | None = Field(None, description="The version you read, if not in If-Match.")


class FollowOut(Schema):
    target: str = Field(description=TARGET)
    following: bool


class NotificationOut(Schema):
    id: int
    kind: str = Field(description=f"One of {', '.join(NotificationKind.values)}.")
    message: str = Field(description="Written in your language when it happened.")
    url: str = Field(description="Where it points in the web UI, if anywhere.")
    created_at: datetime
    read_at: datetime | None


class ReadIn(Schema):
    model_config = ConfigDict(extra="forbid")

    ids: list[int] | None = Field(None, description="Mark these as read.")
    all: bool = Field(False, description="Mark all your unread notifications as read.")


class ReadOut(Schema):
    marked: int = Field(description="How many unread notifications are now read.")


def _target(request: HttpRequest, target: str) -> OwnedRecord:
    target_type, pk = targets.parse(target)
    return targets.access_target(current_user(request), target_type.kind, pk)


def _comments() -> QuerySet[Comment]:
    return Comment.objects.select_related("author").prefetch_related("mentions")


def _with_etag(response: HttpResponse, comment: Comment) -> Comment:
    response["ETag"] = etag(comment.version)
    return comment


@router.get("/comments", response={200: list[CommentOut], **documented(401, 404, 422)})
@paginate(KeysetPagination)
def list_comments(
    request: HttpRequest, target: str = Query(..., description=TARGET)
) -> QuerySet[Comment]:
    """The record's comments, oldest first."""
    record = _target(request, target)
    return _comments().filter(pk__in=Comment.objects.on(record).values("pk"))


@router.post("/comments", response={201: CommentOut, **documented(401, 403, 404, 422)})
def create_comment(
    request: HttpRequest, payload: CommentIn, response: HttpResponse
) -> Status[Comment]:
    """Comment on a record you can see; people it mentions who can see it are told."""
    record = _target(request, payload.target)
    comment = actions.add_comment(record, by=current_user(request), body=payload.body)
    response["Location"] = f"{request.path.rstrip('/')}/{comment.pk}"
    return Status(201, _with_etag(response, _comments().get(pk=comment.pk)))


@router.get("/comments/{int:comment_id}", response={200: CommentOut, **documented(401, 404)})
def get_comment(request: HttpRequest, comment_id: int, response: HttpResponse) -> Comment:
    comment, _record = access_comment(current_user(request), comment_id)
    return _with_etag(response, comment)


@router.patch(
    "/comments/{int:comment_id}",
    response={200: CommentOut, **documented(401, 403, 404, 409, 422, 428)},
)
def change_comment(
    request: HttpRequest, comment_id: int, payload: CommentChange, response: HttpResponse
) -> Comment:
    """Change your own comment; needs If-Match (or version) with the version you read."""
    user = current_user(request)
    comment, _record = access_comment(user, comment_id, Action.CHANGE)
    version = expected_version(request, payload.version)
    actions.edit_comment(comment, by=user, body=payload.body, expected_version=version)
    return _with_etag(response, _comments().get(pk=comment.pk))


@router.delete(
    "/comments/{int:comment_id}",
    response={204: None, **documented(401, 403, 404, 409, 422, 428)},
)
def delete_comment(request: HttpRequest, comment_id: int) -> Status[None]:
    """Delete your comment (an admin may delete any); needs If-Match."""
    user = current_user(request)
    comment, _record = access_comment(user, comment_id, Action.DELETE)
    actions.delete_comment(comment, by=user, expected_version=expected_version(request))
    return Status(204, None)


@router.get("/follows/{target}", response={200: FollowOut, **documented(401, 404, 422)})
def get_follow(request: HttpRequest, target: str) -> dict[str, Any]:
    record = _target(request, target)
    following = Follow.objects.on(record).filter(user=current_user(request)).exists()
    return {"target": targets.key(record), "following": following}


@router.put(
    "/follows/{target}", response={200: FollowOut, 201: FollowOut, **documented(401, 404, 422)}
)
def put_follow(request: HttpRequest, target: str) -> Status[dict[str, Any]]:
    """Follow the record: 201 if you did not yet, 200 if you already did."""
    record = _target(request, target)
    created = actions.follow(current_user(request), record)
    return Status(201 if created else 200, {"target": targets.key(record), "following": True})


@router.delete("/follows/{target}", response={204: None, **documented(401, 404, 422)})
def delete_follow(request: HttpRequest, target: str) -> Status[None]:
    """Stop following the record (204 whether or not you did)."""
    record = _target(request, target)
    actions.unfollow(current_user(request), record)
    return Status(204, None)


@router.get("/notifications", response={200: list[NotificationOut], **documented(401, 422)})
@paginate(KeysetPagination)
def list_notifications(
    request: HttpRequest, unread: bool = Query(False, description="Only the unread ones.")
) -> QuerySet[Notification]:
    """Your notifications, newest first. Nobody else's are ever listed."""
    mine = Notification.objects.for_user(current_user(request))
    return mine.unread() if unread else mine


@router.post("/notifications/read", response={200: ReadOut, **documented(401, 403, 422)})
def read_notifications(request: HttpRequest, payload: ReadIn) -> dict[str, int]:
    """Mark some (``ids``) or all (``all: true``) of your notifications as read."""
    if payload.all == (payload.ids is not None):
        raise ValidationError({"ids": _("Send either ids or all: true.")})
    ids = None if payload.all else payload.ids
    return {"marked": mark_read(current_user(request), ids)}
