"""The tasks API: create, read, filter, change with If-Match, complete, delete; 422 with fields."""

from __future__ import annotations

import json

import pytest

from sampark.agenda.models import Task, TaskStatus
from sampark.agenda.tests.factories import TaskFactory, utc
from sampark.contacts.tests.factories import CompanyFactory, ContactFactory
from sampark.core.tests.api_client import API, api_client, if_match

TASKS = f"{API}/tasks"


@pytest.fixture
def contact(people, teams):  # type: ignore[no-untyped-def]
    return ContactFactory(owner=people["agent"], team=teams[0])


def test_an_agent_creates_a_task_on_a_contact_and_reads_it_back(people, contact):  # type: ignore[no-untyped-def]
    client = api_client(people["agent"])

    created = client.post_json(
        TASKS,
        {
            "title": "Send margin rules",
            "contact": contact.pk,
            "due_at": "2026-03-12T10:00:00+06:00",
            "priority": "high",
            "recurrence": "weekly",
        },
    )

    assert created.status_code == 201
    body = created.json()
    assert body["assignee"] == people["agent"].pk
    assert body["contact"] == contact.pk
    assert body["due_at"] == "2026-03-12T04:00:00Z"
    assert created["ETag"] == '"1"'
    assert created["Location"].endswith(f"/tasks/{body['id']}")
    fetched = client.get(f"{TASKS}/{body['id']}")
    assert fetched.json() == body


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"progress": 150}, "progress"),
        ({"priority": "whenever"}, "priority"),
        ({"status": "pending"}, "status"),
        ({"recurrence": "hourly"}, "recurrence"),
        ({"due_at": "next tuesday"}, "due_at"),
        ({"title": ""}, "title"),
        ({"assignee": 999999}, "assignee"),
        ({"company": 999999}, "company"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_bad_input_is_422_naming_the_field(people, values, field):  # type: ignore[no-untyped-def]
    response = api_client(people["agent"]).post_json(TASKS, {"title": "x", **values})

    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid"
    assert field in response.json()["error"]["fields"]
    assert not Task.objects.exists()


def test_a_contact_the_user_may_not_see_is_a_field_error_like_a_missing_one(people):  # type: ignore[no-untyped-def]
    other_team = ContactFactory(owner=people["outsider"])
    client = api_client(people["agent"])

    hidden = client.post_json(TASKS, {"title": "x", "contact": other_team.pk}).json()
    missing = client.post_json(TASKS, {"title": "x", "contact": other_team.pk + 1000}).json()

    assert hidden["error"]["fields"] == missing["error"]["fields"]
    assert list(hidden["error"]["fields"]) == ["contact"]


def test_an_agent_giving_a_task_to_a_colleague_is_told_on_the_assignee_field(people):  # type: ignore[no-untyped-def]
    response = api_client(people["agent"]).post_json(
        TASKS, {"title": "x", "assignee": people["colleague"].pk}
    )

    assert response.status_code == 422
    assert list(response.json()["error"]["fields"]) == ["assignee"]


def test_a_manager_assigns_to_a_team_member(people):  # type: ignore[no-untyped-def]
    response = api_client(people["manager"]).post_json(
        TASKS, {"title": "Call back", "assignee": people["agent"].pk}
    )

    assert response.status_code == 201
    assert response.json()["assignee"] == people["agent"].pk


def test_the_list_filters_by_assignee_status_contact_company_and_due_range(people, teams, contact):  # type: ignore[no-untyped-def]
    company = CompanyFactory(owner=people["agent"], team=teams[0])
    agent, colleague = people["agent"], people["colleague"]
    a = TaskFactory(owner=agent, team=teams[0], contact=contact, due_at=utc(2026, 3, 1))
    b = TaskFactory(owner=agent, team=teams[0], company=company, due_at=utc(2026, 3, 5))
    c = TaskFactory(owner=colleague, team=teams[0], status=TaskStatus.DONE)
    client = api_client(people["manager"])

    def ids(**params):  # type: ignore[no-untyped-def]
        response = client.get(TASKS, params)
        assert response.status_code == 200, response.content
        return [item["id"] for item in response.json()["items"]]

    assert ids() == [a.pk, b.pk, c.pk]  # soonest due first, undated last
    assert ids(assignee=agent.pk) == [a.pk, b.pk]
    assert ids(status="done") == [c.pk]
    assert ids(contact=contact.pk) == [a.pk]
    assert ids(company=company.pk) == [b.pk]
    assert ids(due_after="2026-03-02T00:00:00Z") == [b.pk]
    assert ids(due_before="2026-03-02T00:00:00Z") == [a.pk]
    assert api_client(agent).get(TASKS, {"assignee": "me"}).json()["items"][0]["id"] == a.pk


@pytest.mark.parametrize(("param", "value"), [("status", "pending"), ("assignee", "bob")])
def test_an_unknown_filter_value_is_422(people, param, value):  # type: ignore[no-untyped-def]
    response = api_client(people["agent"]).get(TASKS, {param: value})

    assert response.status_code == 422
    assert param in response.json()["error"]["fields"]


def test_the_list_is_paged_by_cursor(people, teams):  # type: ignore[no-untyped-def]
    made = [
        TaskFactory(owner=people["agent"], team=teams[0], due_at=utc(2026, 3, 1 + n))
        for n in range(5)
    ]
    client = api_client(people["agent"])

    first = client.get(TASKS, {"limit": 3}).json()
    second = client.get(TASKS, {"limit": 3, "cursor": first["next_cursor"]}).json()

    assert [t["id"] for t in first["items"] + second["items"]] == [t.pk for t in made]
    assert second["next_cursor"] is None


def test_patch_needs_if_match_and_refuses_a_stale_version(people, teams):  # type: ignore[no-untyped-def]
    task = TaskFactory(owner=people["agent"], team=teams[0], title="Old")
    client = api_client(people["agent"])
    url = f"{TASKS}/{task.pk}"

    assert client.patch_json(url, {"title": "New"}).status_code == 428
    changed = client.patch_json(url, {"title": "New", "progress": 40}, headers=if_match(1))
    stale = client.patch_json(url, {"title": "Newer"}, headers=if_match(1))

    assert changed.status_code == 200
    assert (changed.json()["title"], changed.json()["progress"]) == ("New", 40)
    assert changed["ETag"] == '"2"'
    assert stale.status_code == 409
    assert Task.objects.get().title == "New"


def test_patch_with_bad_progress_is_422(people, teams):  # type: ignore[no-untyped-def]
    task = TaskFactory(owner=people["agent"], team=teams[0])

    response = api_client(people["agent"]).patch_json(
        f"{TASKS}/{task.pk}", {"progress": 150}, headers=if_match(1)
    )

    assert response.status_code == 422
    assert list(response.json()["error"]["fields"]) == ["progress"]


def test_put_replaces_every_field(people, teams, contact):  # type: ignore[no-untyped-def]
    task = TaskFactory(
        owner=people["agent"], team=teams[0], contact=contact, notes="old", priority="high"
    )
    client = api_client(people["agent"])

    response = client.put(
        f"{TASKS}/{task.pk}",
        json.dumps({"title": "Replaced"}),
        content_type="application/json",
        headers=if_match(1),
    )

    assert response.status_code == 200
    body = response.json()
    assert (body["title"], body["notes"], body["priority"], body["contact"]) == (
        "Replaced",
        "",
        "normal",
        None,
    )


def test_complete_is_idempotent_and_brings_the_next_occurrence(people, teams):  # type: ignore[no-untyped-def]
    task = TaskFactory(
        owner=people["agent"], team=teams[0], recurrence="daily", due_at=utc(2030, 1, 1, 4)
    )
    client = api_client(people["agent"])
    url = f"{TASKS}/{task.pk}/complete"

    first = client.post(url)
    second = client.post(url)

    assert first.status_code == second.status_code == 200
    assert first.json()["status"] == "done"
    assert first.json()["version"] == second.json()["version"]
    assert Task.objects.filter(previous=task).count() == 1


def test_delete_needs_if_match(people, teams):  # type: ignore[no-untyped-def]
    task = TaskFactory(owner=people["agent"], team=teams[0])
    client = api_client(people["agent"])
    url = f"{TASKS}/{task.pk}"

    assert client.delete(url).status_code == 428
    assert client.delete(url, headers=if_match(1)).status_code == 204
    assert not Task.objects.exists()


def test_a_contacts_tasks(people, teams, contact):  # type: ignore[no-untyped-def]
    on_it = TaskFactory(owner=people["agent"], team=teams[0], contact=contact)
    TaskFactory(owner=people["agent"], team=teams[0])

    response = api_client(people["reader"]).get(f"{API}/contacts/{contact.pk}/tasks")

    assert [t["id"] for t in response.json()["items"]] == [on_it.pk]


def test_the_schema_documents_the_task_operations(client, db):  # type: ignore[no-untyped-def]
    schema = client.get(f"{API}/openapi.json").json()

    assert set(schema["paths"][TASKS]) == {"get", "post"}
    assert set(schema["paths"][f"{TASKS}/{{task_id}}"]) == {"get", "patch", "put", "delete"}
    assert "post" in schema["paths"][f"{TASKS}/{{task_id}}/complete"]
    assert "get" in schema["paths"][f"{API}/contacts/{{contact_id}}/slots"]
    assert {"409", "428", "422"} <= set(
        schema["paths"][f"{TASKS}/{{task_id}}"]["patch"]["responses"]
    )
