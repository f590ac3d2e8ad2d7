"""The agenda's hot reads are range scans of the open-task indexes, not table scans."""

from __future__ import annotations

import pytest
from django.db import connection

from sampark.agenda.day import my_tasks
from sampark.agenda.models import Task
from sampark.agenda.tests.factories import TaskFactory, utc
from sampark.contacts.tests.factories import ContactFactory


@pytest.fixture
def plan_of(db):  # type: ignore[no-untyped-def]
    def plan(queryset) -> str:  # type: ignore[no-untyped-def]
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                # A test table is tiny; without this PostgreSQL would rightly scan it.
                cursor.execute("SET LOCAL enable_seqscan = off")
        return queryset.explain()

    return plan


def test_my_open_tasks_by_due_date_use_the_owner_index(people, plan_of):  # type: ignore[no-untyped-def]
    agent = people["agent"]
    TaskFactory(owner=agent, due_at=utc(2026, 3, 1))

    plan = plan_of(Task.objects.assigned_to(agent).open().filter(due_at__lt=utc(2026, 4, 1)))

    assert "task_open_mine" in plan


def test_open_tasks_of_a_contact_use_the_contact_index(people, plan_of):  # type: ignore[no-untyped-def]
    contact = ContactFactory(owner=people["agent"])
    TaskFactory(owner=people["agent"], contact=contact)

    plan = plan_of(Task.objects.on_contact(contact).open().soonest_first())

    assert "task_open_contact" in plan


def test_my_day_reads_through_the_owner_index(people, plan_of):  # type: ignore[no-untyped-def]
    agent = people["agent"]

    plan = plan_of(my_tasks(agent).filter(due_at__gte=utc(2026, 3, 1), due_at__lt=utc(2026, 3, 8)))

    assert "task_open_mine" in plan


def test_the_reminder_scan_uses_its_own_index(db, plan_of):  # type: ignore[no-untyped-def]
    due = Task.objects.open().filter(reminded_at__isnull=True, remind_at__lte=utc(2026, 3, 1))

    assert "task_reminder_due" in plan_of(due)
