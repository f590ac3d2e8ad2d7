"""Recording, updating and deleting a transaction leave audit entries."""

from __future__ import annotations

from decimal import Decimal

import pytest

from sampark.contacts.actions_transactions import (
    delete_transaction,
    record_transaction,
    upsert_transaction,
)
from sampark.contacts.models import Transaction, TransactionKind
from sampark.contacts.tests.factories import ContactFactory
from sampark.core.models import AuditAction, AuditEntry


@pytest.fixture
def contact(people, teams):  # type: ignore[no-untyped-def]
    return ContactFactory(owner=people["agent"], team=teams[0])


def entries(record: Transaction) -> list[AuditEntry]:
    return list(AuditEntry.objects.for_record(record).order_by("seq"))


def test_recording_is_audited_with_its_values(people, contact, teams):  # type: ignore[no-untyped-def]
    record = record_transaction(
        by=people["colleague"],
        contact=contact,
        kind=TransactionKind.PURCHASE,
        amount=Decimal("1250.5"),
        currency="BDT",
        product="Sanchayapatra",
    )

    [entry] = entries(record)
    assert entry.action == AuditAction.CREATE
    assert entry.actor == people["colleague"]
    assert entry.changes["amount"] == [None, "1250.50"]
    assert entry.changes["currency"] == [None, "BDT"]
    assert entry.changes["contact_id"] == [None, contact.pk]
    # The recorder owns it; it belongs to the contact's team.
    assert record.owner == people["colleague"]
    assert record.team == teams[0]


def test_an_upsert_that_changes_something_is_audited_as_an_update(people, contact):  # type: ignore[no-untyped-def]
    values = {"kind": TransactionKind.DEPOSIT, "amount": "10", "currency": "BDT"}
    record, _ = upsert_transaction(by=people["agent"], contact=contact, external_id="D1", **values)
    upsert_transaction(
        by=people["agent"], contact=contact, external_id="D1", **{**values, "notes": "bKash"}
    )

    assert [e.action for e in entries(record)] == [AuditAction.CREATE, AuditAction.UPDATE]
    assert entries(record)[-1].changes == {"notes": ["", "bKash"]}


def test_deleting_is_audited(people, contact):  # type: ignore[no-untyped-def]
    record = record_transaction(
        by=people["agent"], contact=contact, kind="fee", amount="5", currency="BDT"
    )

    delete_transaction(record, by=people["agent"], expected_version=record.version)

    assert not Transaction.objects.exists()
    assert [e.action for e in entries(record)] == [AuditAction.CREATE, AuditAction.DELETE]
    assert entries(record)[-1].changes["amount"] == ["5.00", None]
