"""Every write to contacts goes through here, audited."""

from __future__ import annotations

from typing import Any

from sampark.contacts.models import Contact
from sampark.core.models import User
from sampark.core.records import create_record, delete_record, update_record


def create_contact(*, by: User, **values: Any) -> Contact:
    return create_record(Contact, by=by, **values)


def update_contact(
    contact: Contact, *, by: User, values: dict[str, Any], expected_version: int | None = None
) -> Contact:
    return update_record(contact, by=by, values=values, expected_version=expected_version)


def delete_contact(contact: Contact, *, by: User, expected_version: int | None = None) -> None:
    delete_record(contact, by=by, expected_version=expected_version)
