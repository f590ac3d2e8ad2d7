"""The tasks section on contact and company pages: lazily loaded, open first, field errors shown,
and a fixed query cost; the contact header names the next open task."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sampark.agenda.models import Task, TaskStatus
from sampark.agenda.tests.factories import TaskFactory, utc
from sampark.contacts.tests.factories import CompanyFactory, ContactFactory

HTMX = {"HX-Request": "true"}


@pytest.fixture
def contact(people, teams):  # type: ignore[no-untyped-def]
    return ContactFactory(owner=people["agent"], team=teams[0], time_zone="Europe/London")


def add(contact, n=0, **values):  # type: ignore[no-untyped-def]
    defaults = {
        "title": f"task {n}",
        "due_at": utc(2030, 1, 1 + n % 28, 4),
        "owner": contact.owner,
        "team": contact.team,
    }
    return TaskFactory(contact=contact, **{**defaults, **values})


def section(client, contact):  # type: ignore[no-untyped-def]
    return client.get(reverse("agenda:contact_tasks", args=[contact.pk]), headers=HTMX)


def test_the_contact_page_loads_the_section_with_htmx(client, people, contact):  # type: ignore[no-untyped-def]
    client.force_login(people["agent"])

    page = client.get(reverse("contacts:detail", args=[contact.pk])).content.decode()

    url = reverse("agenda:contact_tasks", args=[contact.pk])
    assert f'hx-get="{url}" hx-trigger="load"' in page
    assert reverse("agenda:contact_slots", args=[contact.pk]) in page


def test_the_company_page_loads_its_tasks(client, people, teams):  # type: ignore[no-untyped-def]
    company = CompanyFactory(owner=people["agent"], team=teams[0])
    TaskFactory(company=company, owner=people["agent"], team=teams[0], title="Renew the mandate")
    client.force_login(people["agent"])

    page = client.get(reverse("contacts:company_detail", args=[company.pk])).content.decode()
    body = client.get(reverse("agenda:company_tasks", args=[company.pk]), headers=HTMX)

    assert reverse("agenda:company_tasks", args=[company.pk]) in page
    assert "Renew the mandate" in body.content.decode()


def test_open_tasks_come_first_soonest_due_then_recently_done(client, people, contact):  # type: ignore[no-untyped-def]
    later = add(contact, 5, title="later")
    sooner = add(contact, 1, title="sooner")
    undated = add(contact, title="undated", due_at=None)
    done = add(contact, title="done", status=TaskStatus.DONE, completed_at=utc(2029, 1, 1))
    client.force_login(people["agent"])

    response = section(client, contact)

    assert [r.task for r in response.context["open_rows"]] == [sooner, later, undated]
    assert [r.task for r in response.context["done_rows"]] == [done]


def test_an_overdue_task_is_highlighted_and_due_times_show_both_clocks(client, people, contact):  # type: ignore[no-untyped-def]
    agent = people["agent"]
    agent.time_zone = "Asia/Dhaka"
    agent.save()
    add(contact, title="Late one", due_at=utc(2020, 3, 2, 4))
    client.force_login(agent)

    body = section(client, contact).content.decode()

    assert 'class="task overdue"' in body
    assert "Overdue" in body
    assert "Mon, 2 Mar, 10:00" in body  # Dhaka
    assert "their time Mon, 2 Mar, 4:00" in body  # London


def test_adding_a_task_with_htmx_lists_it(client, people, contact):  # type: ignore[no-untyped-def]
    agent = people["agent"]
    client.force_login(agent)

    response = client.post(
        reverse("agenda:contact_add_task", args=[contact.pk]),
        {
            "title": "Send margin rules",
            "owner": agent.pk,
            "due_at": "2030-01-02T10:00",
            "priority": "high",
            "remind": "1h",
            "recurrence": "none",
        },
        headers=HTMX,
    )

    assert response.status_code == 200
    assert "Task added." in response.content.decode()
    task = Task.objects.get()
    assert (task.contact, task.owner, task.priority) == (contact, agent, "high")
    assert task.due_at == datetime.datetime(2030, 1, 2, 4, tzinfo=datetime.UTC)  # in Dhaka
    assert task.remind_at == task.due_at - datetime.timedelta(hours=1)
    assert "Send margin rules" in response.content.decode()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"title": ""}, "title"),
        ({"due_at": "not a date"}, "due_at"),
        ({"remind": "15m", "due_at": ""}, "remind"),
        ({"remind": "custom"}, "remind_at"),
        ({"priority": "whenever"}, "priority"),
    ],
)
def test_bad_input_shows_field_errors_in_place(client, people, contact, data, field):  # type: ignore[no-untyped-def]
    agent = people["agent"]
    client.force_login(agent)
    good = {"title": "x", "owner": agent.pk, "priority": "normal", "recurrence": "none"}

    response = client.post(
        reverse("agenda:contact_add_task", args=[contact.pk]), {**good, **data}, headers=HTMX
    )

    assert response.status_code == 200
    assert response["HX-Retarget"] == "#add-task-form"
    assert f'id="id_{field}_error"' in response.content.decode()
    assert not Task.objects.exists()


def test_an_agent_cannot_assign_to_a_colleague_from_the_form(client, people, contact):  # type: ignore[no-untyped-def]
    client.force_login(people["agent"])

    response = client.post(
        reverse("agenda:contact_add_task", args=[contact.pk]),
        {"title": "x", "owner": people["colleague"].pk, "priority": "normal", "recurrence": "none"},
        headers=HTMX,
    )

    assert 'id="id_owner_error"' in response.content.decode()
    assert not Task.objects.exists()


def test_the_assignee_choices_follow_the_role(client, people, contact):  # type: ignore[no-untyped-def]
    def choices(role):  # type: ignore[no-untyped-def]
        client.force_login(people[role])
        form = section(client, contact).context["form"]
        return {user.username for user in form.fields["owner"].queryset}

    assert choices("agent") == {"agent"}
    assert choices("manager") == {"manager", "agent", "colleague", "reader"}
    assert "outsider" in choices("admin")


def test_without_htmx_adding_redirects_to_the_contact(client, people, contact):  # type: ignore[no-untyped-def]
    client.force_login(people["agent"])

    response = client.post(
        reverse("agenda:contact_add_task", args=[contact.pk]),
        {"title": "Plain", "owner": people["agent"].pk, "priority": "normal", "recurrence": "none"},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("contacts:detail", args=[contact.pk])


def test_completing_and_reopening_without_htmx_go_back(client, people, contact):  # type: ignore[no-untyped-def]
    task = add(contact)
    client.force_login(people["agent"])
    back = reverse("contacts:detail", args=[contact.pk])

    done = client.post(reverse("agenda:task_complete", args=[task.pk]), {"next": back})
    task.refresh_from_db()
    assert (done["Location"], task.status) == (back, TaskStatus.DONE)

    client.post(reverse("agenda:task_reopen", args=[task.pk]), {"next": "https://evil.example/"})
    task.refresh_from_db()
    assert task.status == TaskStatus.OPEN


@pytest.mark.parametrize("count", [2, 30])
def test_the_section_costs_the_same_queries_however_many_tasks(  # type: ignore[no-untyped-def]
    client, people, contact, count, django_assert_max_num_queries
):
    for n in range(count):
        add(contact, n, owner=[people["agent"], people["colleague"]][n % 2])
    client.force_login(people["manager"])
    section(client, contact)  # warm the session

    with django_assert_max_num_queries(10):
        response = section(client, contact)

    assert len(response.context["open_rows"]) == count


def test_the_contact_header_names_the_next_open_task(client, people, contact):  # type: ignore[no-untyped-def]
    add(contact, 9, title="Later")
    add(contact, 2, title="Prepare the SIP form")
    add(contact, 1, title="Already done", status=TaskStatus.DONE)
    client.force_login(people["agent"])

    response = client.get(reverse("contacts:detail", args=[contact.pk]))

    assert response.context["next_task"].title == "Prepare the SIP form"
    assert "Next task" in response.content.decode()


def test_the_header_leaves_out_a_task_the_viewer_may_not_see(client, people, teams, contact):  # type: ignore[no-untyped-def]
    TaskFactory(contact=contact, owner=people["outsider"], team=teams[1], title="Mumbai's")
    client.force_login(people["agent"])

    response = client.get(reverse("contacts:detail", args=[contact.pk]))

    assert response.context["next_task"] is None
    assert "Mumbai's" not in response.content.decode()


def test_the_contact_page_query_count_does_not_depend_on_the_tasks(  # type: ignore[no-untyped-def]
    client, people, contact, django_assert_num_queries
):
    add(contact, 0)
    client.force_login(people["agent"])
    url = reverse("contacts:detail", args=[contact.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    for n in range(1, 30):
        add(contact, n)

    with django_assert_num_queries(len(before.captured_queries)):
        client.get(url)
