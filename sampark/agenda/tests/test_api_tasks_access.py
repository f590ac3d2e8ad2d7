"""Roles decide what the tasks and slots API shows and allows, exactly as in the web UI.

Everyone but the outsider is in the Dhaka desk, where the agent owns the task; the outsider is
an agent of the Mumbai desk.
"""

from __future__ import annotations

import pytest

from sampark.agenda.models import Task
from sampark.agenda.tests.factories import TaskFactory
from sampark.contacts.tests.factories import ContactFactory
from sampark.core.models import TokenScope
from sampark.core.tests.api_client import API, api_client, if_match

TASKS = f"{API}/tasks"


@pytest.fixture
def contact(people, teams):  # type: ignore[no-untyped-def]
    return ContactFactory(owner=people["agent"], team=teams[0], time_zone="Asia/Dhaka")


@pytest.fixture
def task(people, teams, contact):  # type: ignore[no-untyped-def]
    return TaskFactory(owner=people["agent"], team=teams[0], contact=contact, title="Dhaka task")


def test_an_outsider_sees_nothing_of_another_team(people, contact, task):  # type: ignore[no-untyped-def]
    client = api_client(people["outsider"])
    url = f"{TASKS}/{task.pk}"
    missing = client.get(f"{TASKS}/{task.pk + 1000}").json()

    assert client.get(TASKS).json()["items"] == []
    assert client.get(TASKS, {"contact": contact.pk}).json()["items"] == []
    for response in (
        client.get(url),
        client.patch_json(url, {"title": "mine"}, headers=if_match(1)),
        client.delete(url, headers=if_match(1)),
        client.post(f"{url}/complete"),
        client.get(f"{API}/contacts/{contact.pk}/tasks"),
        client.get(f"{API}/contacts/{contact.pk}/slots"),
    ):
        assert response.status_code == 404
        assert response.json() == missing
    task.refresh_from_db()
    assert (task.title, task.status) == ("Dhaka task", "open")


@pytest.mark.parametrize("role", ["admin", "manager", "agent", "colleague", "reader"])
def test_the_team_may_read(people, task, contact, role):  # type: ignore[no-untyped-def]
    client = api_client(people[role], TokenScope.READ)

    assert client.get(f"{TASKS}/{task.pk}").status_code == 200
    assert [t["id"] for t in client.get(TASKS).json()["items"]] == [task.pk]
    assert client.get(f"{API}/contacts/{contact.pk}/slots").status_code == 200


@pytest.mark.parametrize(("role", "status"), [("colleague", 403), ("reader", 403)])
def test_only_its_assignee_manager_or_admin_may_change_it(people, task, role, status):  # type: ignore[no-untyped-def]
    client = api_client(people[role])
    url = f"{TASKS}/{task.pk}"

    assert client.patch_json(url, {"title": "x"}, headers=if_match(1)).status_code == status
    assert client.post(f"{url}/complete").status_code == status
    assert client.delete(url, headers=if_match(1)).status_code == status
    assert Task.objects.get().title == "Dhaka task"


@pytest.mark.parametrize("role", ["admin", "manager", "agent"])
def test_the_assignee_their_manager_and_an_admin_may_complete_it(people, task, role):  # type: ignore[no-untyped-def]
    response = api_client(people[role]).post(f"{TASKS}/{task.pk}/complete")

    assert response.status_code == 200
    assert response.json()["status"] == "done"


def test_a_read_token_may_not_create(people):  # type: ignore[no-untyped-def]
    response = api_client(people["agent"], TokenScope.READ).post_json(TASKS, {"title": "x"})

    assert response.status_code == 403


def test_a_reader_may_not_create(people):  # type: ignore[no-untyped-def]
    response = api_client(people["reader"]).post_json(TASKS, {"title": "x"})

    assert response.status_code == 403
    assert not Task.objects.filter(title="x").exists()


def test_slots_name_both_clocks(people, contact):  # type: ignore[no-untyped-def]
    contact.time_zone, contact.country = "Europe/London", "GB"
    contact.save()
    agent = people["agent"]
    agent.time_zone = "Asia/Dhaka"
    agent.save()

    response = api_client(agent).get(
        f"{API}/contacts/{contact.pk}/slots",
        {"duration": 60, "days": 1, "start": "2030-01-14"},  # a Monday
    )

    body = response.json()
    assert response.status_code == 200
    assert (body["your_time_zone"], body["their_time_zone"]) == ("Asia/Dhaka", "Europe/London")
    assert body["their_time_zone_known"] is True
    assert [s["their_time"] for s in body["slots"]] == [
        "Mon, 14 Jan, 9:00\u202fam",
        "Mon, 14 Jan, 9:30\u202fam",
        "Mon, 14 Jan, 10:00\u202fam",  # CLDR puts a narrow space before am
    ]
    assert body["slots"][0]["your_time"] == "Mon, 14 Jan, 3:00\u202fpm"


@pytest.mark.parametrize("params", [{"duration": 0}, {"days": 90}, {"start": "someday"}])
def test_bad_slot_parameters_are_422(people, contact, params):  # type: ignore[no-untyped-def]
    response = api_client(people["agent"]).get(f"{API}/contacts/{contact.pk}/slots", params)

    assert response.status_code == 422
    assert set(response.json()["error"]["fields"]) == set(params)
