"""Every write to contacts and companies goes through here: normalised, validated, audited."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from sampark.contacts import search
from sampark.contacts.models import Affiliation, Company, Contact, ContactEmail, ContactPhone
from sampark.core import audit
from sampark.core.models import AuditAction, User
from sampark.core.records import create_record, delete_record, update_record
from sampark.lib.emails import InvalidEmail, normalise_email
from sampark.lib.phones import InvalidPhone, region_of, to_e164
from sampark.lib.timezones import guess_time_zone


def normalise_phones(raw: Iterable[str], *, country: str, field: str = "phone") -> list[str]:
    """E.164 numbers, in order, without repeats; a bad one is a field error naming it."""
    numbers: list[str] = []
    for text in raw:
        if not text.strip():
            continue
        try:
            number = to_e164(text, country or None)
        except InvalidPhone as error:
            raise ValidationError({field: f"{text.strip()}: {error}"}) from None
        if number not in numbers:
            numbers.append(number)
    return numbers


def normalise_emails(raw: Iterable[str], *, field: str = "email") -> list[str]:
    addresses: list[str] = []
    for text in raw:
        if not text.strip():
            continue
        try:
            address = normalise_email(text)
        except InvalidEmail as error:
            raise ValidationError({field: f"{text.strip()}: {error}"}) from None
        if address.casefold() not in {a.casefold() for a in addresses}:
            addresses.append(address)
    return addresses


def _prepare(values: dict[str, Any], current: Contact | None = None) -> tuple[list[str], list[str]]:
    """Normalise the primary email and phone in ``values`` and return every email and phone.

    ``emails``/``phones`` (lists, primary first) may be given instead of, or besides, the single
    ``email``/``phone`` fields; the primary one is mirrored into the contact's own columns.
    """
    country = values.get("country", current.country if current else "") or ""
    errors: dict[str, list[str]] = {}
    emails: list[str] = []
    phones: list[str] = []
    try:
        emails = normalise_emails([values.pop("email", ""), *values.pop("emails", [])])
    except ValidationError as error:
        errors.update(error.message_dict)
    try:
        phones = normalise_phones(
            [values.pop("phone", ""), *values.pop("phones", [])], country=country
        )
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        # Report every bad field at once, as a form would, not just the first one found.
        draft = Contact(**{k: v for k, v in values.items() if k not in {"owner", "team"}})
        try:
            draft.full_clean(exclude=["owner", "team", "email", "phone"], validate_unique=False)
        except ValidationError as error:
            errors.update(error.message_dict)
        raise ValidationError(errors)
    values["email"] = emails[0] if emails else ""
    values["phone"] = phones[0] if phones else ""
    if not values.get("time_zone") and not (current and current.time_zone):
        guessed = guess_time_zone(country=country, phone=values["phone"])
        if guessed:
            values["time_zone"] = guessed
    if not country and values["phone"]:
        values["country"] = region_of(values["phone"])
    return emails, phones


def _store_reachability(contact: Contact, emails: list[str], phones: list[str]) -> None:
    contact.emails.all().delete()
    contact.phones.all().delete()
    ContactEmail.objects.bulk_create(
        ContactEmail(contact=contact, address=a, is_primary=i == 0) for i, a in enumerate(emails)
    )
    ContactPhone.objects.bulk_create(
        ContactPhone(contact=contact, number=n, is_primary=i == 0) for i, n in enumerate(phones)
    )


def create_contact(*, by: User, **values: Any) -> Contact:
    emails, phones = _prepare(values)
    with transaction.atomic():
        contact = create_record(Contact, by=by, **values)
        _store_reachability(contact, emails, phones)
        search.index_contact(contact)
    return contact


def update_contact(
    contact: Contact,
    *,
    by: User,
    values: Mapping[str, Any],
    expected_version: int | None = None,
) -> Contact:
    """Change the fields given. ``email``/``phone`` replace the primary one; ``emails``/``phones``
    (when given) replace the whole list."""
    changes = dict(values)
    changes.setdefault("email", contact.email)
    changes.setdefault("phone", contact.phone)
    if "emails" not in changes:
        changes["emails"] = [e.address for e in contact.emails.all() if not e.is_primary]
    if "phones" not in changes:
        changes["phones"] = [p.number for p in contact.phones.all() if not p.is_primary]
    emails, phones = _prepare(changes, current=contact)
    with transaction.atomic():
        contact = update_record(contact, by=by, values=changes, expected_version=expected_version)
        _store_reachability(contact, emails, phones)
        search.index_contact(contact)
    return contact


def delete_contact(contact: Contact, *, by: User, expected_version: int | None = None) -> None:
    with transaction.atomic():
        search.unindex(contact)
        delete_record(contact, by=by, expected_version=expected_version)


def create_company(*, by: User, **values: Any) -> Company:
    with transaction.atomic():
        company = create_record(Company, by=by, **values)
        search.index_company(company)
    return company


def update_company(
    company: Company, *, by: User, values: Mapping[str, Any], expected_version: int | None = None
) -> Company:
    with transaction.atomic():
        company = update_record(company, by=by, values=values, expected_version=expected_version)
        search.index_company(company)
    return company


def delete_company(company: Company, *, by: User, expected_version: int | None = None) -> None:
    with transaction.atomic():
        people = list(company.contacts.all())
        search.unindex(company)
        delete_record(company, by=by, expected_version=expected_version)
        for contact in people:  # their documents carried the company's name
            search.index_contact(contact)


def link_company(
    contact: Contact,
    company: Company,
    *,
    by: User,
    title: str = "",
    role: str = "",
    is_primary: bool = False,
) -> Affiliation:
    """Record (or change) that ``contact`` works at ``company``, audited on the contact."""
    with transaction.atomic():
        affiliation, created = Affiliation.objects.update_or_create(
            contact=contact,
            company=company,
            defaults={"title": title, "role": role, "is_primary": is_primary},
        )
        if is_primary:
            contact.affiliations.exclude(pk=affiliation.pk).update(is_primary=False)
        audit.record(
            AuditAction.UPDATE,
            contact,
            by=by,
            changes={"companies": [None if created else company.name, f"{company.name} ({title})"]},
        )
        search.index_contact(contact)
    return affiliation


def unlink_company(contact: Contact, company: Company, *, by: User) -> None:
    with transaction.atomic():
        deleted, _counts = Affiliation.objects.filter(contact=contact, company=company).delete()
        if deleted:
            audit.record(
                AuditAction.UPDATE, contact, by=by, changes={"companies": [company.name, None]}
            )
            search.index_contact(contact)
