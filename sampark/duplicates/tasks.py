"""Background work: checking new records, and the daily scan of what changed.

Both are idempotent: checking a record twice finds the same pairs, and a scan only reads what
changed since the last one that finished.
"""

from __future__ import annotations

from django.tasks import task

from sampark.duplicates import detection
from sampark.duplicates.models import RecordKind


@task
def check_records(kind: str, ids: list[int]) -> int:
    """Compare these (new) records with the others; how many open pairs involve them."""
    return detection.find_candidates(kind, ids)


@task
def scan_changes() -> dict[str, int]:
    """The periodic scan: contacts and companies changed since the last scan (a full scan the
    first time); pairs found, by kind."""
    return {kind: detection.scan(kind, full=False).scan.pairs for kind in RecordKind.values}
