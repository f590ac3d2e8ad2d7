"""Entries appended in bulk join the hash chain exactly as entries appended one by one."""

from __future__ import annotations

import pytest
from django.db import connection

from sampark.contacts.tests.factories import ContactFactory
from sampark.core import audit
from sampark.core.models import AuditAction, AuditEntry, AuditHead
from sampark.core.roles import Role
from sampark.core.tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_bulk_entries_continue_the_chain_and_verify():
    user = make_user(Role.AGENT, username="bulk-auditor")
    first, second, third = (ContactFactory(owner=user) for _ in range(3))
    audit.record(AuditAction.CREATE, first, by=user, changes={"display_name": [None, "A"]})

    audit.record_many(
        [
            (AuditAction.CREATE, second, {"display_name": [None, "রহিম"]}),
            (AuditAction.UPDATE, first, {"phone": ["", "+8801711000001"]}),
        ],
        by=user,
    )
    audit.record(AuditAction.DELETE, third, by=user, changes={})

    entries = list(AuditEntry.objects.order_by("seq"))
    assert [e.seq for e in entries] == [1, 2, 3, 4]
    assert [e.prev_hash for e in entries[1:]] == [e.hash for e in entries[:-1]]
    assert AuditHead.objects.get().hash == entries[-1].hash
    assert entries[1].object_id == str(second.pk)
    assert entries[1].actor_name == "bulk-auditor"
    assert audit.verify() == []


def test_a_bulk_entry_edited_afterwards_is_found():
    user = make_user(Role.AGENT, username="bulk-tamper")
    contact = ContactFactory(owner=user)
    audit.record_many([(AuditAction.CREATE, contact, {"display_name": [None, "A"]})], by=user)
    with connection.cursor() as cursor:  # as an attacker would, around the application
        cursor.execute("UPDATE core_auditentry SET actor_name = %s", ["someone else"])
    assert [problem.seq for problem in audit.verify()] == [1]
