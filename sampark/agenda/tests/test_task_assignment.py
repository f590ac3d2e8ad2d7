"""Who may give a task to whom, and what the assignee is told.

An agent gives tasks only to themselves, a manager to members of their teams, an admin to
anyone; a refusal is a field error on the assignee, never a crash.
"""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sampark.agenda.actions import create_task, update_task
from sampark.agenda.models import Task
from sampark.collab.models import Notification, NotificationKind
from sampark.core.models import AuditEntry


def test_an_agent_creates_a_task_for_themselves_in_their_team(people, teams):  # type: ignore[no-untyped-def]
    task = create_task(by=people["agent"], title="Call back about margin")

    assert task.owner == people["agent"]
    assert task.team == teams[0]
    assert AuditEntry.objects.for_record(task).get().action == "create"
    assert not Notification.objects.exists()  # nobody to tell: it is their own


def test_an_agent_may_not_give_a_task_to_a_colleague(people):  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as caught:
        create_task(by=people["agent"], owner=people["colleague"], title="Yours now")

    assert list(caught.value.message_dict) == ["owner"]
    assert not Task.objects.exists()


def test_a_manager_gives_a_task_to_a_team_member_who_is_told(people, teams):  # type: ignore[no-untyped-def]
    agent = people["agent"]

    task = create_task(by=people["manager"], owner=agent, title="KYC renewal")

    assert task.owner == agent
    assert task.team == teams[0]  # the manager keeps sight of it
    note = Notification.objects.get(recipient=agent)
    assert note.kind == NotificationKind.ASSIGNED
    assert note.message == f"{people['manager']} gave you a task: KYC renewal"
    assert note.url == f"/agenda/tasks/{task.pk}/"


def test_a_manager_may_not_give_a_task_outside_their_teams(people):  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as caught:
        create_task(by=people["manager"], owner=people["outsider"], title="Not yours")

    assert caught.value.message_dict["owner"] == [
        f"You may not give tasks to {people['outsider']}."
    ]


def test_an_admin_gives_a_task_to_anyone(people, teams):  # type: ignore[no-untyped-def]
    task = create_task(by=people["admin"], owner=people["outsider"], title="Mumbai follow-up")

    assert task.owner == people["outsider"]
    assert task.team == teams[1]
    assert Notification.objects.filter(recipient=people["outsider"]).count() == 1


def test_nobody_gives_a_task_to_someone_inactive(people):  # type: ignore[no-untyped-def]
    colleague = people["colleague"]
    colleague.is_active = False
    colleague.save()

    with pytest.raises(ValidationError) as caught:
        create_task(by=people["admin"], owner=colleague, title="Too late")

    assert "no longer active" in caught.value.message_dict["owner"][0]


def test_a_reader_may_not_create_tasks(people):  # type: ignore[no-untyped-def]
    with pytest.raises(PermissionDenied):
        create_task(by=people["reader"], title="Read only")


def test_a_bad_assignee_and_a_bad_field_are_reported_together(people):  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as caught:
        create_task(by=people["agent"], owner=people["colleague"], title="x", progress=150)

    assert set(caught.value.message_dict) == {"owner", "progress"}


def test_reassigning_tells_the_new_assignee_and_moves_the_team(people, teams):  # type: ignore[no-untyped-def]
    task = create_task(by=people["admin"], owner=people["agent"], title="Hand over")
    Notification.objects.all().delete()

    update_task(task, by=people["admin"], values={"owner": people["outsider"]})

    task.refresh_from_db()
    assert task.owner == people["outsider"]
    assert task.team == teams[1]
    assert Notification.objects.get().recipient == people["outsider"]


def test_an_agent_may_not_hand_their_task_to_a_colleague(people):  # type: ignore[no-untyped-def]
    task = create_task(by=people["agent"], title="Mine")

    with pytest.raises(ValidationError) as caught:
        update_task(task, by=people["agent"], values={"owner": people["colleague"]})

    assert list(caught.value.message_dict) == ["owner"]
    task.refresh_from_db()
    assert task.owner == people["agent"]


def test_a_colleague_may_not_change_an_agents_task(people):  # type: ignore[no-untyped-def]
    task = create_task(by=people["agent"], title="Mine")

    with pytest.raises(PermissionDenied):
        update_task(task, by=people["colleague"], values={"title": "Theirs"})
