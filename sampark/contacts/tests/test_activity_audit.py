"""Logging, changing and deleting an activity, and its attachments, leave audit entries."""

from __future__ import annotations

import pytest

from sampark.contacts import actions
from sampark.contacts.models import Activity, ActivityKind
from sampark.contacts.tests import activity_factories as files
from sampark.contacts.tests.activity_factories import upload
from sampark.contacts.tests.factories import ContactFactory
from sampark.core import audit
from sampark.core.models import AuditAction, AuditEntry


@pytest.fixture(autouse=True)
def media(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def contact(people, teams):  # type: ignore[no-untyped-def]
    return ContactFactory(owner=people["agent"], team=teams[0])


def entries(activity: Activity) -> list[AuditEntry]:
    return list(AuditEntry.objects.for_record(activity).order_by("seq"))


def test_logging_is_audited_with_its_values(people, contact):  # type: ignore[no-untyped-def]
    activity = actions.log_activity(
        by=people["colleague"],
        contact=contact,
        kind=ActivityKind.CALL,
        subject="Renewal",
        duration_seconds=90,
    )

    [entry] = entries(activity)
    assert entry.action == AuditAction.CREATE
    assert entry.actor == people["colleague"]
    assert entry.changes["subject"] == [None, "Renewal"]
    assert entry.changes["duration_seconds"] == [None, 90]
    assert entry.changes["contact_id"] == [None, contact.pk]


def test_attachments_are_audited_by_name(people, contact):  # type: ignore[no-untyped-def]
    activity = actions.log_activity(
        by=people["agent"],
        contact=contact,
        kind=ActivityKind.EMAIL,
        attachments=[upload("quote.pdf", files.PDF)],
    )
    old = activity.attachments.get()
    actions.update_activity(
        activity,
        by=people["agent"],
        values={},
        add_attachments=[upload("photo.png", files.PNG)],
        remove_attachments=[old.pk],
    )

    changes = [e.changes["attachments"] for e in entries(activity)[1:]]
    assert changes == [[None, ["quote.pdf"]], [["quote.pdf"], ["photo.png"]]]


def test_changes_and_deletion_are_audited(people, contact):  # type: ignore[no-untyped-def]
    activity = actions.log_activity(
        by=people["agent"], contact=contact, kind=ActivityKind.NOTE, subject="Draft"
    )
    actions.update_activity(activity, by=people["manager"], values={"subject": "Final"})
    actions.delete_activity(activity, by=people["admin"])

    _create, update, delete = entries(activity)
    assert update.action == AuditAction.UPDATE
    assert update.actor == people["manager"]
    assert update.changes == {"subject": ["Draft", "Final"]}
    assert delete.action == AuditAction.DELETE
    assert delete.actor == people["admin"]
    assert delete.changes["subject"] == ["Final", None]
    assert audit.verify() == []
