"""Tickets over the API: the same rules as the web UI, the API's error shape and versions.

Everyone but the outsider is in the Dhaka desk, whose queue the ticket is in.
"""

from __future__ import annotations

import pytest

from sampark.contacts.tests.factories import ContactFactory
from sampark.core.tests.api_client import API, api_client, if_match
from sampark.service import actions
from sampark.service.models import Category, MessageKind, Ticket, TicketStatus
from sampark.service.tests.factories import make_ticket

TICKETS = f"{API}/tickets"

pytestmark = pytest.mark.django_db


@pytest.fixture
def ticket(people):  # type: ignore[no-untyped-def]
    ticket = make_ticket(people["manager"], subject="Card blocked")
    return actions.assign(ticket, to=people["agent"], by=people["manager"])


def test_a_ticket_is_opened_answered_changed_and_deleted(people, teams):  # type: ignore[no-untyped-def]
    client_record = ContactFactory(owner=people["agent"], team=teams[0], language="bn")
    category = Category.objects.create(name="Cards")
    api = api_client(people["agent"])

    created = api.post_json(
        TICKETS,
        {
            "requester": client_record.pk,
            "subject": "কার্ড বন্ধ",
            "body": "এটিএম-এ কার্ড আটকে গেছে।",
            "category": category.pk,
            "tags": ["cards"],
        },
    )
    assert created.status_code == 201
    body = created.json()
    assert (body["channel"], body["status"], body["language"], body["tags"]) == (
        "api",
        "new",
        "bn",
        ["cards"],
    )
    url = created["Location"]

    answered = api.post_json(
        f"{url}/messages", {"kind": "reply", "body": "খুলে দেওয়া হয়েছে।", "status": "solved"}
    )
    assert answered.status_code == 201
    assert answered.json()["kind"] == MessageKind.REPLY
    thread = api.get(f"{url}/messages").json()
    assert [m["kind"] for m in thread] == ["client", "reply"]

    current = api.get(url).json()
    assert current["status"] == TicketStatus.SOLVED
    changed = api.patch_json(
        url, {"root_cause": "Card limit", "priority": 3}, headers=if_match(current["version"])
    )
    assert changed.status_code == 200
    assert changed.json()["priority"] == 3
    assert api.patch_json(url, {"priority": 1}, headers=if_match(1)).status_code == 409

    assert api.delete(url, headers=if_match(changed.json()["version"])).status_code == 204
    assert not Ticket.objects.exists()


def test_bad_values_are_422_with_fields(people, ticket):  # type: ignore[no-untyped-def]
    api = api_client(people["agent"])

    assert api.post_json(TICKETS, {"requester": 999, "subject": "x", "body": "y"}).json()["error"][
        "fields"
    ] == {"requester": ["No such contact, or you may not see it."]}
    refused = api.post_json(
        TICKETS, {"requester": ticket.requester_id, "subject": " ", "body": "", "priority": 9}
    )
    assert refused.status_code == 422
    assert set(refused.json()["error"]["fields"]) == {"priority"}
    refused = api.post_json(TICKETS, {"requester": ticket.requester_id, "subject": " ", "body": ""})
    assert set(refused.json()["error"]["fields"]) == {"subject", "body"}
    url = f"{TICKETS}/{ticket.pk}"
    bad_status = api.patch_json(url, {"status": "done"}, headers=if_match(ticket.version))
    assert bad_status.json()["error"]["fields"] == {
        "status": ["Use one of: new, open, pending, on_hold, solved, closed."]
    }
    assert api.get(TICKETS, {"status": "later"}).status_code == 422


def test_who_sees_and_may_change_what(people, ticket):  # type: ignore[no-untyped-def]
    url = f"{TICKETS}/{ticket.pk}"
    for role in ("admin", "manager", "agent", "colleague", "reader"):
        assert api_client(people[role]).get(url).status_code == 200
        listed = [t["id"] for t in api_client(people[role]).get(TICKETS).json()["items"]]
        assert listed == [ticket.pk]
    outsider = api_client(people["outsider"])
    assert outsider.get(url).status_code == 404
    assert outsider.get(TICKETS).json()["items"] == []
    assert outsider.post_json(f"{url}/messages", {"body": "hi"}).status_code == 404

    colleague = api_client(people["colleague"])
    assert colleague.post_json(f"{url}/messages", {"body": "hi"}).status_code == 403
    assert (
        colleague.post_json(f"{url}/messages", {"kind": "note", "body": "fyi"}).status_code == 201
    )
    assert (
        colleague.patch_json(url, {"priority": 4}, headers=if_match(ticket.version)).status_code
        == 403
    )
    reader = api_client(people["reader"])
    assert reader.post_json(f"{url}/messages", {"kind": "note", "body": "x"}).status_code == 403


def test_taking_and_assigning(people):  # type: ignore[no-untyped-def]
    ticket = make_ticket(people["manager"])
    url = f"{TICKETS}/{ticket.pk}/assign"

    taken = api_client(people["colleague"]).post_json(url, {"assignee": people["colleague"].pk})
    assert taken.status_code == 200
    assert taken.json()["assignee"] == people["colleague"].pk
    again = api_client(people["agent"]).post_json(url, {"assignee": people["agent"].pk})
    assert again.status_code == 403
    assert api_client(people["agent"]).get(TICKETS, {"assignee": "none"}).json()["items"] == []


def test_merging(people, ticket):  # type: ignore[no-untyped-def]
    twin = make_ticket(people["agent"], requester=ticket.requester)

    merged = api_client(people["agent"]).post_json(
        f"{TICKETS}/{twin.pk}/merge", {"into": ticket.pk}
    )

    assert merged.status_code == 200
    assert merged.json()["id"] == ticket.pk
    assert Ticket.objects.get(pk=twin.pk).merged_into_id == ticket.pk


def test_the_schema_lists_the_ticket_operations(client, db):  # type: ignore[no-untyped-def]
    paths = client.get(f"{API}/openapi.json").json()["paths"]

    assert set(paths[TICKETS]) == {"get", "post"}
    assert set(paths[f"{TICKETS}/{{ticket_id}}"]) == {"get", "patch", "delete"}
    for action in ("messages", "assign", "merge"):
        assert f"{TICKETS}/{{ticket_id}}/{action}" in paths
    assert f"{API}/ticket-categories" in paths


def test_splitting_a_message_off(people, ticket):  # type: ignore[no-untyped-def]
    second = actions.client_wrote(
        ticket,
        by=people["manager"],
        body="Another thing",
        contact=ticket.requester,
        channel="email",
    )
    api = api_client(people["agent"])
    url = f"{TICKETS}/{ticket.pk}/split"

    assert api.post_json(url, {"message": 999}).status_code == 422
    made = api.post_json(url, {"message": second.pk})

    assert made.status_code == 201
    assert Ticket.objects.get(pk=made.json()["id"]).messages.first().body == "Another thing"
    assert api_client(people["outsider"]).post_json(url, {"message": second.pk}).status_code == 404
