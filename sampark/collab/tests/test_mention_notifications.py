"""A mention tells the person mentioned, if they may see the record, and makes them follow it;
someone outside the record's reach hears nothing, and learns nothing about it."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.urls import reverse

from sampark.collab.actions import add_comment, edit_comment
from sampark.collab.models import Follow, Notification, NotificationKind
from sampark.core.roles import Role
from sampark.core.tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_a_mentioned_colleague_is_told_with_a_link_to_the_comment(
    people, contact, django_capture_on_commit_callbacks
):  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        comment = add_comment(contact, by=people["agent"], body="@colleague can you call her?")

    note = Notification.objects.for_user(people["colleague"]).get()
    assert note.kind == NotificationKind.MENTION
    assert "Meera Nair" in note.message
    assert "can you call her?" in note.message
    assert note.url == f"{reverse('contacts:detail', args=[contact.pk])}#comment-{comment.pk}"
    assert Follow.objects.on(contact).filter(user=people["colleague"]).exists()


def test_a_mentioned_outsider_is_not_told_and_does_not_follow(
    people, contact, django_capture_on_commit_callbacks
):  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        add_comment(contact, by=people["agent"], body="@outsider @colleague look at this")

    assert not Notification.objects.for_user(people["outsider"]).exists()
    assert not Follow.objects.filter(user=people["outsider"]).exists()
    assert Notification.objects.for_user(people["colleague"]).count() == 1


def test_the_outsider_cannot_reach_the_record_through_anything_mentioning_them(
    client, people, contact, django_capture_on_commit_callbacks
):  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        comment = add_comment(contact, by=people["agent"], body="@outsider secret plans")
    client.force_login(people["outsider"])

    inbox = client.get(reverse("collab:notifications")).content.decode()
    bell = client.get(reverse("collab:bell"), headers={"HX-Request": "true"})

    assert "Meera Nair" not in inbox
    assert "secret plans" not in inbox
    assert bell.context["unread"] == 0
    assert client.get(reverse("collab:comment", args=[comment.pk])).status_code == 404


def test_authors_are_not_told_about_their_own_mentions(
    people, contact, django_capture_on_commit_callbacks
):  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        add_comment(contact, by=people["agent"], body="note to self, @agent")

    assert not Notification.objects.exists()


def test_unknown_and_inactive_names_are_ignored(
    people, contact, django_capture_on_commit_callbacks
):  # type: ignore[no-untyped-def]
    make_user(Role.AGENT, people["agent"].teams.get(), username="retired", is_active=False)

    with django_capture_on_commit_callbacks(execute=True):
        comment = add_comment(contact, by=people["agent"], body="@nobody @retired hello")

    assert list(comment.mentions.all()) == []
    assert not Notification.objects.exists()


def test_an_email_address_is_not_a_mention(people, contact, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        add_comment(contact, by=people["agent"], body="her address is meera@colleague.com")

    assert not Notification.objects.exists()


def test_an_edit_tells_only_the_people_it_newly_mentions(
    people, contact, django_capture_on_commit_callbacks
):  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        comment = add_comment(contact, by=people["agent"], body="@colleague please check")
    with django_capture_on_commit_callbacks(execute=True):
        edit_comment(comment, by=people["agent"], body="@colleague @manager please check")

    assert Notification.objects.for_user(people["colleague"]).count() == 1
    manager_notes = Notification.objects.for_user(people["manager"])
    assert [n.kind for n in manager_notes] == [NotificationKind.MENTION]


def test_a_rolled_back_comment_tells_nobody(people, contact, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    def comment_then_fail() -> None:
        with transaction.atomic():
            add_comment(contact, by=people["agent"], body="@colleague hi")
            raise RuntimeError

    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(RuntimeError):
        comment_then_fail()

    assert callbacks == []
    assert not Notification.objects.exists()
