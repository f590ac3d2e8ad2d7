"""Background work of the sales app."""

from __future__ import annotations

from django.tasks import task

from sampark.sales.forecast import take_snapshots


@task
def snapshot_forecasts() -> int:
    """Keep each period's forecast as it began (the first run in a period writes it)."""
    return take_snapshots()
