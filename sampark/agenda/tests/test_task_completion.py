"""Completing a task: idempotent, stamped, and a recurring one brings its next occurrence once."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from sampark.agenda.actions import complete_task, create_task, reopen_task, update_task
from sampark.agenda.models import Recurrence, Task, TaskStatus
from sampark.agenda.recurrence import next_due
from sampark.agenda.tests.factories import utc
from sampark.core.models import AuditEntry
from sampark.core.records import StaleVersion


def test_completing_stamps_the_time_and_full_progress(people):  # type: ignore[no-untyped-def]
    task = create_task(by=people["agent"], title="Send the form", progress=40)

    complete_task(task, by=people["agent"])

    task.refresh_from_db()
    assert task.status == TaskStatus.DONE
    assert task.progress == 100
    assert task.completed_at is not None


def test_completing_twice_changes_nothing_the_second_time(people):  # type: ignore[no-untyped-def]
    task = create_task(by=people["agent"], title="Once")
    complete_task(task, by=people["agent"])
    stale_copy = Task.objects.get(pk=task.pk)
    entries = AuditEntry.objects.count()

    complete_task(task, by=people["agent"])
    complete_task(stale_copy, by=people["agent"])

    assert AuditEntry.objects.count() == entries
    assert Task.objects.get(pk=task.pk).version == task.version


def test_a_completion_racing_another_from_the_same_read_is_not_an_error(people):  # type: ignore[no-untyped-def]
    task = create_task(
        by=people["agent"],
        title="Raced",
        recurrence=Recurrence.DAILY,
        due_at=datetime.datetime.now(datetime.UTC),
    )
    first, second = Task.objects.get(pk=task.pk), Task.objects.get(pk=task.pk)

    complete_task(first, by=people["agent"])
    done = complete_task(second, by=people["agent"])  # read before the first one wrote

    assert done.status == TaskStatus.DONE
    assert Task.objects.filter(previous=task).count() == 1


def test_a_completion_pinned_to_an_old_version_is_refused(people):  # type: ignore[no-untyped-def]
    task = create_task(by=people["agent"], title="Pinned")
    update_task(task, by=people["agent"], values={"title": "Pinned, renamed"})

    with pytest.raises(StaleVersion):
        complete_task(Task.objects.get(pk=task.pk), by=people["agent"], expected_version=1)


def test_a_recurring_task_brings_its_next_occurrence_once(people):  # type: ignore[no-untyped-def]
    due = datetime.datetime.now(datetime.UTC) + datetime.timedelta(hours=2)
    task = create_task(
        by=people["manager"],
        owner=people["agent"],
        title="Weekly review",
        recurrence=Recurrence.WEEKLY,
        due_at=due,
        remind_at=due - datetime.timedelta(hours=1),
        priority="high",
    )

    complete_task(task, by=people["agent"])
    reopen_task(Task.objects.get(pk=task.pk), by=people["agent"])
    complete_task(Task.objects.get(pk=task.pk), by=people["agent"])

    following = Task.objects.get(previous=task)
    assert Task.objects.count() == 2
    assert following.due_at == due + datetime.timedelta(days=7)
    assert following.remind_at == following.due_at - datetime.timedelta(hours=1)
    assert following.status == TaskStatus.OPEN
    assert (following.owner, following.team, following.priority) == (
        task.owner,
        task.team,
        "high",
    )
    assert following.recurrence == Recurrence.WEEKLY


def test_a_task_that_does_not_repeat_brings_nothing(people):  # type: ignore[no-untyped-def]
    task = create_task(by=people["agent"], title="Once only", due_at=utc(2026, 3, 1, 9))

    complete_task(task, by=people["agent"])

    assert Task.objects.count() == 1


def test_marking_done_through_an_edit_is_a_completion(people):  # type: ignore[no-untyped-def]
    task = create_task(
        by=people["agent"], title="Daily", recurrence=Recurrence.DAILY, due_at=utc(2026, 3, 1, 9)
    )

    update_task(task, by=people["agent"], values={"status": TaskStatus.DONE})

    task.refresh_from_db()
    assert task.completed_at is not None
    assert Task.objects.filter(previous=task).exists()


def test_reopening_clears_the_completion(people):  # type: ignore[no-untyped-def]
    task = create_task(by=people["agent"], title="Again")
    complete_task(task, by=people["agent"])

    reopen_task(Task.objects.get(pk=task.pk), by=people["agent"])

    task.refresh_from_db()
    assert (task.status, task.completed_at) == (TaskStatus.OPEN, None)


@pytest.mark.parametrize("progress", [-1, 101, 150])
def test_progress_outside_0_to_100_is_a_field_error(people, progress):  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as caught:
        create_task(by=people["agent"], title="Bad progress", progress=progress)

    assert list(caught.value.message_dict) == ["progress"]


def test_an_unknown_priority_is_a_field_error(people):  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as caught:
        create_task(by=people["agent"], title="x", priority="whenever")

    assert list(caught.value.message_dict) == ["priority"]


# next_due: counted on the assignee's clock.


def test_daily_keeps_the_wall_clock_time_across_a_dst_change():
    # 09:00 in London on the Saturday before the clocks go forward (29 March 2026).
    due = datetime.datetime(2026, 3, 28, 9, tzinfo=datetime.UTC)

    following = next_due(due, Recurrence.DAILY, zone="Europe/London", after=due)

    assert following == datetime.datetime(2026, 3, 29, 8, tzinfo=datetime.UTC)  # 09:00 BST


def test_working_days_follow_the_assignees_country():
    thursday = datetime.datetime(2026, 3, 5, 4, tzinfo=datetime.UTC)  # 10:00 in Dhaka

    in_dhaka = next_due(thursday, Recurrence.WEEKDAYS, zone="Asia/Dhaka", after=thursday)
    in_kolkata = next_due(thursday, Recurrence.WEEKDAYS, zone="Asia/Kolkata", after=thursday)

    assert in_dhaka.date() == datetime.date(2026, 3, 8)  # Sunday: Friday-Saturday is the weekend
    assert in_kolkata.date() == datetime.date(2026, 3, 6)  # Friday


def test_monthly_on_the_31st_falls_on_the_last_day_of_a_short_month_and_comes_back():
    due = datetime.datetime(2026, 1, 31, 6, tzinfo=datetime.UTC)

    february = next_due(due, Recurrence.MONTHLY, zone="Asia/Dhaka", after=due)
    march = next_due(due, Recurrence.MONTHLY, zone="Asia/Dhaka", after=february)

    assert february.date() == datetime.date(2026, 2, 28)
    assert march.date() == datetime.date(2026, 3, 31)


def test_yearly_from_29_february_falls_on_28_february():
    due = datetime.datetime(2028, 2, 29, 6, tzinfo=datetime.UTC)

    assert next_due(due, Recurrence.YEARLY, zone="UTC", after=due).date() == datetime.date(
        2029, 2, 28
    )


def test_a_task_done_late_comes_back_in_the_future_not_overdue():
    due = datetime.datetime(2026, 3, 2, 4, tzinfo=datetime.UTC)
    done_at = datetime.datetime(2026, 3, 20, 12, tzinfo=datetime.UTC)

    following = next_due(due, Recurrence.WEEKLY, zone="Asia/Dhaka", after=done_at)

    assert following == datetime.datetime(2026, 3, 23, 4, tzinfo=datetime.UTC)
    assert following > done_at
