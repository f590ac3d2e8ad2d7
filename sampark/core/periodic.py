"""Tasks that run on a schedule: reminders, digests, clean-ups.

An app registers its task with ``register`` in its ``AppConfig.ready``. No scheduler process is
needed: every heartbeat (which `sampark worker` enqueues each minute) calls ``enqueue_due``,
which puts each registered task on the queue once its interval has passed. So the schedule works
the same on every task backend, and a stopped worker simply catches up when it starts again.
"""

from __future__ import annotations

import datetime
import logging

from django.db import IntegrityError, transaction
from django.tasks import Task
from django.utils import timezone
from django.utils.module_loading import import_string

from sampark.core.models import PeriodicRun

logger = logging.getLogger("sampark.periodic")

_REGISTRY: dict[str, datetime.timedelta] = {}


def register(task_path: str, every: datetime.timedelta) -> None:
    """Run the task at ``task_path`` (a dotted path to a ``@task`` with no arguments) this often."""
    _REGISTRY[task_path] = every


def registered() -> dict[str, datetime.timedelta]:
    return dict(_REGISTRY)


def enqueue_due(now: datetime.datetime | None = None) -> list[str]:
    """Enqueue every registered task whose interval has passed; returns their paths."""
    now = now or timezone.now()
    enqueued = []
    for path, every in _REGISTRY.items():
        if not _claim(path, every, now):
            continue
        try:
            task: Task = import_string(path)
            task.enqueue()
        except Exception:  # one broken task must not stop the others, or the heartbeat
            logger.exception("cannot enqueue the periodic task %s", path)
        else:
            enqueued.append(path)
    return enqueued


def _claim(path: str, every: datetime.timedelta, now: datetime.datetime) -> bool:
    # A little slack, so a task due every minute is not skipped when the heartbeat comes a few
    # seconds early.
    due_before = now - every + datetime.timedelta(seconds=5)
    claimed = PeriodicRun.objects.filter(name=path, last_enqueued_at__lte=due_before).update(
        last_enqueued_at=now
    )
    if claimed:
        return True
    try:
        with transaction.atomic():
            PeriodicRun.objects.create(name=path, last_enqueued_at=now)
    except IntegrityError:
        return False  # it exists and is not due, or another worker just claimed it
    return True
