"""With the database backend, an enqueued task is run by the real worker and its result kept."""

from __future__ import annotations

import socket

import pytest
from django.core.management import call_command
from django.tasks import TaskResultStatus

from sampark.core.models import WorkerHeartbeat
from sampark.core.tasks import heartbeat, worker_status

DATABASE_BACKEND = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.mark.django_db(transaction=True)
def test_db_worker_runs_an_enqueued_heartbeat(settings):  # type: ignore[no-untyped-def]
    settings.TASKS = DATABASE_BACKEND
    result = heartbeat.enqueue()
    assert result.status == TaskResultStatus.READY
    assert not worker_status().running

    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)

    result.refresh()
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == socket.gethostname()
    beat = WorkerHeartbeat.objects.get()
    assert (beat.hostname, beat.backend) == (socket.gethostname(), "db")
    assert worker_status().running


def test_sampark_worker_runs_the_heartbeat_it_enqueues(scratch_site):  # type: ignore[no-untyped-def]
    scratch_site.sampark("worker", "--batch", "-v0")

    state = scratch_site.python(
        "import json\n"
        "from django_tasks_db.models import DBTaskResult\n"
        "from sampark.core.models import WorkerHeartbeat\n"
        "print(json.dumps({\n"
        "    'tasks': list(DBTaskResult.objects.values_list('task_path', 'status')),\n"
        "    'beats': list(WorkerHeartbeat.objects.values_list('hostname', 'backend')),\n"
        "}))"
    )
    # The heartbeat also enqueued the periodic tasks that were due; the batch ran them all.
    assert ["sampark.core.tasks.heartbeat", "SUCCESSFUL"] in state["tasks"]
    assert {status for _path, status in state["tasks"]} == {"SUCCESSFUL"}
    assert state["beats"] == [[socket.gethostname(), "db"]]
