"""Comments over the API: listing, writing, editing and deleting, with the API's error shape."""

from __future__ import annotations

import pytest

from sampark.collab.actions import add_comment
from sampark.collab.models import Comment, Notification
from sampark.core.tests.api_client import API, api_client, if_match

COMMENTS = f"{API}/comments"
pytestmark = pytest.mark.django_db


def test_a_comment_is_written_and_read_back(people, contact, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    client = api_client(people["agent"])

    with django_capture_on_commit_callbacks(execute=True):
        created = client.post_json(
            COMMENTS, {"target": f"contact:{contact.pk}", "body": "Hi @colleague\nsee this"}
        )

    assert created.status_code == 201
    body = created.json()
    assert body["target"] == f"contact:{contact.pk}"
    assert body["author_username"] == "agent"
    assert body["body"] == "Hi @colleague\nsee this"
    assert body["mentions"] == ["colleague"]
    assert body["version"] == 1
    assert body["edited_at"] is None
    assert created["ETag"] == '"1"'
    assert created["Location"] == f"{COMMENTS}/{body['id']}"
    assert client.get(f"{COMMENTS}/{body['id']}").json() == body
    assert Notification.objects.for_user(people["colleague"]).count() == 1


def test_the_list_is_oldest_first_in_keyset_pages(people, contact, company):  # type: ignore[no-untyped-def]
    made = [add_comment(contact, by=people["agent"], body=f"n{n}") for n in range(5)]
    add_comment(company, by=people["agent"], body="elsewhere")
    client = api_client(people["reader"])

    first = client.get(COMMENTS, {"target": f"contact:{contact.pk}", "limit": 3}).json()
    rest = client.get(
        COMMENTS, {"target": f"contact:{contact.pk}", "limit": 3, "cursor": first["next_cursor"]}
    ).json()

    assert [c["id"] for c in first["items"] + rest["items"]] == [c.pk for c in made]
    assert rest["next_cursor"] is None


@pytest.mark.parametrize(
    ("payload", "field", "message"),
    [
        ({"target": "contact:{pk}", "body": ""}, "body", "Write something first."),
        ({"target": "contact:{pk}", "body": "   "}, "body", "Write something first."),
        ({"target": "contact:{pk}", "body": "x" * 5001}, "body", "Keep it to 5,000 characters"),
        ({"target": "contact:{pk}"}, "body", "This field is required."),
        ({"target": "deal:{pk}", "body": "hi"}, "target", "Unknown kind of record"),
        ({"target": "contact", "body": "hi"}, "target", "such as contact:12"),
        ({"target": "contact:{pk}", "body": "hi", "author": 1}, "author", "not accepted"),
    ],
)
def test_bad_input_is_a_422_naming_the_field(people, contact, payload, field, message):  # type: ignore[no-untyped-def]
    client = api_client(people["agent"])
    payload = {k: v.format(pk=contact.pk) if isinstance(v, str) else v for k, v in payload.items()}

    response = client.post_json(COMMENTS, payload)

    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert message in " ".join(error["fields"][field])
    assert not Comment.objects.exists()


def test_listing_needs_a_valid_target(people):  # type: ignore[no-untyped-def]
    client = api_client(people["agent"])

    assert client.get(COMMENTS).status_code == 422
    assert "target" in client.get(COMMENTS, {"target": "ticket:1"}).json()["error"]["fields"]


def test_an_edit_needs_the_version_and_refuses_a_stale_one(people, contact):  # type: ignore[no-untyped-def]
    comment = add_comment(contact, by=people["agent"], body="v1")
    client = api_client(people["agent"])
    url = f"{COMMENTS}/{comment.pk}"

    assert client.patch_json(url, {"body": "v2"}).status_code == 428
    changed = client.patch_json(url, {"body": "v2"}, headers=if_match(1))
    stale = client.patch_json(url, {"body": "v3", "version": 1})

    assert changed.status_code == 200
    assert changed.json()["body"] == "v2"
    assert changed.json()["edited_at"] is not None
    assert changed["ETag"] == '"2"'
    assert stale.status_code == 409
    assert stale.json()["error"]["current_version"] == 2
    assert client.patch_json(url, {"body": ""}, headers=if_match(2)).status_code == 422


def test_a_delete_needs_the_version(people, contact):  # type: ignore[no-untyped-def]
    comment = add_comment(contact, by=people["agent"], body="bye")
    client = api_client(people["agent"])
    url = f"{COMMENTS}/{comment.pk}"

    assert client.delete(url).status_code == 428
    assert client.delete(url, headers=if_match(7)).status_code == 409
    assert client.delete(url, headers=if_match(1)).status_code == 204
    assert not Comment.objects.exists()


def test_the_schema_documents_the_operations(db):  # type: ignore[no-untyped-def]
    from django.test import Client

    paths = Client().get(f"{API}/openapi.json").json()["paths"]

    assert set(paths[COMMENTS]) == {"get", "post"}
    assert set(paths[f"{COMMENTS}/{{comment_id}}"]) == {"get", "patch", "delete"}
    assert set(paths[f"{API}/follows/{{target}}"]) == {"get", "put", "delete"}
    assert set(paths[f"{API}/notifications"]) == {"get"}
    assert set(paths[f"{API}/notifications/read"]) == {"post"}
    assert {"409", "428"} <= set(paths[f"{COMMENTS}/{{comment_id}}"]["patch"]["responses"])
