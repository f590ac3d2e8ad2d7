"""Builders for duplicate tests: records made through the contact actions, so keys and audit
are kept exactly as in use."""

from __future__ import annotations

from typing import Any

from sampark.contacts import actions
from sampark.contacts.models import Company, Contact
from sampark.core.models import User


def contact(by: User, name: str, **values: Any) -> Contact:
    return actions.create_contact(by=by, display_name=name, **values)


def company(by: User, name: str, **values: Any) -> Company:
    return actions.create_company(by=by, name=name, **values)
