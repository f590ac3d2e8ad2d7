"""Who may read, add, edit and delete comments, in the web UI and through the actions.

Everyone but the outsider is in the Dhaka desk, whose agent owns the contact and the company;
the outsider is an agent of the Mumbai desk. Seeing the record is enough to read and add
comments; only the author edits a comment, and the author or an admin deletes it.
"""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from sampark.collab.actions import add_comment, delete_comment, edit_comment, follow
from sampark.collab.models import Comment, Follow

HTMX = {"HX-Request": "true"}
SEE = ["admin", "manager", "agent", "colleague", "reader"]
pytestmark = pytest.mark.django_db


@pytest.fixture(params=["contact", "company"])
def record(request, contact, company):  # type: ignore[no-untyped-def]
    return {"contact": contact, "company": company}[request.param]


def kind(record):  # type: ignore[no-untyped-def]
    return type(record).__name__.lower()


@pytest.mark.parametrize("role", [*SEE, "outsider"])
def test_the_comments_follow_the_records_reach(client, people, record, role):  # type: ignore[no-untyped-def]
    add_comment(record, by=people["agent"], body="Called twice, no answer")
    client.force_login(people[role])
    url = reverse("collab:comments", args=[kind(record), record.pk])

    for headers in (HTMX, {}):
        response = client.get(url, headers=headers)
        assert response.status_code == (404 if role == "outsider" else 200)
        assert ("Called twice" in response.content.decode()) is (role != "outsider")


@pytest.mark.parametrize("role", [*SEE, "outsider"])
def test_whoever_sees_the_record_may_comment(client, people, record, role):  # type: ignore[no-untyped-def]
    client.force_login(people[role])
    url = reverse("collab:comment_add", args=[kind(record), record.pk])

    response = client.post(url, {"body": f"note from {role}"}, headers=HTMX)

    assert response.status_code == (404 if role == "outsider" else 200)
    assert Comment.objects.filter(body=f"note from {role}").exists() is (role != "outsider")


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("agent", 200),  # the author
        ("admin", 403),
        ("manager", 403),
        ("colleague", 403),
        ("reader", 403),
        ("outsider", 404),
    ],
)
def test_only_the_author_edits(client, people, contact, role, expected):  # type: ignore[no-untyped-def]
    comment = add_comment(contact, by=people["agent"], body="first draft")
    client.force_login(people[role])
    url = reverse("collab:comment_edit", args=[comment.pk])

    assert client.get(url, headers=HTMX).status_code == expected
    response = client.post(url, {"body": "second draft", "version": 1}, headers=HTMX)

    assert response.status_code == expected
    comment.refresh_from_db()
    assert comment.body == ("second draft" if expected == 200 else "first draft")


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("agent", 200),  # the author
        ("admin", 200),
        ("manager", 403),
        ("colleague", 403),
        ("reader", 403),
        ("outsider", 404),
    ],
)
def test_the_author_or_an_admin_deletes(client, people, contact, role, expected):  # type: ignore[no-untyped-def]
    comment = add_comment(contact, by=people["agent"], body="to be removed")
    client.force_login(people[role])
    url = reverse("collab:comment_delete", args=[comment.pk])

    assert client.get(url).status_code == expected
    response = client.post(url, {"version": 1}, headers=HTMX)

    assert response.status_code == expected
    assert Comment.objects.filter(pk=comment.pk).exists() is (expected != 200)


@pytest.mark.parametrize("role", [*SEE, "outsider"])
def test_one_comment_is_shown_only_to_who_sees_its_record(client, people, contact, role):  # type: ignore[no-untyped-def]
    comment = add_comment(contact, by=people["agent"], body="hello")
    client.force_login(people[role])

    response = client.get(reverse("collab:comment", args=[comment.pk]), headers=HTMX)

    assert response.status_code == (404 if role == "outsider" else 200)


def test_a_guessed_comment_id_answers_like_a_hidden_one(client, people, contact):  # type: ignore[no-untyped-def]
    comment = add_comment(contact, by=people["agent"], body="hello")
    client.force_login(people["outsider"])

    hidden = client.get(reverse("collab:comment_edit", args=[comment.pk]))
    missing = client.get(reverse("collab:comment_edit", args=[comment.pk + 100]))

    assert hidden.status_code == missing.status_code == 404


def test_an_unknown_kind_of_record_is_a_404(client, people, contact):  # type: ignore[no-untyped-def]
    client.force_login(people["admin"])

    response = client.get(reverse("collab:comments", args=["user", people["agent"].pk]))

    assert response.status_code == 404


@pytest.mark.parametrize("role", [*SEE, "outsider"])
def test_whoever_sees_the_record_may_follow_it(client, people, record, role):  # type: ignore[no-untyped-def]
    client.force_login(people[role])
    url = reverse("collab:follow", args=[kind(record), record.pk])

    response = client.post(url, {"follow": "1"}, headers=HTMX)

    assert response.status_code == (404 if role == "outsider" else 200)
    assert Follow.objects.filter(user=people[role]).exists() is (role != "outsider")


def test_anonymous_visitors_are_sent_to_sign_in(client, contact):  # type: ignore[no-untyped-def]
    for url in (
        reverse("collab:comments", args=["contact", contact.pk]),
        reverse("collab:comment_add", args=["contact", contact.pk]),
        reverse("collab:people"),
        reverse("collab:notifications"),
        reverse("collab:bell"),
        reverse("collab:digest"),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert "login" in response["Location"]


def test_the_actions_refuse_who_may_not_see_the_record(people, contact):  # type: ignore[no-untyped-def]
    comment = add_comment(contact, by=people["agent"], body="hello")
    outsider = people["outsider"]

    with pytest.raises(PermissionDenied):
        add_comment(contact, by=outsider, body="sneaky")
    with pytest.raises(PermissionDenied):
        follow(outsider, contact)
    with pytest.raises(PermissionDenied):
        edit_comment(comment, by=outsider, body="sneaky")
    with pytest.raises(PermissionDenied):
        delete_comment(comment, by=outsider)


def test_an_author_who_lost_sight_of_the_record_cannot_edit_their_comment(people, contact, teams):  # type: ignore[no-untyped-def]
    comment = add_comment(contact, by=people["colleague"], body="hello")
    people["colleague"].teams.set([teams[1]])
    del people["colleague"]._sampark_team_ids

    with pytest.raises(PermissionDenied):
        edit_comment(comment, by=people["colleague"], body="changed")
