"""Creating many contacts at once, for imports: the rules of ``create_contact``, written in a
few queries per batch rather than a dozen per contact.

Each contact is checked as ``create_contact`` checks it (the same ``_prepare``: emails and
phones normalised, custom fields, addresses, time zone and country filled in; the model's own
field checks; the external ID unique), then the good ones are inserted together with their
emails, phones, tags and company links, audited in one append to the chain, and indexed for
search in one pass. A row that fails is returned as its ValidationError and writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sampark.contacts import search
from sampark.contacts.actions import (
    TAG_CHOICES,
    _prepare,
    clean_tag_names,
    resolve_tags,
    store_addresses,
    written,
)
from sampark.contacts.models import Affiliation, Company, Contact, ContactEmail, ContactPhone
from sampark.contacts.search.documents import contact_document_of
from sampark.core import audit, bulk, cached
from sampark.core.models import AuditAction, User
from sampark.core.records import snapshot

# Checked by _prepare (or set by the server), so the per-field model check skips them.
_CHECKED_ELSEWHERE = ["owner", "team", "email", "phone", "custom", "referred_by"]


# For the rows that passed their checks (by their places in ``rows``), just before writing: the
# company each contact works at (found or made by the caller) and their title there; a row
# left out works nowhere.
CompaniesOf = Callable[[list[int]], dict[int, tuple[Company, str]]]


@dataclass
class _Checked:
    at: int  # the row's place in the results
    contact: Contact
    emails: list[str]
    phones: list[str]
    tags: list[str]
    addresses: list[dict[str, Any]] | None
    company: tuple[Company, str] | None = None


def create_contacts(
    *, by: User, rows: Sequence[dict[str, Any]], companies_of: CompaniesOf | None = None
) -> list[Contact | ValidationError]:
    """The contact made for each row of ``create_contact`` values, or why it was not; in the
    rows' order."""
    results: list[Contact | ValidationError] = []
    checked: list[_Checked] = []
    teams: dict[int, int | None] = {}
    for at, row in enumerate(rows):
        values = dict(row)
        try:
            tags = clean_tag_names(values.pop("tags", None) or [])
            emails, phones, addresses = _prepare(values)
            owner: User = values.setdefault("owner", by)
            if owner.pk not in teams:
                teams[owner.pk] = next(iter(owner.team_ids()), None)
            values.setdefault("team_id", teams[owner.pk])
            contact = Contact(**values)
            contact.clean_fields(exclude=_CHECKED_ELSEWHERE)
        except ValidationError as error:
            results.append(error)
            continue
        results.append(contact)
        checked.append(_Checked(at, contact, emails, phones, tags, addresses))
    for item in _with_taken_external_ids(checked):
        results[item.at] = ValidationError(
            {"external_id": _("Another contact already has this external ID.")}
        )
        checked.remove(item)
    if checked:
        with transaction.atomic():
            if companies_of is not None:
                companies = companies_of([item.at for item in checked])
                for item in checked:
                    item.company = companies.get(item.at)
            _write(checked, by)
    return results


def _with_taken_external_ids(checked: Sequence[_Checked]) -> list[_Checked]:
    """Those whose external ID is taken, by a stored contact or an earlier row of the batch."""
    wanted = [item.contact.external_id for item in checked if item.contact.external_id]
    if not wanted:
        return []
    taken = set(
        Contact.objects.filter(external_id__in=wanted).values_list("external_id", flat=True)
    )
    clashes = []
    for item in checked:
        key = item.contact.external_id
        if key and key in taken:
            clashes.append(item)
        taken.add(key)
    return clashes


def _write(checked: list[_Checked], by: User) -> None:
    bulk.insert([item.contact for item in checked], ids=True)
    bulk.insert(
        [
            ContactEmail(contact=item.contact, address=address, is_primary=n == 0)
            for item in checked
            for n, address in enumerate(item.emails)
        ]
    )
    bulk.insert(
        [
            ContactPhone(contact=item.contact, number=number, is_primary=n == 0)
            for item in checked
            for n, number in enumerate(item.phones)
        ]
    )
    _store_tags(checked)
    bulk.insert(
        [
            Affiliation(
                contact=item.contact,
                company=item.company[0],
                title=item.company[1],
                is_primary=True,
            )
            for item in checked
            if item.company is not None
        ]
    )
    for item in checked:
        if item.addresses:
            store_addresses(item.contact, item.addresses, by=by)
    audit.record_many(
        ((AuditAction.CREATE, item.contact, _created(item)) for item in checked), by=by
    )
    search.index_new_contacts(
        [
            contact_document_of(
                item.contact,
                emails=item.emails,
                numbers=item.phones,
                companies=[item.company[0].name] if item.company else [],
                tags=item.tags,
                towns=[a["city"] for a in item.addresses or () if a.get("city")],
            )
            for item in checked
        ]
    )
    written([item.contact for item in checked], created=True)


def _store_tags(checked: Sequence[_Checked]) -> None:
    tagged = [item for item in checked if item.tags]
    if not tagged:
        return
    names = {name.casefold(): name for item in tagged for name in item.tags}
    tag_of = {folded: resolve_tags([name])[0].pk for folded, name in names.items()}
    cached.invalidate(TAG_CHOICES)
    through = Contact.tags.through
    bulk.insert(
        [
            through(contact_id=item.contact.pk, tag_id=tag_id)
            for item in tagged
            for tag_id in dict.fromkeys(tag_of[name.casefold()] for name in item.tags)
        ]
    )


def _created(item: _Checked) -> dict[str, Any]:
    """The create entry's changes, as ``create_record`` writes them, with tags and company."""
    changes = {k: [None, v] for k, v in snapshot(item.contact).items() if v not in (None, "")}
    if item.tags:
        changes["tags"] = [None, sorted(item.tags, key=str.casefold)]
    if item.company is not None:
        company, title = item.company
        changes["companies"] = [None, f"{company.name} ({title})"]
    return changes
