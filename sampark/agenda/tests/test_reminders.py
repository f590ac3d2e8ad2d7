"""Reminders: in the app and by email in the assignee's language, once, only for open tasks."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from sampark.agenda import tasks as reminders
from sampark.agenda.actions import create_task, update_task
from sampark.agenda.models import Task, TaskStatus
from sampark.agenda.tests.factories import TaskFactory, utc
from sampark.collab.models import Notification, NotificationKind
from sampark.contacts.tests.factories import ContactFactory
from sampark.core import periodic


@pytest.fixture(autouse=True)
def immediate_tasks(settings):  # type: ignore[no-untyped-def]
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


def due_task(owner, **values):  # type: ignore[no-untyped-def]
    now = timezone.now()
    defaults = {"title": "Call Meera about the SIP", "due_at": now, "remind_at": now}
    return TaskFactory(owner=owner, **{**defaults, **values})


def test_the_reminder_task_runs_every_minute():
    assert periodic.registered()["sampark.agenda.tasks.send_due_reminders"] == datetime.timedelta(
        minutes=1
    )


def test_a_due_reminder_notifies_and_emails_the_assignee_once(people, settings):  # type: ignore[no-untyped-def]
    settings.SAMPARK_SITE_URL = "https://crm.example.com"
    agent = people["agent"]
    contact = ContactFactory(display_name="Meera Nair", owner=agent)
    task = due_task(agent, contact=contact, notes="Ask about the top-up.")

    reminders.send_due_reminders.enqueue()
    reminders.send_due_reminders.enqueue()

    note = Notification.objects.get()
    assert (note.recipient, note.kind) == (agent, NotificationKind.REMINDER)
    assert note.message == "Reminder: Call Meera about the SIP"
    assert note.url == f"/agenda/tasks/{task.pk}/"
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == [agent.email]
    assert email.subject == "Reminder: Call Meera about the SIP"
    assert "Meera Nair" in email.body
    assert "Ask about the top-up." in email.body
    assert f"https://crm.example.com/agenda/tasks/{task.pk}/" in email.body
    task.refresh_from_db()
    assert task.reminded_at is not None


def test_the_email_is_written_in_the_assignees_language_and_time_zone(people):  # type: ignore[no-untyped-def]
    agent = people["agent"]
    agent.language, agent.time_zone = "bn", "Asia/Dhaka"
    agent.save()
    due_task(agent, due_at=utc(2026, 3, 12, 9, 30), remind_at=utc(2026, 3, 12, 9))

    reminders.send_due_reminders.enqueue()

    body = mail.outbox[0].body
    assert "মার্চ" in body  # the month in Bengali
    assert "৩:৩০" in body  # 15:30 in Dhaka, in Bengali digits
    assert "Asia/Dhaka" in body


def test_a_run_that_finds_the_reminder_already_claimed_sends_nothing(people):  # type: ignore[no-untyped-def]
    task = due_task(people["agent"])
    now = timezone.now()

    assert reminders._claim(task.pk, now) is not None
    assert reminders._claim(task.pk, now) is None  # the second of two concurrent runs


@pytest.mark.parametrize("status", [TaskStatus.DONE, TaskStatus.CANCELLED])
def test_done_and_cancelled_tasks_are_not_reminded(people, status):  # type: ignore[no-untyped-def]
    due_task(people["agent"], status=status)

    assert reminders.send_due_reminders.call() == 0
    assert not Notification.objects.exists()
    assert mail.outbox == []


def test_a_reminder_in_the_future_waits(people):  # type: ignore[no-untyped-def]
    due_task(people["agent"], remind_at=timezone.now() + datetime.timedelta(minutes=5))

    assert reminders.send_due_reminders.call() == 0


def test_moving_the_reminder_re_arms_it(people):  # type: ignore[no-untyped-def]
    agent = people["agent"]
    task = create_task(by=agent, title="Twice", remind_at=timezone.now())
    reminders.send_due_reminders.call()

    update_task(
        Task.objects.get(pk=task.pk),
        by=agent,
        values={"remind_at": timezone.now() - datetime.timedelta(seconds=1)},
    )
    reminders.send_due_reminders.call()

    assert Notification.objects.filter(kind=NotificationKind.REMINDER).count() == 2
    assert len(mail.outbox) == 2


def test_an_edit_from_before_the_reminder_does_not_unsend_it(people):  # type: ignore[no-untyped-def]
    agent = people["agent"]
    task = create_task(by=agent, title="Read early", remind_at=timezone.now())
    read_before = Task.objects.get(pk=task.pk)
    reminders.send_due_reminders.call()

    update_task(read_before, by=agent, values={"title": "Renamed"})
    reminders.send_due_reminders.call()

    assert len(mail.outbox) == 1
    assert Task.objects.get(pk=task.pk).reminded_at is not None


def test_a_user_without_an_email_gets_the_in_app_reminder(people):  # type: ignore[no-untyped-def]
    agent = people["agent"]
    agent.email = ""
    agent.save()
    due_task(agent)

    assert reminders.send_due_reminders.call() == 1
    assert Notification.objects.count() == 1
    assert mail.outbox == []
