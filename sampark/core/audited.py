"""Audited writes of configuration rows: pipelines, stages, lost reasons, products, exchange
rates, scoring rules, mailboxes. They belong to no one (they are not ``OwnedRecord``s) and carry
no version, but each change shapes what the records do, so it lands in the audit trail like a
change to a record, with the fields it touched.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.db import models, transaction

from sampark.core import audit
from sampark.core.models import AuditAction, User


def _values(obj: models.Model, fields: Sequence[str]) -> dict[str, Any]:
    return {name: audit.jsonable(getattr(obj, name)) for name in fields}


def create[M: models.Model](
    obj: M, *, by: User | None, fields: Sequence[str], extra: Mapping[str, Any] | None = None
) -> M:
    """Check and insert ``obj``; ``fields`` (attribute names) and ``extra`` are what the audit
    entry records (``extra``: values kept beside the row, such as a product's prices)."""
    obj.full_clean()
    with transaction.atomic():
        obj.save(force_insert=True)
        changes = {
            name: [None, value]
            for name, value in {**_values(obj, fields), **(extra or {})}.items()
            if value not in (None, "", [])
        }
        audit.record(AuditAction.CREATE, obj, by=by, changes=changes)
    return obj


def update(
    obj: models.Model,
    *,
    by: User | None,
    values: Mapping[str, Any],
    fields: Sequence[str],
    extra: Mapping[str, list[Any]] | None = None,
) -> dict[str, list[Any]]:
    """Apply ``values`` to ``obj``, check it and save what changed, with one audit entry that
    also holds ``extra`` changes (``name -> [before, after]``) made beside the row. Returns the
    changes; nothing is written (or audited) when there are none."""
    # Compared with the stored row, not the instance: a valid ModelForm has already set the new
    # values on the instance it was given.
    stored = type(obj)._default_manager.get(pk=obj.pk)
    for name, value in values.items():
        setattr(obj, name, value)
    obj.full_clean()
    # Compared as values (Decimal 130.00 equals 130), recorded in the audit trail's JSON form.
    changes = {
        name: [audit.jsonable(getattr(stored, name)), audit.jsonable(getattr(obj, name))]
        for name in fields
        if getattr(stored, name) != getattr(obj, name)
    }
    changed_columns = list(changes)
    changes.update(extra or {})
    if changes:
        with transaction.atomic():
            if changed_columns:
                obj.save(update_fields=changed_columns)
            audit.record(AuditAction.UPDATE, obj, by=by, changes=changes)
    return changes


def delete(obj: models.Model, *, by: User | None, fields: Sequence[str]) -> None:
    changes = {name: [value, None] for name, value in _values(obj, fields).items()}
    with transaction.atomic():
        audit.record(AuditAction.DELETE, obj, by=by, changes=changes)
        obj.delete()


def reorder[M: models.Model](items: Iterable[M], moved: M, step: int, *, by: User | None) -> bool:
    """Move ``moved`` ``step`` places (-1: up, 1: down) among ``items`` (all its siblings, in
    their order) and number them 0, 1, 2…; whether it moved. Numbering them all mends ties and
    gaps that positions left at their default would otherwise make unmovable."""
    order = list(items)
    index = next(n for n, item in enumerate(order) if item.pk == moved.pk)
    target = index + step
    if not 0 <= target < len(order):
        return False
    order[index], order[target] = order[target], order[index]
    changed = [
        (item, item.position, position)  # type: ignore[attr-defined]
        for position, item in enumerate(order)
        if item.position != position  # type: ignore[attr-defined]
    ]
    with transaction.atomic():
        for item, _before, position in changed:
            item.position = position  # type: ignore[attr-defined]
        type(moved)._default_manager.bulk_update([item for item, *_ in changed], ["position"])
        audit.record_many(
            (
                (AuditAction.UPDATE, item, {"position": [before, after]})
                for item, before, after in changed
            ),
            by=by,
        )
    moved.position = target  # type: ignore[attr-defined]
    return True
