"""Global search over contacts and companies (to be filled in: see the search work item).

The write actions call ``index_contact``/``index_company``/``unindex`` inside their transaction,
so the index never drifts from the data.
"""

from __future__ import annotations

from sampark.contacts.models import Company, Contact


def index_contact(contact: Contact) -> None:
    """(Re)write the contact's search document."""


def index_company(company: Company) -> None:
    """(Re)write the company's search document, and those of its people (they carry its name)."""


def unindex(record: Contact | Company) -> None:
    """Drop the record's search document."""
