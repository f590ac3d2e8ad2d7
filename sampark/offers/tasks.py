"""The worker's side: the affinity table is rebuilt once a day (registered in apps.py)."""

from __future__ import annotations

from django.tasks import task

from sampark.offers import affinity


@task
def refresh_affinities() -> int:
    """Rebuild the affinities from the last year of purchases and trades; returns how many rows
    were written. Idempotent: a second run in a row writes the same table again."""
    return affinity.refresh()
