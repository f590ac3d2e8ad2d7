"""With the RQ backend, a task enqueued in Redis is run by a real RQ worker, in or out of process."""

from __future__ import annotations

import socket

import django_rq
import pytest
from django.tasks import TaskResultStatus
from django_tasks_rq import Job
from rq import SimpleWorker

from sampark.core.models import WorkerHeartbeat
from sampark.core.tasks import heartbeat

RQ_BACKEND = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}


@pytest.fixture
def rq_settings(settings, redis_url):  # type: ignore[no-untyped-def]
    settings.TASKS = RQ_BACKEND
    settings.RQ_QUEUES = {"default": {"URL": redis_url}}
    return settings


@pytest.mark.django_db
def test_an_rq_worker_runs_an_enqueued_heartbeat(rq_settings):  # type: ignore[no-untyped-def]
    result = heartbeat.enqueue()
    assert result.status == TaskResultStatus.READY

    # In this process (no fork), so the task writes to pytest's test database.
    queue = django_rq.get_queue("default", job_class=Job)
    SimpleWorker([queue], connection=queue.connection, job_class=Job).work(burst=True)

    result.refresh()
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == socket.gethostname()
    assert WorkerHeartbeat.objects.get().backend == "rq"


def test_sampark_worker_runs_tasks_from_redis(rq_settings, redis_url, scratch_site):  # type: ignore[no-untyped-def]
    # Enqueued here; run by `sampark worker` in another process, against the scratch site.
    result = heartbeat.enqueue()

    scratch_site.sampark("worker", "--batch", "-v0", SAMPARK_TASK_BACKEND="rq", REDIS_URL=redis_url)

    result.refresh()
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == socket.gethostname()
    beats = scratch_site.python(
        "import json\n"
        "from sampark.core.models import WorkerHeartbeat\n"
        "print(json.dumps(list(WorkerHeartbeat.objects.values_list('hostname', 'backend'))))"
    )
    assert beats == [[socket.gethostname(), "rq"]]
