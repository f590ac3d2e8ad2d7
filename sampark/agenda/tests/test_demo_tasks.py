"""The demo workspace has tasks to show: some overdue, some today, one repeating, in three
scripts."""

from __future__ import annotations

from django.core.management import call_command

from sampark.agenda.day import day_bounds
from sampark.agenda.models import Recurrence, Task


def test_the_demo_loads_overdue_todays_and_recurring_tasks(db):  # type: ignore[no-untyped-def]
    call_command("createadmin", "--no-input")
    call_command("demo")

    tasks = list(Task.objects.select_related("owner", "contact"))
    assert tasks
    assert all(t.contact is not None and t.owner == t.contact.owner for t in tasks)
    assert Task.objects.exclude(recurrence=Recurrence.NONE).exists()
    titles = "".join(t.title for t in tasks)
    assert any("\u0980" <= ch <= "\u09ff" for ch in titles)  # Bengali
    assert any("\u0900" <= ch <= "\u097f" for ch in titles)  # Devanagari
    assert any("a" <= ch <= "z" for ch in titles)
    # Overdue from an earlier day, whatever the time of day the test runs at.
    assert any(t.due_at and t.due_at < day_bounds(t.owner).start for t in tasks)
    bounds = {t.pk: day_bounds(t.owner) for t in tasks}
    assert any(t.due_at and bounds[t.pk].start <= t.due_at < bounds[t.pk].tomorrow for t in tasks)
