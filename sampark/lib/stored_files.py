"""Files stored for a record go when the record goes."""

from __future__ import annotations

from typing import Any

from django.db import models, transaction
from django.db.models.signals import post_delete


def delete_files_with(model: type[models.Model], field: str = "file") -> None:
    """Remove the file in ``model``'s ``field`` once a deletion of one of its rows (also by
    cascade) is committed; a deletion rolled back keeps the file its row still names."""

    def delete_file(sender: type[models.Model], instance: models.Model, **_: Any) -> None:
        stored = getattr(instance, field)
        name, storage = stored.name, stored.storage
        if name:
            transaction.on_commit(lambda: storage.delete(name))

    post_delete.connect(
        delete_file,
        sender=model,
        weak=False,
        dispatch_uid=f"stored_files.{model._meta.label}.{field}",
    )
