"""Followers hear about new comments and about changes made by others, while they may see the
record; commenting or being mentioned makes one follow, and one can stop."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.urls import reverse

from sampark.collab.actions import add_comment, follow, unfollow
from sampark.collab.models import Follow, Notification, NotificationKind
from sampark.contacts.actions import update_company, update_contact
from sampark.core.records import record_changed, update_record

HTMX = {"HX-Request": "true"}
pytestmark = pytest.mark.django_db


def kinds_of(user):  # type: ignore[no-untyped-def]
    return [n.kind for n in Notification.objects.for_user(user)]


def test_commenting_makes_the_author_follow(people, contact):  # type: ignore[no-untyped-def]
    add_comment(contact, by=people["reader"], body="noted")

    assert Follow.objects.on(contact).filter(user=people["reader"]).exists()


def test_followers_but_not_the_author_hear_of_a_new_comment(
    people, contact, django_capture_on_commit_callbacks
):  # type: ignore[no-untyped-def]
    follow(people["manager"], contact)
    follow(people["colleague"], contact)

    with django_capture_on_commit_callbacks(execute=True):
        comment = add_comment(contact, by=people["colleague"], body="She paid the invoice")

    note = Notification.objects.for_user(people["manager"]).get()
    assert note.kind == NotificationKind.COMMENT
    assert "She paid the invoice" in note.message
    assert note.url.endswith(f"#comment-{comment.pk}")
    assert kinds_of(people["colleague"]) == []


def test_a_follower_who_is_mentioned_is_told_once(
    people, contact, django_capture_on_commit_callbacks
):  # type: ignore[no-untyped-def]
    follow(people["manager"], contact)

    with django_capture_on_commit_callbacks(execute=True):
        add_comment(contact, by=people["agent"], body="@manager please approve")

    assert kinds_of(people["manager"]) == [NotificationKind.MENTION]


def test_a_follower_who_lost_sight_of_the_record_is_not_told(
    people, contact, teams, django_capture_on_commit_callbacks
):  # type: ignore[no-untyped-def]
    colleague = people["colleague"]
    follow(colleague, contact)
    colleague.teams.set([teams[1]])  # moved to the Mumbai desk

    with django_capture_on_commit_callbacks(execute=True):
        add_comment(contact, by=people["agent"], body="still here?")
        update_contact(contact, by=people["agent"], values={"display_name": "Meera N."})

    assert kinds_of(colleague) == []


def test_an_unfollower_is_not_told(people, contact, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    follow(people["manager"], contact)
    assert unfollow(people["manager"], contact) is True

    with django_capture_on_commit_callbacks(execute=True):
        add_comment(contact, by=people["agent"], body="anyone?")

    assert kinds_of(people["manager"]) == []
    assert unfollow(people["manager"], contact) is False


def test_followers_hear_when_someone_else_changes_the_record(
    people, contact, django_capture_on_commit_callbacks
):  # type: ignore[no-untyped-def]
    follow(people["manager"], contact)
    follow(people["agent"], contact)

    with django_capture_on_commit_callbacks(execute=True):
        update_contact(
            contact, by=people["agent"], values={"display_name": "Meera Iyer", "notes": "VIP"}
        )

    note = Notification.objects.for_user(people["manager"]).get()
    assert note.kind == NotificationKind.FOLLOWED
    assert "Meera Iyer" in note.message
    assert note.message.endswith(": name, communication notes")  # the fields, by their labels
    assert note.url == reverse("contacts:detail", args=[contact.pk])
    assert kinds_of(people["agent"]) == []  # who made the change


def test_company_followers_hear_of_changes_too(people, company, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    follow(people["reader"], company)

    with django_capture_on_commit_callbacks(execute=True):
        update_company(company, by=people["agent"], values={"industry": "Jute"})

    assert kinds_of(people["reader"]) == [NotificationKind.FOLLOWED]


def test_an_update_that_changes_nothing_tells_nobody(
    people, contact, django_capture_on_commit_callbacks
):  # type: ignore[no-untyped-def]
    follow(people["manager"], contact)

    with django_capture_on_commit_callbacks(execute=True):
        update_record(contact, by=people["agent"], values={"display_name": contact.display_name})

    assert kinds_of(people["manager"]) == []


def test_a_rolled_back_change_tells_nobody(people, contact, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    follow(people["manager"], contact)

    def change_then_fail() -> None:
        with transaction.atomic():
            update_record(contact, by=people["agent"], values={"display_name": "Never"})
            raise RuntimeError

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        change_then_fail()

    assert kinds_of(people["manager"]) == []


def test_update_record_sends_record_changed_inside_its_transaction(people, contact):  # type: ignore[no-untyped-def]
    heard: list[dict[str, object]] = []

    def listener(sender, **kwargs):  # type: ignore[no-untyped-def]
        from django.db import connection

        heard.append({"sender": sender, "in_atomic": connection.in_atomic_block, **kwargs})

    record_changed.connect(listener)
    try:
        update_record(contact, by=people["agent"], values={"display_name": "Meera Iyer"})
    finally:
        record_changed.disconnect(listener)

    assert len(heard) == 1
    assert heard[0]["sender"] is type(contact)
    assert heard[0]["record"] == contact
    assert heard[0]["by"] == people["agent"]
    assert heard[0]["changes"] == {"display_name": ["Meera Nair", "Meera Iyer"]}
    assert heard[0]["in_atomic"] is True


def test_the_follow_button_toggles(client, people, contact):  # type: ignore[no-untyped-def]
    client.force_login(people["reader"])
    url = reverse("collab:follow", args=["contact", contact.pk])

    followed = client.post(url, {"follow": "1"}, headers=HTMX)
    assert 'value="0"' in followed.content.decode()  # the button now offers to unfollow
    assert Follow.objects.filter(user=people["reader"]).count() == 1
    unfollowed = client.post(url, {"follow": "0"})

    assert unfollowed.status_code == 302
    assert not Follow.objects.filter(user=people["reader"]).exists()


def test_the_section_shows_whether_you_follow(client, people, contact):  # type: ignore[no-untyped-def]
    client.force_login(people["reader"])
    url = reverse("collab:comments", args=["contact", contact.pk])

    before = client.get(url, headers=HTMX).context["following"]
    follow(people["reader"], contact)
    after = client.get(url, headers=HTMX).context["following"]

    assert (before, after) == (False, True)


def test_deleting_a_record_removes_its_comments_and_follows(people, contact):  # type: ignore[no-untyped-def]
    from sampark.collab.models import Comment
    from sampark.contacts.actions import delete_contact

    add_comment(contact, by=people["agent"], body="bye")

    delete_contact(contact, by=people["agent"])

    assert not Comment.objects.exists()
    assert not Follow.objects.exists()
