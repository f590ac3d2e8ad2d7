"""`worker_status()` says when the configured backend's worker was last seen, and if it runs."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from sampark.core.models import WorkerHeartbeat
from sampark.core.tasks import STALE_AFTER, heartbeat, worker_status

pytestmark = pytest.mark.django_db


@pytest.fixture
def database_backend(settings):  # type: ignore[no-untyped-def]
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_no_heartbeat_yet_means_no_worker(database_backend):  # type: ignore[no-untyped-def]
    status = worker_status()
    assert status.needed
    assert status.last_seen_at is None
    assert not status.running


def test_the_latest_heartbeat_of_the_current_backend_counts(database_backend):  # type: ignore[no-untyped-def]
    now = timezone.now()
    WorkerHeartbeat.objects.create(hostname="old", backend="db", last_seen_at=now - STALE_AFTER)
    WorkerHeartbeat.objects.create(hostname="new", backend="db", last_seen_at=now)
    WorkerHeartbeat.objects.create(
        hostname="rq-box", backend="rq", last_seen_at=now + datetime.timedelta(minutes=1)
    )

    status = worker_status()
    assert (status.hostname, status.backend, status.last_seen_at) == ("new", "db", now)
    assert status.running


def test_a_heartbeat_older_than_a_few_intervals_is_stale(database_backend):  # type: ignore[no-untyped-def]
    WorkerHeartbeat.objects.create(
        hostname="box", backend="db", last_seen_at=timezone.now() - STALE_AFTER
    )
    assert not worker_status().running


def test_inline_tasks_need_no_worker(settings, capsys):  # type: ignore[no-untyped-def]
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}

    call_command("worker")
    heartbeat.enqueue()  # runs inline, and is just as idempotent the second time
    heartbeat.enqueue()

    assert "no worker is needed" in capsys.readouterr().out
    assert WorkerHeartbeat.objects.get().backend == "immediate"
    assert not worker_status().needed
    assert worker_status().running


def test_settings_overview_tells_admins_whether_the_worker_runs(client, people, database_backend):  # type: ignore[no-untyped-def]
    client.force_login(people["admin"])
    assert "Not running" in client.get("/settings/").content.decode()
    WorkerHeartbeat.objects.create(hostname="web-1", backend="db", last_seen_at=timezone.now())
    page = client.get("/settings/").content.decode()
    assert "Running" in page
    assert "web-1" in page
    client.force_login(people["agent"])
    assert "Background worker" not in client.get("/settings/").content.decode()
