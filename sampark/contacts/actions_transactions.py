"""Every write to transactions goes through here: checked, validated and audited.

Anyone who can see a contact, and whose role may add records, can record a transaction on it
(a colleague can enter a teammate's client's purchase); only its author, or a manager or admin
of its team, can change or delete it, as for any record.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext

from sampark.contacts.models import Contact, Transaction
from sampark.core.models import User
from sampark.core.records import can, can_add, create_record, delete_record, update_record
from sampark.core.roles import Action

# Set by the action from its arguments or by the record itself, never by the caller's values.
_FIXED = frozenset(
    {"id", "pk", "owner", "owner_id", "team", "team_id", "contact", "contact_id", "version"}
    | {"created_at", "updated_at"}
)


def _check_values(values: dict[str, Any]) -> None:
    if fixed := _FIXED & values.keys():
        raise ValueError(f"Not settable on a transaction: {', '.join(sorted(fixed))}")


def _may_record(by: User, contact: Contact) -> None:
    if not can_add(by, Transaction):
        raise PermissionDenied(gettext("Your role does not allow recording transactions."))
    if not can(by, Action.VIEW, contact):
        raise PermissionDenied(gettext("You may not see this record."))


def record_transaction(*, by: User, contact: Contact, **values: Any) -> Transaction:
    """Record a transaction on a contact the caller can see; it joins the contact's team."""
    _may_record(by, contact)
    _check_values(values)
    return create_record(
        Transaction, by=by, owner=by, team_id=contact.team_id, contact=contact, **values
    )


def upsert_transaction(
    *,
    by: User,
    contact: Contact,
    external_id: str,
    expected_version: int | None = None,
    **values: Any,
) -> tuple[Transaction, bool]:
    """The contact's transaction with this external ID, created or brought up to ``values``.

    Returns it and whether it was created. Sending the same values again changes nothing and
    writes no audit entry. Fields left out of ``values`` keep their model defaults on creation
    and are left as they are on update.
    """
    _check_values(values)
    external_id = external_id.strip()
    if not external_id:
        # An empty one would match nothing and add a row every time: never idempotent.
        raise ValidationError({"external_id": gettext("Give the transaction's external ID.")})
    existing = Transaction.objects.filter(contact=contact, external_id=external_id).first()
    if existing is None:
        try:
            with transaction.atomic():
                created = record_transaction(
                    by=by, contact=contact, external_id=external_id, **values
                )
        except IntegrityError:
            # Another writer created it between our read and our insert: update theirs.
            existing = Transaction.objects.filter(contact=contact, external_id=external_id).first()
            if existing is None:
                raise
        else:
            return created, True
    if not can(by, Action.CHANGE, existing):
        raise PermissionDenied(gettext("Your role does not allow this on this record."))
    update_record(existing, by=by, values=values, expected_version=expected_version)
    return existing, False


def delete_transaction(
    record: Transaction, *, by: User, expected_version: int | None = None
) -> None:
    if not can(by, Action.DELETE, record):
        raise PermissionDenied(gettext("Your role does not allow this on this record."))
    delete_record(record, by=by, expected_version=expected_version)
