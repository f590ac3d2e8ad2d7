"""What search knows of a contact or a company: one document each, built from the tables."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

import phonenumbers
from django.db.models import Prefetch

from sampark.contacts.models import Affiliation, Company, Contact
from sampark.contacts.search import text
from sampark.core.records import access_tokens
from sampark.lib.phones import national_digits

CONTACT = "contact"
COMPANY = "company"
KINDS = (CONTACT, COMPANY)


@dataclass(frozen=True)
class Document:
    kind: str
    record_id: int
    title: str
    subtitle: str
    updated_at: datetime
    names: tuple[str, ...]  # tokens of the record's own names: they rank highest
    other: tuple[str, ...]  # emails, phone numbers, companies, domain, tags, towns
    phones: tuple[str, ...]  # phone numbers as digits, for fragments anywhere in them
    access: tuple[str, ...] = ()  # who may see the record (core.records.access_tokens)

    def vocabulary(self) -> set[str]:
        return {t for t in (*self.names, *self.other) if text.is_vocabulary_word(t)}


def phone_digits(number: str) -> list[str]:
    """E.164 digits and the national digits as dialled at home: 8801711000001, 01711000001."""
    digits = text.digits_of(number)
    if not digits:
        return []
    found = [digits]
    try:
        national = national_digits(number)
    except phonenumbers.NumberParseException:  # not E.164: written straight to the table
        return found
    if national and national != digits:
        found.append(national)
    return found


def contact_documents(ids: Iterable[int]) -> list[Document]:
    contacts = Contact.objects.filter(pk__in=list(ids)).prefetch_related(
        "emails",
        "phones",
        "tags",
        "addresses",
        Prefetch(
            "affiliations",
            queryset=Affiliation.objects.select_related("company").order_by("-is_primary", "id"),
        ),
    )
    return [contact_document(contact) for contact in contacts]


def contact_document(contact: Contact) -> Document:
    """Needs the contact's emails, phones, tags, addresses and affiliations (with companies)
    prefetched."""
    return contact_document_of(
        contact,
        emails=[e.address for e in contact.emails.all()],
        numbers=[p.number for p in contact.phones.all()],
        companies=[a.company.name for a in contact.affiliations.all()],
        tags=[t.name for t in contact.tags.all()],
        towns=_towns(contact),
    )


def contact_document_of(
    contact: Contact,
    *,
    emails: Sequence[str],
    numbers: Sequence[str],
    companies: Sequence[str],
    tags: Sequence[str],
    towns: Sequence[str],
) -> Document:
    """The contact's document from its parts in hand: a bulk create has just written them and
    need not read them back. ``companies`` the primary first."""
    emails = list(dict.fromkeys(a for a in [contact.email, *emails] if a))
    numbers = list(dict.fromkeys(n for n in [contact.phone, *numbers] if n))
    digits = [d for number in numbers for d in phone_digits(number)]
    names = text.tokens(
        contact.display_name, contact.given_name, contact.family_name, contact.latin_name
    )
    other = text.tokens(*emails, *companies, *tags, *towns)
    return Document(
        kind=CONTACT,
        record_id=contact.pk,
        title=contact.display_name,
        subtitle=" · ".join(
            dict.fromkeys(s for s in [*companies[:1], *emails[:1], *numbers[:1]] if s)
        ),
        updated_at=contact.updated_at,
        names=tuple(names),
        other=_without(names, [*other, *digits]),
        phones=tuple(dict.fromkeys(digits)),
        access=access_tokens(contact),
    )


def company_documents(ids: Iterable[int]) -> list[Document]:
    companies = Company.objects.filter(pk__in=list(ids)).prefetch_related("tags", "addresses")
    return [company_document(company) for company in companies]


def company_document(company: Company) -> Document:
    names = text.tokens(company.name)
    other = text.tokens(company.domain, *(t.name for t in company.tags.all()), *_towns(company))
    return Document(
        kind=COMPANY,
        record_id=company.pk,
        title=company.name,
        subtitle=" · ".join(s for s in [company.domain, company.industry] if s),
        updated_at=company.updated_at,
        names=tuple(names),
        other=_without(names, other),
        phones=(),
        access=access_tokens(company),
    )


def _towns(record: Contact | Company) -> list[str]:
    # "Chattogram" or "চট্টগ্রাম" finds the people and firms there, as typed on their addresses.
    return [a.city for a in record.addresses.all() if a.city]


def _without(names: Sequence[str], tokens: Iterable[str]) -> tuple[str, ...]:
    # A word already among the names would only be counted twice by the ranking.
    known = set(names)
    return tuple(t for t in dict.fromkeys(tokens) if t not in known)
