"""The task list: filters by assignee, status, due and priority, and keyset pages."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sampark.agenda.models import TaskStatus
from sampark.agenda.tests.factories import TaskFactory, utc
from sampark.agenda.views_day import PAGE_SIZE, filtered_tasks

NOW = utc(2026, 3, 10, 23, 30)  # 05:30 on 11 March in Dhaka
DEFAULTS = {"assignee": "me", "status": "active", "due": "", "priority": ""}


def titles(user, **filters):  # type: ignore[no-untyped-def]
    return [t.title for t in filtered_tasks(user, {**DEFAULTS, **filters}, NOW)]


@pytest.fixture
def agent(people):  # type: ignore[no-untyped-def]
    user = people["agent"]
    user.time_zone = "Asia/Dhaka"
    return user


def test_assignee_me_team_and_anyone(people, teams, agent):  # type: ignore[no-untyped-def]
    TaskFactory(owner=agent, team=teams[0], title="mine")
    TaskFactory(owner=people["colleague"], team=teams[0], title="colleague's")
    TaskFactory(owner=people["outsider"], team=teams[1], title="Mumbai's")

    assert titles(agent) == ["mine"]
    assert sorted(titles(agent, assignee="team")) == ["colleague's", "mine"]
    assert sorted(titles(agent, assignee="all")) == ["colleague's", "mine"]
    assert sorted(titles(people["admin"], assignee="all")) == ["Mumbai's", "colleague's", "mine"]


def test_status_filter(agent):  # type: ignore[no-untyped-def]
    TaskFactory(owner=agent, title="open")
    TaskFactory(owner=agent, title="started", status=TaskStatus.IN_PROGRESS)
    TaskFactory(owner=agent, title="done", status=TaskStatus.DONE)

    assert sorted(titles(agent)) == ["open", "started"]
    assert titles(agent, status="done") == ["done"]
    assert len(titles(agent, status="any")) == 3


def test_due_filters_use_the_users_day(agent):  # type: ignore[no-untyped-def]
    TaskFactory(owner=agent, title="overdue", due_at=utc(2026, 3, 9))
    TaskFactory(owner=agent, title="today in Dhaka", due_at=utc(2026, 3, 11, 4))
    TaskFactory(owner=agent, title="in 5 days", due_at=utc(2026, 3, 16, 4))
    TaskFactory(owner=agent, title="undated")

    assert titles(agent, due="overdue") == ["overdue"]
    assert titles(agent, due="today") == ["today in Dhaka"]
    assert titles(agent, due="week") == ["today in Dhaka", "in 5 days"]
    assert titles(agent, due="none") == ["undated"]


def test_priority_filter(agent):  # type: ignore[no-untyped-def]
    TaskFactory(owner=agent, title="urgent", priority="urgent")
    TaskFactory(owner=agent, title="normal")

    assert titles(agent, priority="urgent") == ["urgent"]


def test_the_page_is_keyset_paged_and_keeps_its_filters(client, agent):  # type: ignore[no-untyped-def]
    made = [
        TaskFactory(owner=agent, title=f"t{n}", due_at=utc(2026, 4, 1 + n % 28, n // 28))
        for n in range(PAGE_SIZE + 5)
    ]
    client.force_login(agent)

    first = client.get(reverse("agenda:tasks"), {"priority": "normal"})
    second = client.get(first.context["next_url"])

    assert "priority=normal" in first.context["next_url"]
    shown = [r.task for r in first.context["rows"]] + [r.task for r in second.context["rows"]]
    assert shown == sorted(made, key=lambda t: (t.due_at, t.pk))
    assert second.context["next_url"] is None


def test_unknown_filter_values_fall_back_instead_of_failing(client, agent):  # type: ignore[no-untyped-def]
    TaskFactory(owner=agent, title="still here")
    client.force_login(agent)

    response = client.get(reverse("agenda:tasks"), {"status": "weird", "cursor": "junk"})

    assert response.status_code == 200
    assert "still here" in response.content.decode()
