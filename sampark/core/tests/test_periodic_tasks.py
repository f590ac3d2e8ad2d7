from __future__ import annotations

import datetime

import pytest
from django.tasks import task
from django.utils import timezone

from sampark.core import periodic
from sampark.core.models import PeriodicRun

pytestmark = pytest.mark.django_db

RUNS: list[str] = []


@task
def count_a_run() -> None:
    RUNS.append("ran")


PATH = f"{__name__}.count_a_run"


@pytest.fixture(autouse=True)
def registry(monkeypatch, settings):  # type: ignore[no-untyped-def]
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    monkeypatch.setattr(periodic, "_REGISTRY", {})
    RUNS.clear()
    periodic.register(PATH, every=datetime.timedelta(minutes=10))


def test_a_task_runs_at_once_then_not_again_until_its_interval_has_passed():
    start = timezone.now()

    assert periodic.enqueue_due(start) == [PATH]
    assert periodic.enqueue_due(start + datetime.timedelta(minutes=3)) == []
    assert periodic.enqueue_due(start + datetime.timedelta(minutes=10)) == [PATH]
    assert RUNS == ["ran", "ran"]


def test_a_beat_a_few_seconds_early_does_not_skip_a_whole_interval():
    start = timezone.now()
    periodic.enqueue_due(start)

    assert periodic.enqueue_due(start + datetime.timedelta(minutes=9, seconds=58)) == [PATH]


def test_a_worker_that_was_stopped_catches_up_with_one_run_not_many():
    start = timezone.now()
    periodic.enqueue_due(start)

    assert periodic.enqueue_due(start + datetime.timedelta(days=2)) == [PATH]
    assert RUNS == ["ran", "ran"]
    assert PeriodicRun.objects.get(name=PATH).last_enqueued_at == start + datetime.timedelta(days=2)


def test_the_heartbeat_enqueues_what_is_due():
    from sampark.core.tasks import heartbeat

    heartbeat.enqueue()

    assert RUNS == ["ran"]
