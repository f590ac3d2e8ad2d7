"""A task as a list shows it: with what the viewer may do to it, and whether it is overdue."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import timezone

from sampark.agenda.models import Task
from sampark.core.models import User
from sampark.core.records import can
from sampark.core.roles import Action


@dataclass(frozen=True)
class TaskRow:
    task: Task
    can_change: bool
    can_delete: bool
    overdue: bool

    @classmethod
    def of(cls, user: User, task: Task, now: datetime.datetime | None = None) -> TaskRow:
        return cls(
            task,
            can(user, Action.CHANGE, task),
            can(user, Action.DELETE, task),
            task.is_overdue(now),
        )


def rows(user: User, tasks: Iterable[Task], now: datetime.datetime | None = None) -> list[TaskRow]:
    now = now or timezone.now()
    return [TaskRow.of(user, task, now) for task in tasks]
