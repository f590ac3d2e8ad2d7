"""The one write of exports: noting that someone exported, in the log and the audit trail."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction

from sampark.core import audit
from sampark.core.models import AuditAction, User
from sampark.exports.models import Export


def record_export(
    *,
    by: User,
    kind: str,
    file_format: str,
    rows: int,
    query: str = "",
    saved_view: int | None = None,
    columns: Sequence[str] = (),
    record: int | None = None,
) -> Export:
    """Written before the file is: an export that fails half way has still shown what it
    showed, and one that was never asked for leaves nothing."""
    export = Export(
        kind=kind,
        file_format=file_format,
        by=by,
        query=query,
        saved_view=saved_view,
        columns=list(columns),
        rows=rows,
        record=record,
    )
    with transaction.atomic():
        export.save(force_insert=True)
        values = {
            "kind": kind,
            "file_format": file_format,
            "query": query,
            "saved_view": saved_view,
            "columns": list(columns),
            "rows": rows,
            "record": record,
        }
        changes = {
            name: [None, value] for name, value in values.items() if value not in (None, "", [])
        }
        audit.record(AuditAction.CREATE, export, by=by, changes=changes)
    return export
