"""Background tasks of the core app, and whether a worker is running them.

Tasks take ids and primitives (never model instances) and are idempotent: a queue may deliver
one twice, or after the data it names has changed.
"""

from __future__ import annotations

import datetime
import socket
from dataclasses import dataclass

from django.conf import settings
from django.tasks import TaskContext, task
from django.utils import timezone

from sampark.core import periodic
from sampark.core.models import WorkerHeartbeat

# `sampark worker` enqueues a heartbeat this often; a worker not seen for a few intervals is
# reported as not running (one missed beat may just be a long task ahead of it in the queue).
# Each beat also enqueues the periodic tasks that are due, so this is their finest grain.
HEARTBEAT_INTERVAL = datetime.timedelta(minutes=1)
STALE_AFTER = 3 * HEARTBEAT_INTERVAL

# The short names SAMPARK_TASK_BACKEND uses, for the settings page.
_BACKEND_NAMES = {
    "django_tasks_db.DatabaseBackend": "db",
    "django_tasks_rq.RQBackend": "rq",
    "django.tasks.backends.immediate.ImmediateBackend": "immediate",
}


def backend_name(alias: str) -> str:
    path = str(settings.TASKS.get(alias, {}).get("BACKEND", alias))
    return _BACKEND_NAMES.get(path, path)


@task(takes_context=True)
def heartbeat(context: TaskContext) -> str:
    """Record that a worker on this host is alive, and enqueue the periodic tasks now due;
    returns the host name.

    Idempotent: running it twice only moves ``last_seen_at`` forward, and a periodic task is
    enqueued once per interval however many beats arrive.
    """
    hostname = socket.gethostname()
    WorkerHeartbeat.objects.update_or_create(
        hostname=hostname,
        defaults={
            "backend": backend_name(context.task_result.backend),
            "last_seen_at": timezone.now(),
        },
    )
    periodic.enqueue_due()
    return hostname


@dataclass(frozen=True)
class WorkerStatus:
    needed: bool  # False when tasks run inline (the immediate backend): no worker to watch
    last_seen_at: datetime.datetime | None
    hostname: str = ""
    backend: str = ""

    @property
    def running(self) -> bool:
        if not self.needed:
            return True
        return self.last_seen_at is not None and timezone.now() - self.last_seen_at < STALE_AFTER


def worker_status() -> WorkerStatus:
    """When a worker of the configured backend was last seen, and on which host."""
    current = backend_name("default")
    if current == "immediate":
        return WorkerStatus(needed=False, last_seen_at=None)
    # A heartbeat from an earlier backend says nothing about the worker of the current one.
    latest = WorkerHeartbeat.objects.filter(backend=current).order_by("-last_seen_at").first()
    if latest is None:
        return WorkerStatus(needed=True, last_seen_at=None)
    return WorkerStatus(
        needed=True,
        last_seen_at=latest.last_seen_at,
        hostname=latest.hostname,
        backend=latest.backend,
    )


@task
def optimize_database() -> str:
    """Daily: refresh the query planner's statistics (see core/maintenance.py)."""
    from sampark.core import maintenance

    return maintenance.optimize_database()
