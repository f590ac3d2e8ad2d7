"""Which records can carry comments and followers, and how they are named in URLs and links.

A target is written ``kind:id`` (``contact:12``) in the API and ``/collab/<kind>/<id>/`` in the
web UI. Contacts and companies are registered by ``CollabConfig.ready``; another domain makes its
records commentable by registering them in its own ``AppConfig.ready``::

    targets.register("deal", Deal, url_name="sales:deal_detail", label=lambda deal: deal.title)

Nothing else changes: comments and follows point at any model through its content type.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db.models.signals import post_delete
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from sampark.collab.models import Comment, Follow
from sampark.core.models import User
from sampark.core.records import OwnedRecord, access_record


@dataclass(frozen=True)
class TargetType:
    kind: str
    model: type[OwnedRecord]
    url_name: str  # the record's page, reversed with its primary key
    label: Callable[[Any], str]


_BY_KIND: dict[str, TargetType] = {}


def register(
    kind: str, model: type[OwnedRecord], *, url_name: str, label: Callable[[Any], str] = str
) -> None:
    _BY_KIND[kind] = TargetType(kind, model, url_name, label)
    post_delete.connect(_forget, sender=model, dispatch_uid=f"collab.forget.{kind}")


def _forget(sender: type[Any], *, instance: OwnedRecord, **_: Any) -> None:
    """A deleted record's comments and follows go with it: a generic relation has no database
    cascade."""
    content_type = content_type_of(instance)
    Comment.objects.filter(content_type=content_type, object_id=instance.pk).delete()
    Follow.objects.filter(content_type=content_type, object_id=instance.pk).delete()


def kinds() -> list[str]:
    return sorted(_BY_KIND)


def by_kind(kind: str) -> TargetType | None:
    return _BY_KIND.get(kind)


def of(record: OwnedRecord) -> TargetType:
    for target_type in _BY_KIND.values():
        if isinstance(record, target_type.model):
            return target_type
    raise LookupError(f"{type(record).__name__} is not registered as a comment target.")


def of_model(model: type[Any]) -> TargetType | None:
    return next((t for t in _BY_KIND.values() if issubclass(model, t.model)), None)


def key(record: OwnedRecord) -> str:
    """``contact:12``: how the API names a target."""
    return f"{of(record).kind}:{record.pk}"


def label(record: OwnedRecord) -> str:
    return of(record).label(record)


def record_url(record: OwnedRecord) -> str:
    return reverse(of(record).url_name, args=[record.pk])


def comments_url(record: OwnedRecord) -> str:
    """The record's page, scrolled to its comments."""
    return f"{record_url(record)}#comments"


def parse(text: str) -> tuple[TargetType, int]:
    """``contact:12`` → (the contact type, 12); a ``ValidationError`` on ``target`` otherwise."""
    kind, _colon, pk = text.partition(":")
    target_type = by_kind(kind.strip())
    if target_type is None:
        raise ValidationError(
            {
                "target": _("Unknown kind of record; use one of: %(kinds)s.")
                % {"kinds": ", ".join(kinds())}
            }
        )
    if not pk.strip().isdigit():
        raise ValidationError(
            {
                "target": _("Name the record as kind:id, such as %(example)s.")
                % {"example": f"{kind}:12"}
            }
        )
    return target_type, int(pk)


def access_target(user: User, kind: str, pk: object) -> OwnedRecord:
    """The record ``user`` may see, or 404: an unknown kind looks like an unknown record."""
    target_type = by_kind(kind)
    if target_type is None:
        raise Http404(_("No such record, or you may not see it."))
    return access_record(user, target_type.model, pk)


def content_type_of(record: OwnedRecord) -> ContentType:
    return ContentType.objects.get_for_model(record)


def load(content_type_id: int, object_id: int) -> OwnedRecord | None:
    """The record a comment or follow points at, if it still exists and is a registered kind."""
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    target_type = of_model(model) if model is not None else None
    if target_type is None:
        return None
    return target_type.model._default_manager.filter(pk=object_id).first()
