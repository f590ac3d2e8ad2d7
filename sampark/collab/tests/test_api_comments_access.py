"""Roles decide what the comments API shows and allows, exactly as in the web UI.

Everyone but the outsider is in the Dhaka desk, where the agent owns the contact; the outsider
is an agent of the Mumbai desk.
"""

from __future__ import annotations

import pytest

from sampark.collab.actions import add_comment
from sampark.collab.models import Comment, Follow
from sampark.core.models import TokenScope
from sampark.core.tests.api_client import API, api_client, if_match

COMMENTS = f"{API}/comments"
SEE = ["admin", "manager", "agent", "colleague", "reader"]
pytestmark = pytest.mark.django_db


def test_an_outsider_gets_404s_like_for_a_missing_record(people, contact):  # type: ignore[no-untyped-def]
    comment = add_comment(contact, by=people["agent"], body="internal")
    client = api_client(people["outsider"])
    target = f"contact:{contact.pk}"
    missing = client.get(COMMENTS, {"target": f"contact:{contact.pk + 1000}"}).json()

    for response in (
        client.get(COMMENTS, {"target": target}),
        client.post_json(COMMENTS, {"target": target, "body": "sneaky"}),
        client.get(f"{COMMENTS}/{comment.pk}"),
        client.patch_json(f"{COMMENTS}/{comment.pk}", {"body": "x"}, headers=if_match(1)),
        client.delete(f"{COMMENTS}/{comment.pk}", headers=if_match(1)),
        client.get(f"{API}/follows/{target}"),
        client.put(f"{API}/follows/{target}"),
        client.delete(f"{API}/follows/{target}"),
    ):
        assert response.status_code == 404
        assert response.json()["error"]["code"] == missing["error"]["code"] == "not_found"
    assert Comment.objects.get().body == "internal"
    assert not Follow.objects.filter(user=people["outsider"]).exists()


@pytest.mark.parametrize("role", SEE)
def test_the_team_reads_with_a_read_token_and_comments_with_a_write_token(people, contact, role):  # type: ignore[no-untyped-def]
    add_comment(contact, by=people["agent"], body="first")
    target = f"contact:{contact.pk}"

    reader = api_client(people[role], TokenScope.READ)
    writer = api_client(people[role])

    assert [c["body"] for c in reader.get(COMMENTS, {"target": target}).json()["items"]] == [
        "first"
    ]
    assert reader.post_json(COMMENTS, {"target": target, "body": "hi"}).status_code == 403
    assert writer.post_json(COMMENTS, {"target": target, "body": "hi"}).status_code == 201


@pytest.mark.parametrize(
    ("role", "edit", "delete"),
    [
        ("agent", 200, 204),  # the author
        ("admin", 403, 204),
        ("manager", 403, 403),
        ("colleague", 403, 403),
        ("reader", 403, 403),
    ],
)
def test_only_the_author_edits_and_the_author_or_an_admin_deletes(
    people, contact, role, edit, delete
):  # type: ignore[no-untyped-def]
    comment = add_comment(contact, by=people["agent"], body="mine")
    client = api_client(people[role])
    url = f"{COMMENTS}/{comment.pk}"

    assert client.patch_json(url, {"body": "theirs"}, headers=if_match(1)).status_code == edit
    version = Comment.objects.get().version
    assert client.delete(url, headers=if_match(version)).status_code == delete
