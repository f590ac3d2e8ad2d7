"""`sampark worker` enqueues a heartbeat now and then, and a SIGTERM stops it and its worker."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
from django.core.management import call_command
from django.tasks import TaskResultStatus

from sampark.core.management.commands.worker import next_heartbeat
from sampark.core.tasks import heartbeat
from sampark.core.tests.servers import children_of

DATABASE_BACKEND = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_the_worker_beats_until_sigterm_stops_it(scratch_site):  # type: ignore[no-untyped-def]
    worker = subprocess.Popen(
        [sys.executable, "-m", "sampark.cli", "worker", "--heartbeat-every", "0.2", "-v0"],
        env=scratch_site.env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        done = 0
        while done < 3:
            assert worker.poll() is None, "the worker stopped by itself"
            assert time.monotonic() < deadline, f"only {done} heartbeats ran in 30 s"
            time.sleep(0.2)
            done = scratch_site.query(
                "SELECT COUNT(*) FROM django_tasks_database_dbtaskresult WHERE status = 'SUCCESSFUL'"
            )[0][0]
        backend_worker = children_of(worker.pid)
        assert len(backend_worker) == 1

        worker.send_signal(signal.SIGTERM)
        assert worker.wait(timeout=30) == 0
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait()
    with pytest.raises(ProcessLookupError):
        os.kill(backend_worker[0], 0)
    assert scratch_site.query("SELECT COUNT(*) FROM core_workerheartbeat") == [(1,)]


@pytest.mark.django_db(transaction=True)
def test_a_stuck_worker_does_not_pile_up_heartbeats(settings):  # type: ignore[no-untyped-def]
    settings.TASKS = DATABASE_BACKEND
    first = heartbeat.enqueue()

    assert next_heartbeat(first).id == first.id  # still queued: no second one

    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
    second = next_heartbeat(first)
    assert second.id != first.id
    assert second.status == TaskResultStatus.READY
