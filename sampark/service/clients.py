"""Who a ticket is for when the client reaches the desk themselves (by email, the public web
form, the portal's sign-in): the contact with their email address, whoever owns that contact,
else a new contact.

The desk answers for the whole firm, and a client writing in must join their own record, not a
copy of it: so the address is looked for among all contacts (the oldest wins when several share
it), not only those some agent may see.
"""

from __future__ import annotations

from django.conf import settings

from sampark.contacts.actions import create_contact
from sampark.contacts.models import Contact, ContactEmail
from sampark.core.models import User


def contact_with_address(address: str) -> Contact | None:
    """The oldest contact with this email address among any of theirs (every write of a
    contact keeps its addresses, the primary one included, in ``ContactEmail``)."""
    if not address.strip():
        return None
    found = (
        ContactEmail.objects.with_address(address)
        .select_related("contact")
        .order_by("contact_id")
        .first()
    )
    return found.contact if found is not None else None


def client_for(
    address: str,
    *,
    name: str,
    language: str | None,
    owner: User,
    team_id: int | None,
    source: str,
) -> Contact:
    """The contact with ``address``, else a new one of ``owner`` in ``team_id``."""
    found = contact_with_address(address)
    if found is not None:
        return found
    return create_contact(
        by=owner,
        owner=owner,
        team_id=team_id,
        display_name=(name.strip() or address.split("@")[0])[:200],
        email=address,
        language=language or settings.LANGUAGE_CODE,
        source=source,
    )
