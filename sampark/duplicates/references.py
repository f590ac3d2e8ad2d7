"""What points at a contact or a company, so that a merge can move it all to the winner.

Every kind of row that refers to a contact or company is registered here: by foreign key
(``register(Activity, "contact")``) or, for rows that point at any record through a content type
and an id, generically (``register_generic(Comment, target=Contact)``). The contacts, agenda and
collab relations are registered by ``DuplicatesConfig.ready``; deals and tickets register theirs
from their own ``AppConfig.ready`` the same way. A relation that is not registered is deleted
with the merged record by its foreign key's cascade, so registering is what keeps it.

Rows that may exist once per record (a follow per user, a link per company, a transaction per
external ID) are checked before they move: if the winner already has such a row the loser's
is dropped (``Clash.DROP``, the winner's stays) or moved with ``clear_field`` emptied
(``Clash.CLEAR``: a transaction whose external ID the winner already uses keeps its data and
loses the ID). Either way the merge keeps what undoing it needs.
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models


class Clash(enum.Enum):
    DROP = "drop"
    CLEAR = "clear"


@dataclass(frozen=True)
class Reference:
    model: type[models.Model]
    field: str  # the foreign key's attname, or the object-id field of a generic relation
    target: type[models.Model]
    type_field: str = ""  # the content-type field of a generic relation
    unique_with: tuple[str, ...] = ()
    clash: Clash = Clash.DROP
    clear_field: str = ""
    reset: Mapping[str, Any] = dataclasses.field(default_factory=dict)

    @property
    def name(self) -> str:
        """``contacts.activity.contact_id``: how a merge's undo record names it."""
        return f"{self.model._meta.label_lower}.{self.field}"

    @property
    def label(self) -> str:
        return str(self.model._meta.verbose_name_plural)

    def rows(self, ids: list[int]) -> models.QuerySet[Any]:
        rows = self.model._default_manager.filter(**{f"{self.field}__in": ids})
        if self.type_field:
            rows = rows.filter(**{self.type_field: ContentType.objects.get_for_model(self.target)})
        return rows


_REGISTRY: dict[str, Reference] = {}


def register(
    model: type[models.Model],
    field_name: str,
    *,
    unique_with: tuple[str, ...] = (),
    clash: Clash = Clash.DROP,
    clear_field: str = "",
    reset: Mapping[str, Any] | None = None,
) -> None:
    """Rows of ``model`` whose foreign key ``field_name`` points at a contact or company."""
    key = model._meta.get_field(field_name)
    assert isinstance(key, models.ForeignKey)
    target = key.related_model
    assert isinstance(target, type)
    _add(
        Reference(
            model, key.attname, target, "", unique_with, clash, clear_field, dict(reset or {})
        )
    )


def register_generic(
    model: type[models.Model],
    *,
    target: type[models.Model],
    type_field: str = "content_type",
    id_field: str = "object_id",
    unique_with: tuple[str, ...] = (),
) -> None:
    """Rows of ``model`` pointing at any record by content type and id, for ``target``'s."""
    _add(Reference(model, id_field, target, type_field, unique_with))


def _add(reference: Reference) -> None:
    _REGISTRY[f"{reference.target._meta.label_lower}:{reference.name}"] = reference


def of(target: type[models.Model]) -> list[Reference]:
    return [r for r in _REGISTRY.values() if r.target is target]


def named(target: type[models.Model], name: str) -> Reference | None:
    return _REGISTRY.get(f"{target._meta.label_lower}:{name}")
