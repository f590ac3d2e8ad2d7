"""Upserting by external ID: the same transaction sent twice is one row and one audit entry."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sampark.contacts.actions_transactions import upsert_transaction
from sampark.contacts.models import Transaction, TransactionKind
from sampark.contacts.tests.factories import ContactFactory
from sampark.core.models import AuditAction, AuditEntry

PAYLOAD = {
    "kind": TransactionKind.TRADE,
    "occurred_at": datetime.datetime(2026, 3, 2, 10, 30, tzinfo=datetime.UTC),
    "product": "GP",
    "quantity": Decimal("10"),
    "amount": Decimal("4000"),
    "currency": "BDT",
    "profit": Decimal("12.5"),
}


@pytest.fixture
def contact(people, teams):  # type: ignore[no-untyped-def]
    return ContactFactory(owner=people["agent"], team=teams[0])


def audit_of(record: Transaction) -> list[str]:
    return list(
        AuditEntry.objects.for_record(record).order_by("seq").values_list("action", flat=True)
    )


def test_the_same_payload_twice_is_one_row_and_one_audit_entry(people, contact):  # type: ignore[no-untyped-def]
    first, created = upsert_transaction(
        by=people["agent"], contact=contact, external_id="T-1", **PAYLOAD
    )
    again, created_again = upsert_transaction(
        by=people["agent"], contact=contact, external_id="T-1", **PAYLOAD
    )

    assert (created, created_again) == (True, False)
    assert again.pk == first.pk
    assert Transaction.objects.count() == 1
    assert audit_of(first) == [AuditAction.CREATE]
    assert again.version == 1


def test_the_same_moment_in_another_zone_and_scale_is_no_change(people, contact):  # type: ignore[no-untyped-def]
    record, _ = upsert_transaction(
        by=people["agent"], contact=contact, external_id="T-1", **PAYLOAD
    )
    dhaka = datetime.timezone(datetime.timedelta(hours=6))
    same = {
        **PAYLOAD,
        "occurred_at": PAYLOAD["occurred_at"].astimezone(dhaka),
        "amount": "4000.00",
        "quantity": Decimal("10.000"),
        "currency": "bdt",
    }

    upsert_transaction(by=people["agent"], contact=contact, external_id=" T-1 ", **same)

    assert audit_of(record) == [AuditAction.CREATE]


def test_a_changed_payload_updates_the_row_and_is_audited(people, contact):  # type: ignore[no-untyped-def]
    record, _ = upsert_transaction(
        by=people["agent"], contact=contact, external_id="T-1", **PAYLOAD
    )

    updated, created = upsert_transaction(
        by=people["agent"],
        contact=contact,
        external_id="T-1",
        **{**PAYLOAD, "amount": Decimal("4100")},
    )

    assert not created
    assert updated.pk == record.pk
    assert updated.version == 2
    record.refresh_from_db()
    assert record.amount == Decimal("4100.00")
    entry = AuditEntry.objects.for_record(record).order_by("seq").last()
    assert entry is not None
    assert entry.action == AuditAction.UPDATE
    assert entry.changes == {"amount": ["4000.00", "4100.00"]}


def test_the_external_id_is_per_contact(people, contact, teams):  # type: ignore[no-untyped-def]
    other = ContactFactory(owner=people["agent"], team=teams[0])

    upsert_transaction(by=people["agent"], contact=contact, external_id="T-1", **PAYLOAD)
    _, created = upsert_transaction(by=people["agent"], contact=other, external_id="T-1", **PAYLOAD)

    assert created
    assert Transaction.objects.count() == 2


def test_an_empty_external_id_is_refused(people, contact):  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as error:
        upsert_transaction(by=people["agent"], contact=contact, external_id="  ", **PAYLOAD)

    assert "external_id" in error.value.message_dict


def test_updating_someone_elses_transaction_needs_the_right_to_change_it(people, contact):  # type: ignore[no-untyped-def]
    upsert_transaction(by=people["agent"], contact=contact, external_id="T-1", **PAYLOAD)

    with pytest.raises(PermissionDenied):
        upsert_transaction(
            by=people["colleague"],
            contact=contact,
            external_id="T-1",
            **{**PAYLOAD, "amount": Decimal("1")},
        )
    _, created = upsert_transaction(
        by=people["manager"], contact=contact, external_id="T-1", **{**PAYLOAD, "amount": "1"}
    )

    assert not created
    assert Transaction.objects.get().amount == Decimal("1.00")
