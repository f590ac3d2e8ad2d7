"""Builders for tickets, through the actions (so they are audited and indexed as in life)."""

from __future__ import annotations

from typing import Any

from sampark.contacts.models import Contact
from sampark.contacts.tests.factories import ContactFactory
from sampark.core.models import User
from sampark.service import actions
from sampark.service.models import Ticket


def make_ticket(by: User, requester: Contact | None = None, **values: Any) -> Ticket:
    """A ticket ``by`` opened (in their team unless ``team`` is given) for ``requester`` (a new
    client of ``by`` if not given)."""
    if requester is None:
        requester = ContactFactory(owner=by, team_id=next(iter(by.team_ids()), None))
    values.setdefault("subject", "Card blocked")
    values.setdefault("body", "My card stopped working yesterday.")
    return actions.open_ticket(by=by, requester=requester, **values)
