"""Background tasks of imports. Each takes an import's id and may run again safely: a check
starts over, a run resumes after its checkpoint, an undo goes on with what is left."""

from __future__ import annotations

import contextlib

from django.tasks import task

from sampark.imports import engine
from sampark.imports.models import Import, ImportStatus

# A task finding its import already taken by a live worker (enqueued twice) stops quietly.


@task
def check_import(job_id: int) -> None:
    with contextlib.suppress(engine.Lost):
        engine.check(Import.objects.get(pk=job_id))


@task
def run_import(job_id: int) -> None:
    with contextlib.suppress(engine.Lost):
        engine.run(Import.objects.get(pk=job_id))


@task
def undo_import(job_id: int) -> None:
    engine.undo(Import.objects.get(pk=job_id))


_AGAIN = {
    ImportStatus.CHECKING: check_import,
    ImportStatus.RUNNING: run_import,
    ImportStatus.UNDOING: undo_import,
}


@task
def resume_stalled_imports() -> int:
    """Enqueue again the imports whose worker died (run every minute by the heartbeat)."""
    found = 0
    for job in engine.stalled():
        _AGAIN[ImportStatus(job.status)].enqueue(job.pk)
        found += 1
    return found
