"""Roles decide what the task pages show and allow: another team's task or record is missing
(404) everywhere, a visible one the role may not change is refused (403)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sampark.agenda.models import Task, TaskStatus
from sampark.agenda.tests.factories import TaskFactory, utc
from sampark.contacts.models import Activity
from sampark.contacts.tests.factories import ContactFactory

HTMX = {"HX-Request": "true"}


@pytest.fixture
def contact(people, teams):  # type: ignore[no-untyped-def]
    return ContactFactory(owner=people["agent"], team=teams[0])


@pytest.fixture
def task(people, teams, contact):  # type: ignore[no-untyped-def]
    return TaskFactory(
        owner=people["agent"],
        team=teams[0],
        contact=contact,
        title="Dhaka task",
        due_at=utc(2030, 1, 1),
    )


def test_an_outsider_finds_nothing_of_another_team(client, people, contact, task):  # type: ignore[no-untyped-def]
    client.force_login(people["outsider"])
    gets = [
        reverse("agenda:task", args=[task.pk]),
        reverse("agenda:task_edit", args=[task.pk]),
        reverse("agenda:task_delete", args=[task.pk]),
        reverse("agenda:contact_tasks", args=[contact.pk]),
        reverse("agenda:contact_slots", args=[contact.pk]),
    ]
    posts = [
        reverse("agenda:task_complete", args=[task.pk]),
        reverse("agenda:task_reopen", args=[task.pk]),
        reverse("agenda:task_delete", args=[task.pk]),
        reverse("agenda:contact_add_task", args=[contact.pk]),
        reverse("agenda:contact_book_slot", args=[contact.pk]),
    ]

    for url in gets:
        assert client.get(url).status_code == 404, url
    for url in posts:
        assert (
            client.post(
                url, {"title": "x", "starts_at": "2030-01-01T10:00Z", "minutes": 30}
            ).status_code
            == 404
        ), url
    assert Task.objects.get().title == "Dhaka task"
    assert not Activity.objects.exists()


@pytest.mark.parametrize("assignee", ["me", "team", "all"])
def test_the_task_list_never_shows_another_teams_tasks(client, people, task, assignee):  # type: ignore[no-untyped-def]
    client.force_login(people["outsider"])

    response = client.get(reverse("agenda:tasks"), {"assignee": assignee, "status": "any"})

    assert response.context["rows"] == []
    assert "Dhaka task" not in response.content.decode()


def test_a_reader_sees_the_tasks_but_no_form_and_may_not_add(client, people, contact, task):  # type: ignore[no-untyped-def]
    client.force_login(people["reader"])

    shown = client.get(reverse("agenda:contact_tasks", args=[contact.pk]), headers=HTMX)
    added = client.post(reverse("agenda:contact_add_task", args=[contact.pk]), {"title": "x"})

    assert "Dhaka task" in shown.content.decode()
    assert shown.context["form"] is None
    assert "Add a task" not in shown.content.decode()
    assert 'hx-post="/agenda/tasks/' not in shown.content.decode()  # no complete buttons
    assert added.status_code == 403
    assert client.get(reverse("agenda:task_new")).status_code == 403


@pytest.mark.parametrize("role", ["colleague", "reader"])
def test_a_teammate_who_may_not_change_it_is_refused(client, people, task, role):  # type: ignore[no-untyped-def]
    client.force_login(people[role])

    assert client.get(reverse("agenda:task", args=[task.pk])).status_code == 200
    assert client.get(reverse("agenda:task_edit", args=[task.pk])).status_code == 403
    assert client.post(reverse("agenda:task_complete", args=[task.pk])).status_code == 403
    assert client.post(reverse("agenda:task_delete", args=[task.pk])).status_code == 403
    task.refresh_from_db()
    assert task.status == TaskStatus.OPEN


def test_a_manager_edits_a_team_members_task(client, people, task):  # type: ignore[no-untyped-def]
    client.force_login(people["manager"])
    url = reverse("agenda:task_edit", args=[task.pk])

    response = client.post(
        url,
        {
            "title": "Renamed",
            "owner": people["colleague"].pk,
            "due_at": "2030-01-02T09:00",
            "priority": "urgent",
            "status": "in_progress",
            "progress": 30,
            "recurrence": "none",
            "remind": "",
            "version": task.version,
        },
    )

    assert response.status_code == 302
    task.refresh_from_db()
    assert (task.title, task.owner, task.priority, task.progress) == (
        "Renamed",
        people["colleague"],
        "urgent",
        30,
    )


def test_an_edit_from_a_stale_page_is_refused_with_a_message(client, people, task):  # type: ignore[no-untyped-def]
    client.force_login(people["agent"])
    url = reverse("agenda:task_edit", args=[task.pk])
    Task.objects.filter(pk=task.pk).update(version=5)

    response = client.post(
        url,
        {
            "title": "Mine",
            "owner": people["agent"].pk,
            "priority": "normal",
            "status": "open",
            "progress": 0,
            "recurrence": "none",
            "version": 1,
        },
    )

    assert response.status_code == 200
    assert "Someone else changed this task" in response.content.decode()


def test_progress_over_100_is_a_field_error_on_the_edit_page(client, people, task):  # type: ignore[no-untyped-def]
    client.force_login(people["agent"])

    response = client.post(
        reverse("agenda:task_edit", args=[task.pk]),
        {
            "title": "x",
            "owner": people["agent"].pk,
            "priority": "normal",
            "status": "open",
            "progress": 150,
            "recurrence": "none",
            "version": 1,
        },
    )

    assert response.status_code == 200
    assert 'id="id_progress_error"' in response.content.decode()


def test_the_agent_deletes_their_task_and_returns_to_the_contact(client, people, contact, task):  # type: ignore[no-untyped-def]
    client.force_login(people["agent"])

    response = client.post(reverse("agenda:task_delete", args=[task.pk]))

    assert response["Location"] == reverse("contacts:detail", args=[contact.pk])
    assert not Task.objects.exists()


def test_a_task_on_a_contact_the_assignee_may_not_see_does_not_name_it(client, people, teams):  # type: ignore[no-untyped-def]
    mumbai_client = ContactFactory(owner=people["outsider"], team=teams[1], display_name="Kabir")
    task = TaskFactory(owner=people["agent"], team=teams[0], contact=mumbai_client)
    client.force_login(people["agent"])

    response = client.get(reverse("agenda:task", args=[task.pk]))

    assert response.status_code == 200
    assert response.context["contact"] is None
    assert "Kabir" not in response.content.decode()


def test_a_stand_alone_task_is_made_from_its_own_page(client, people):  # type: ignore[no-untyped-def]
    client.force_login(people["agent"])

    response = client.post(
        reverse("agenda:task_new"),
        {
            "title": "Plan the week",
            "owner": people["agent"].pk,
            "priority": "low",
            "recurrence": "weekly",
            "due_at": "2030-01-06T09:00",
        },
    )

    task = Task.objects.get()
    assert response["Location"] == reverse("agenda:task", args=[task.pk])
    assert (task.contact, task.company, task.recurrence) == (None, None, "weekly")


def test_an_outsider_can_neither_read_nor_add_tasks_on_another_teams_company(client, people, teams):  # type: ignore[no-untyped-def]
    from sampark.contacts.tests.factories import CompanyFactory

    company = CompanyFactory(owner=people["agent"], team=teams[0])
    TaskFactory(owner=people["agent"], team=teams[0], company=company, title="Dhaka company task")
    client.force_login(people["outsider"])

    shown = client.get(reverse("agenda:company_tasks", args=[company.pk]), headers=HTMX)
    added = client.post(reverse("agenda:company_add_task", args=[company.pk]), {"title": "x"})

    assert shown.status_code == 404
    assert added.status_code == 404
    assert Task.objects.get().title == "Dhaka company task"
