"""Roles decide what the activities API shows and allows, exactly as in the web UI.

Everyone but the outsider is in the Dhaka desk, where the agent owns the client; the outsider
is an agent of the Mumbai desk.
"""

from __future__ import annotations

import pytest

from sampark.contacts.models import Activity
from sampark.contacts.tests.activity_factories import ActivityFactory
from sampark.contacts.tests.factories import CompanyFactory, ContactFactory
from sampark.core.models import TokenScope
from sampark.core.tests.api_client import API, api_client, if_match

ACTIVITIES = f"{API}/activities"


@pytest.fixture
def contact(people, teams):  # type: ignore[no-untyped-def]
    return ContactFactory(owner=people["agent"], team=teams[0])


@pytest.fixture
def activity(people, teams, contact):  # type: ignore[no-untyped-def]
    return ActivityFactory(contact=contact, owner=people["agent"], team=teams[0], subject="Call")


def test_an_outsider_sees_nothing_of_another_team(people, contact, activity):  # type: ignore[no-untyped-def]
    client = api_client(people["outsider"])
    url = f"{ACTIVITIES}/{activity.pk}"
    missing = client.get(f"{ACTIVITIES}/{activity.pk + 1000}").json()

    assert client.get(ACTIVITIES).json()["items"] == []
    assert client.get(ACTIVITIES, {"contact": contact.pk}).json()["items"] == []
    for response in (
        client.get(url),
        client.patch_json(url, {"subject": "Mine"}, headers=if_match(1)),
        client.delete(url, headers=if_match(1)),
        client.get(f"{API}/contacts/{contact.pk}/timeline"),
        client.post_json(ACTIVITIES, {"contact": contact.pk, "kind": "call"}),
    ):
        assert response.status_code == 404
        assert response.json() == missing
    activity.refresh_from_db()
    assert activity.subject == "Call"
    assert Activity.objects.count() == 1


def test_an_outsider_cannot_log_on_another_teams_company(people, teams):  # type: ignore[no-untyped-def]
    company = CompanyFactory(owner=people["agent"], team=teams[0])

    response = api_client(people["outsider"]).post_json(
        ACTIVITIES, {"company": company.pk, "kind": "note"}
    )

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


@pytest.mark.parametrize("role", ["admin", "manager", "agent", "colleague", "reader"])
def test_everyone_in_the_team_reads_the_timeline(people, contact, activity, role):  # type: ignore[no-untyped-def]
    client = api_client(people[role])

    assert client.get(f"{ACTIVITIES}/{activity.pk}").status_code == 200
    assert [
        i["id"] for i in client.get(f"{API}/contacts/{contact.pk}/timeline").json()["items"]
    ] == [activity.pk]


def test_a_reader_cannot_log_change_or_delete(people, contact, activity):  # type: ignore[no-untyped-def]
    client = api_client(people["reader"])
    url = f"{ACTIVITIES}/{activity.pk}"

    responses = [
        client.post_json(ACTIVITIES, {"contact": contact.pk, "kind": "call"}),
        client.patch_json(url, {"subject": "Changed"}, headers=if_match(1)),
        client.delete(url, headers=if_match(1)),
    ]

    assert [r.status_code for r in responses] == [403, 403, 403]
    assert {r.json()["error"]["code"] for r in responses} == {"forbidden"}
    assert list(Activity.objects.values_list("subject", flat=True)) == ["Call"]


def test_a_colleague_logs_a_call_on_a_teammates_client(people, teams, contact):  # type: ignore[no-untyped-def]
    response = api_client(people["colleague"]).post_json(
        ACTIVITIES, {"contact": contact.pk, "kind": "call", "subject": "Covered for Agent"}
    )

    assert response.status_code == 201
    assert response.json()["owner"] == people["colleague"].pk
    assert response.json()["team"] == teams[0].pk


@pytest.mark.parametrize(
    ("role", "status"),
    [("admin", 200), ("manager", 200), ("agent", 200), ("colleague", 403), ("reader", 403)],
)
def test_only_the_author_a_manager_or_an_admin_may_change(people, activity, role, status):  # type: ignore[no-untyped-def]
    response = api_client(people[role]).patch_json(
        f"{ACTIVITIES}/{activity.pk}", {"subject": role}, headers=if_match(1)
    )

    assert response.status_code == status


@pytest.mark.parametrize(
    ("role", "status"),
    [("admin", 204), ("manager", 204), ("agent", 204), ("colleague", 403), ("reader", 403)],
)
def test_only_the_author_a_manager_or_an_admin_may_delete(people, activity, role, status):  # type: ignore[no-untyped-def]
    response = api_client(people[role]).delete(f"{ACTIVITIES}/{activity.pk}", headers=if_match(1))

    assert response.status_code == status
    assert Activity.objects.exists() is (status == 403)


def test_a_read_only_token_cannot_log(people, contact):  # type: ignore[no-untyped-def]
    client = api_client(people["agent"], TokenScope.READ)

    response = client.post_json(ACTIVITIES, {"contact": contact.pk, "kind": "call"})

    assert response.status_code == 403
    assert not Activity.objects.exists()


def test_without_credentials_it_is_401(client):  # type: ignore[no-untyped-def]
    assert client.get(ACTIVITIES).status_code == 401
