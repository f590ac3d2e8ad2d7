"""Writing, editing and deleting a comment each leave an entry in the hash-chained audit trail."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sampark.collab.actions import add_comment, delete_comment, edit_comment
from sampark.core import audit
from sampark.core.models import AuditEntry, Channel

pytestmark = pytest.mark.django_db


def test_each_write_is_audited_with_its_author_and_what_changed(people, contact):  # type: ignore[no-untyped-def]
    comment = add_comment(contact, by=people["agent"], body="call @colleague")
    edit_comment(comment, by=people["agent"], body="call @manager")
    delete_comment(comment, by=people["admin"])

    entries = list(AuditEntry.objects.for_record(comment).order_by("seq"))
    assert [e.action for e in entries] == ["create", "update", "delete"]
    assert [e.actor for e in entries] == [people["agent"], people["agent"], people["admin"]]
    assert entries[0].changes == {
        "target": [None, f"contact:{contact.pk}"],
        "body": [None, "call @colleague"],
        "mentions": [None, ["colleague"]],
    }
    assert entries[1].changes == {
        "body": ["call @colleague", "call @manager"],
        "mentions": [["colleague"], ["manager"]],
    }
    assert entries[2].changes["body"] == ["call @manager", None]
    assert audit.verify() == []


def test_an_edit_that_changes_nothing_writes_no_entry(people, contact):  # type: ignore[no-untyped-def]
    comment = add_comment(contact, by=people["agent"], body="same")

    edit_comment(comment, by=people["agent"], body="  same \n")

    assert AuditEntry.objects.for_record(comment).count() == 1
    comment.refresh_from_db()
    assert (comment.version, comment.edited_at) == (1, None)


def test_a_comment_from_the_web_is_attributed_to_the_web(client, people, contact):  # type: ignore[no-untyped-def]
    client.force_login(people["agent"])

    client.post(reverse("collab:comment_add", args=["contact", contact.pk]), {"body": "hi"})

    assert AuditEntry.objects.get(model_label="collab.comment").channel == Channel.UI
