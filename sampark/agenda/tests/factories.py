"""Builders for agenda tests."""

from __future__ import annotations

import datetime

import factory

from sampark.agenda.models import Task
from sampark.core.tests.factories import UserFactory


class TaskFactory(factory.django.DjangoModelFactory[Task]):
    """A task written straight to the table (no audit entry); use actions to test audit."""

    class Meta:
        model = Task

    title = factory.Sequence(lambda n: f"Task {n}")
    owner = factory.SubFactory(UserFactory)
    team = None
    contact = None
    company = None


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=datetime.UTC)
