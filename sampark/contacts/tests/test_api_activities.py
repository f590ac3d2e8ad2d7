"""Activities over the API: log, list by filters and pages, read, change with If-Match, delete."""

from __future__ import annotations

import datetime

import pytest

from sampark.contacts.models import Activity, ActivityKind, Affiliation
from sampark.contacts.tests.activity_factories import ActivityFactory, at
from sampark.contacts.tests.factories import CompanyFactory, ContactFactory
from sampark.core.models import AuditEntry
from sampark.core.tests.api_client import API, api_client, if_match

ACTIVITIES = f"{API}/activities"


@pytest.fixture
def contact(people, teams):  # type: ignore[no-untyped-def]
    return ContactFactory(owner=people["agent"], team=teams[0])


@pytest.fixture
def client(people):  # type: ignore[no-untyped-def]
    return api_client(people["agent"])


def test_log_a_call(client, people, contact, teams):  # type: ignore[no-untyped-def]
    response = client.post_json(
        ACTIVITIES,
        {
            "contact": contact.pk,
            "kind": "call",
            "direction": "inbound",
            "subject": "Asked about prices",
            "body": "<p>Wants a <strong>quote</strong><script>x</script></p>",
            "occurred_at": "2026-03-02T15:30:00+06:00",
            "duration_seconds": 270,
            "outcome": "connected",
        },
    )

    assert response.status_code == 201
    body = response.json()
    activity = Activity.objects.get()
    assert response["ETag"] == '"1"'
    assert response["Location"] == f"{ACTIVITIES}/{activity.pk}"
    assert body["body"] == "<p>Wants a <strong>quote</strong></p>"
    assert datetime.datetime.fromisoformat(body["occurred_at"]) == at(2, 9) + datetime.timedelta(
        minutes=30
    )
    assert (body["contact"], body["company"], body["owner"], body["team"]) == (
        contact.pk,
        None,
        people["agent"].pk,
        teams[0].pk,
    )
    assert (body["duration_seconds"], body["outcome"], body["version"]) == (270, "connected", 1)
    assert AuditEntry.objects.for_record(activity).count() == 1


def test_log_each_kinds_own_fields(client, contact):  # type: ignore[no-untyped-def]
    email = client.post_json(
        ACTIVITIES,
        {
            "contact": contact.pk,
            "kind": "email",
            "from_address": "meera@example.com",
            "to_addresses": ["a@example.com"],
            "cc_addresses": ["b@example.com", "c@example.com"],
            "message_id": "<123@mail.example.com>",
        },
    ).json()
    meeting = client.post_json(
        ACTIVITIES,
        {
            "contact": contact.pk,
            "kind": "meeting",
            "starts_at": "2026-03-05T10:00:00Z",
            "ends_at": "2026-03-05T11:00:00Z",
            "location": "Gulshan",
            "video_url": "https://meet.example.com/x",
            "attendees": ["Meera", "Arif"],
        },
    ).json()
    chat = client.post_json(
        ACTIVITIES, {"contact": contact.pk, "kind": "chat", "handle": "+8801711000001"}
    ).json()
    note = client.post_json(ACTIVITIES, {"contact": contact.pk, "kind": "note"}).json()

    assert email["cc_addresses"] == ["b@example.com", "c@example.com"]
    assert email["message_id"] == "<123@mail.example.com>"
    assert meeting["attendees"] == ["Meera", "Arif"]
    assert meeting["ends_at"] == "2026-03-05T11:00:00Z"
    assert chat["handle"] == "+8801711000001"
    assert note["direction"] == "internal"


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"kind": "call", "duration_seconds": -5}, "duration_seconds"),
        ({"kind": "fax"}, "kind"),
        ({"kind": "email", "to_addresses": ["ok@example.com", "not an address"]}, "to_addresses"),
        ({"kind": "email", "from_address": "nobody"}, "from_address"),
        (
            {
                "kind": "meeting",
                "starts_at": "2026-03-05T10:00:00Z",
                "ends_at": "2026-03-05T09:00:00Z",
            },
            "ends_at",
        ),
        ({"kind": "call", "outcome": "maybe"}, "outcome"),
        ({"kind": "meeting", "video_url": "javascript:alert(1)"}, "video_url"),
        ({"kind": "call", "owner": 1}, "owner"),
        ({"kind": "call", "team": 1}, "team"),
        ({"kind": "call", "duration_seconds": "long"}, "duration_seconds"),
    ],
)
def test_field_errors_are_422_by_field(client, contact, payload, field):  # type: ignore[no-untyped-def]
    response = client.post_json(ACTIVITIES, {"contact": contact.pk, **payload})

    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid"
    assert field in response.json()["error"]["fields"]
    assert not Activity.objects.exists()


def test_a_contact_or_company_is_needed(client):  # type: ignore[no-untyped-def]
    response = client.post_json(ACTIVITIES, {"kind": "note"})

    assert response.status_code == 422


def test_a_repeated_message_id_is_422(client, contact):  # type: ignore[no-untyped-def]
    payload = {"contact": contact.pk, "kind": "email", "message_id": "<1@x>"}
    assert client.post_json(ACTIVITIES, payload).status_code == 201

    response = client.post_json(ACTIVITIES, payload)

    assert response.status_code == 422
    assert Activity.objects.count() == 1


def test_list_filters_by_contact_company_and_kind(client, people, teams, contact):  # type: ignore[no-untyped-def]
    other = ContactFactory(owner=people["agent"], team=teams[0])
    company = CompanyFactory(owner=people["agent"], team=teams[0])
    mine = {"owner": people["agent"], "team": teams[0]}
    a = ActivityFactory(contact=contact, kind="call", occurred_at=at(1), **mine)
    b = ActivityFactory(contact=contact, kind="note", occurred_at=at(2), **mine)
    c = ActivityFactory(contact=other, kind="call", occurred_at=at(3), **mine)
    d = ActivityFactory(company=company, kind="meeting", occurred_at=at(4), **mine)

    def ids(**params) -> list[int]:  # type: ignore[no-untyped-def]
        return [item["id"] for item in client.get(ACTIVITIES, params).json()["items"]]

    assert ids() == [d.pk, c.pk, b.pk, a.pk]
    assert ids(contact=contact.pk) == [b.pk, a.pk]
    assert ids(kind="call") == [c.pk, a.pk]
    assert ids(contact=contact.pk, kind="call") == [a.pk]
    assert ids(company=company.pk) == [d.pk]
    assert client.get(ACTIVITIES, {"kind": "fax"}).status_code == 422


def test_list_pages_by_cursor(client, people, teams, contact):  # type: ignore[no-untyped-def]
    for n in range(7):
        ActivityFactory(
            contact=contact, owner=people["agent"], team=teams[0], occurred_at=at(1 + n % 2)
        )
    seen: list[int] = []
    cursor = None
    while True:
        params = {"limit": 3, **({"cursor": cursor} if cursor else {})}
        body = client.get(ACTIVITIES, params).json()
        seen += [item["id"] for item in body["items"]]
        cursor = body["next_cursor"]
        if not cursor:
            break

    assert len(seen) == len(set(seen)) == 7


def test_the_contact_timeline(client, people, teams, contact):  # type: ignore[no-untyped-def]
    ActivityFactory(
        contact=contact,
        owner=people["agent"],
        team=teams[0],
        subject="old",
        occurred_at=at(1),
        kind="call",
    )
    ActivityFactory(
        contact=contact,
        owner=people["agent"],
        team=teams[0],
        subject="new",
        occurred_at=at(2),
        kind="note",
    )
    ActivityFactory(
        contact=ContactFactory(owner=people["agent"]), owner=people["agent"], subject="other"
    )

    body = client.get(f"{API}/contacts/{contact.pk}/timeline").json()
    notes = client.get(f"{API}/contacts/{contact.pk}/timeline", {"kind": "note"}).json()

    assert [item["subject"] for item in body["items"]] == ["new", "old"]
    assert [item["subject"] for item in notes["items"]] == ["new"]
    assert body["next_cursor"] is None


def test_the_company_timeline_includes_its_people(client, people, teams, contact):  # type: ignore[no-untyped-def]
    company = CompanyFactory(owner=people["agent"], team=teams[0])
    Affiliation.objects.create(contact=contact, company=company)
    ActivityFactory(
        company=company, owner=people["agent"], team=teams[0], subject="firm", occurred_at=at(1)
    )
    ActivityFactory(
        contact=contact, owner=people["agent"], team=teams[0], subject="person", occurred_at=at(2)
    )

    body = client.get(f"{API}/companies/{company.pk}/timeline").json()

    assert [item["subject"] for item in body["items"]] == ["person", "firm"]


def test_get_one_with_its_etag(client, people, teams, contact):  # type: ignore[no-untyped-def]
    activity = ActivityFactory(contact=contact, owner=people["agent"], team=teams[0], version=4)

    response = client.get(f"{ACTIVITIES}/{activity.pk}")

    assert response.status_code == 200
    assert response["ETag"] == '"4"'
    assert response.json()["attachments"] == []


def test_patch_with_if_match(client, people, teams, contact):  # type: ignore[no-untyped-def]
    activity = ActivityFactory(contact=contact, owner=people["agent"], team=teams[0])

    response = client.patch_json(
        f"{ACTIVITIES}/{activity.pk}",
        {"subject": "Follow-up", "body": "Plain\ntext"},
        headers=if_match(1),
    )

    assert response.status_code == 200
    assert response["ETag"] == '"2"'
    assert response.json()["subject"] == "Follow-up"
    assert response.json()["body"] == "<p>Plain<br>text</p>"


def test_patch_without_a_version_is_428_and_with_an_old_one_409(client, people, teams, contact):  # type: ignore[no-untyped-def]
    activity = ActivityFactory(contact=contact, owner=people["agent"], team=teams[0], version=2)
    url = f"{ACTIVITIES}/{activity.pk}"

    missing = client.patch_json(url, {"subject": "x"})
    stale = client.patch_json(url, {"subject": "x"}, headers=if_match(1))
    stale_delete = client.delete(url, headers=if_match(1))

    assert missing.status_code == 428
    assert stale.status_code == 409
    assert stale.json()["error"]["current_version"] == 2
    assert stale_delete.status_code == 409
    activity.refresh_from_db()
    assert (activity.subject, activity.version) != ("x", 3)


def test_patch_cannot_move_an_activity(client, people, teams, contact):  # type: ignore[no-untyped-def]
    activity = ActivityFactory(contact=contact, owner=people["agent"], team=teams[0])

    response = client.patch_json(
        f"{ACTIVITIES}/{activity.pk}", {"contact": contact.pk + 1}, headers=if_match(1)
    )

    assert response.status_code == 422
    assert "contact" in response.json()["error"]["fields"]


def test_patch_field_errors_are_422(client, people, teams, contact):  # type: ignore[no-untyped-def]
    activity = ActivityFactory(
        contact=contact,
        owner=people["agent"],
        team=teams[0],
        kind=ActivityKind.MEETING,
        starts_at=at(5, 10),
    )

    response = client.patch_json(
        f"{ACTIVITIES}/{activity.pk}", {"ends_at": "2026-03-05T09:00:00Z"}, headers=if_match(1)
    )

    assert response.status_code == 422
    assert "ends_at" in response.json()["error"]["fields"]


def test_delete_with_if_match(client, people, teams, contact):  # type: ignore[no-untyped-def]
    activity = ActivityFactory(contact=contact, owner=people["agent"], team=teams[0])
    url = f"{ACTIVITIES}/{activity.pk}"

    assert client.delete(url).status_code == 428
    assert client.delete(url, headers=if_match(1)).status_code == 204
    assert not Activity.objects.exists()
    assert client.get(url).status_code == 404
