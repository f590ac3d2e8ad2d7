"""Following records and reading one's own notifications over the API."""

from __future__ import annotations

import pytest

from sampark.collab.models import Follow, Notification, NotificationKind
from sampark.collab.notifications import notify
from sampark.core.tests.api_client import API, api_client

NOTIFICATIONS = f"{API}/notifications"
pytestmark = pytest.mark.django_db


def test_put_follows_once_and_delete_stops(people, contact):  # type: ignore[no-untyped-def]
    client = api_client(people["reader"])
    url = f"{API}/follows/contact:{contact.pk}"

    first = client.put(url)
    again = client.put(url)

    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json() == {"target": f"contact:{contact.pk}", "following": True}
    assert client.get(url).json()["following"] is True
    assert client.delete(url).status_code == 204
    assert client.get(url).json()["following"] is False
    assert not Follow.objects.exists()


def test_an_unknown_kind_of_target_is_a_422(people):  # type: ignore[no-untyped-def]
    response = api_client(people["admin"]).put(f"{API}/follows/planet:3")

    assert response.status_code == 422
    assert "target" in response.json()["error"]["fields"]


def tell(user, text):  # type: ignore[no-untyped-def]
    note = notify(user, kind=NotificationKind.MENTION, message=text, url="/contacts/1/")
    assert note is not None
    return note


def test_only_ones_own_notifications_are_listed_newest_first(people):  # type: ignore[no-untyped-def]
    older = tell(people["agent"], "older")
    newer = tell(people["agent"], "newer")
    tell(people["colleague"], "not yours")

    items = api_client(people["agent"]).get(NOTIFICATIONS).json()["items"]

    assert [n["id"] for n in items] == [newer.pk, older.pk]
    assert items[0]["message"] == "newer"
    assert items[0]["read_at"] is None


def test_the_unread_filter_and_marking_some_read(people):  # type: ignore[no-untyped-def]
    first = tell(people["agent"], "one")
    second = tell(people["agent"], "two")
    theirs = tell(people["colleague"], "three")
    client = api_client(people["agent"])

    marked = client.post_json(f"{NOTIFICATIONS}/read", {"ids": [first.pk, theirs.pk]})
    unread = client.get(NOTIFICATIONS, {"unread": "true"}).json()["items"]

    assert marked.json() == {"marked": 1}  # someone else's id is simply not touched
    assert [n["id"] for n in unread] == [second.pk]
    assert Notification.objects.get(pk=theirs.pk).read_at is None


def test_marking_all_read(people):  # type: ignore[no-untyped-def]
    tell(people["agent"], "one")
    tell(people["agent"], "two")

    response = api_client(people["agent"]).post_json(f"{NOTIFICATIONS}/read", {"all": True})

    assert response.json() == {"marked": 2}


@pytest.mark.parametrize("payload", [{}, {"all": True, "ids": [1]}, {"ids": "one"}])
def test_read_needs_either_ids_or_all(people, payload):  # type: ignore[no-untyped-def]
    response = api_client(people["agent"]).post_json(f"{NOTIFICATIONS}/read", payload)

    assert response.status_code == 422
    assert "ids" in response.json()["error"]["fields"]


def test_notifications_need_authentication(db):  # type: ignore[no-untyped-def]
    from django.test import Client

    assert Client().get(NOTIFICATIONS).status_code == 401
