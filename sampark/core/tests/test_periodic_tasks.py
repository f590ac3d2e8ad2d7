from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.tasks import task
from django.utils import timezone

from sampark.contacts.tests.factories import ContactFactory
from sampark.core import periodic
from sampark.core.models import PeriodicRun

pytestmark = pytest.mark.django_db

RUNS: list[str] = []


@task
def count_a_run() -> None:
    RUNS.append("ran")


PATH = f"{__name__}.count_a_run"
# What the apps registered, before the fixture below swaps in a registry of this test's own.
REGISTERED = periodic.registered()


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


def test_a_task_that_cannot_be_enqueued_does_not_stop_the_others(caplog):  # type: ignore[no-untyped-def]
    periodic.register("sampark.nowhere.missing_task", every=datetime.timedelta(minutes=1))

    assert periodic.enqueue_due() == [PATH]
    assert RUNS == ["ran"]
    assert "cannot enqueue the periodic task sampark.nowhere.missing_task" in caplog.text


def test_the_database_statistics_are_refreshed_daily():
    from django.db import connection

    from sampark.core.maintenance import optimize_database

    assert REGISTERED["sampark.core.tasks.optimize_database"] == datetime.timedelta(days=1)
    ContactFactory()  # a table with rows and no statistics yet
    assert optimize_database() == "analyzed"
    if connection.vendor == "sqlite":
        assert optimize_database() == "optimized"  # statistics exist from now on


def test_a_table_that_lost_its_statistics_is_analysed_in_full():
    from sampark.core.maintenance import optimize_database

    if connection.vendor == "postgresql":
        assert optimize_database() == "analyzed"  # every time: it keeps its own up to date
        return
    ContactFactory()
    optimize_database()
    with connection.cursor() as cursor:
        # As when a migration rebuilds a table: its statistics are gone.
        cursor.execute("DELETE FROM sqlite_stat1 WHERE tbl = 'contacts_contact'")
        assert optimize_database() == "analyzed"
        cursor.execute("SELECT COUNT(*) FROM sqlite_stat1 WHERE tbl = 'contacts_contact'")
        assert cursor.fetchone()[0] > 0
    assert optimize_database() == "optimized"
