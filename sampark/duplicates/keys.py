"""The keys each record is matched on, computed from its data and kept in a table.

Exact keys (same email ``e:``, phone ``p:``, external ID ``x:``, web domain ``d:``) and name
blocks (``n:``, see ``duplicates.names``) are what records are compared within. Context keys
(``~c:`` a company the contact works at, ``~t:`` a town on an address, ``~l:`` an email's local
part) are never compared on alone: they split a name block that is too big into smaller ones
("Mohammad Rahman at Padma Textiles"). They sort after every other key, so a scan reading the
blocks in key order stops before them.

The contact and company actions rebuild a record's keys inside the transaction that changed it
(see ``duplicates.hooks``); a full scan rebuilds them all.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from django.db import connection, models, transaction

from sampark.contacts.models import (
    Address,
    Affiliation,
    Company,
    Contact,
    ContactEmail,
    ContactPhone,
)
from sampark.contacts.search.text import fold
from sampark.duplicates import names
from sampark.duplicates.models import CompanyKey, ContactKey, RecordKind

EMAIL, PHONE, EXTERNAL_ID, DOMAIN, NAME = "e:", "p:", "x:", "d:", "n:"
EXACT = (EMAIL, PHONE, EXTERNAL_ID, DOMAIN)
CONTEXT = "~"
COMPANY_CONTEXT, TOWN_CONTEXT, LOCAL_PART_CONTEXT = "~c:", "~t:", "~l:"
BATCH = 2000
_NOT_ALNUM = re.compile(r"[^0-9a-z]")

KeyModel = type[ContactKey] | type[CompanyKey]


def key_model(kind: str) -> KeyModel:
    return ContactKey if kind == RecordKind.CONTACT else CompanyKey


def record_model(kind: str) -> type[Contact] | type[Company]:
    return Contact if kind == RecordKind.CONTACT else Company


@dataclass
class Record:
    """What matching knows of one contact or company."""

    pk: int
    labels: list[str] = field(default_factory=list)  # its names, as written
    forms: list[tuple[str, ...]] = field(default_factory=list)  # the same, as phonetic words
    exact: set[str] = field(default_factory=set)
    context: set[str] = field(default_factory=set)

    def add_name(self, label: str, *, company: bool = False) -> None:
        label = " ".join(label.split())
        words = names.words(label, company=company)
        if words and words not in self.forms:
            self.labels.append(label)
            self.forms.append(words)

    def all_keys(self) -> set[str]:
        found = set(self.exact) | set(self.context)
        for words in self.forms:
            found |= {NAME + key for key in names.block_keys(words)}
        return {key[: names.MAX_KEY] for key in found}


def _external_id(value: str) -> str:
    # "CRM-00123" and "crm 00123" are one ID typed two ways.
    return _NOT_ALNUM.sub("", fold(value))


def _local_part(address: str) -> str:
    local = address.casefold().split("@", 1)[0].split("+", 1)[0]
    return local.replace(".", "")


def contacts(ids: Sequence[int], *, names_only: bool = False) -> dict[int, Record]:
    """The matching data of these contacts (those that exist), a fixed five queries."""
    rows = Contact.objects.filter(pk__in=ids).values_list(
        "pk", "display_name", "given_name", "family_name", "latin_name", "external_id"
    )
    found: dict[int, Record] = {}
    for pk, display, given, family, latin, external in rows:
        record = found[pk] = Record(pk)
        for label in (display, f"{given} {family}", latin):
            record.add_name(label)
        if external.strip():
            record.exact.add(EXTERNAL_ID + _external_id(external))
    if names_only:
        return found
    for pk, address in ContactEmail.objects.filter(contact_id__in=ids).values_list(
        "contact_id", "address"
    ):
        if pk in found:
            found[pk].exact.add(EMAIL + address.casefold())
            found[pk].context.add(LOCAL_PART_CONTEXT + _local_part(address))
    for pk, number in ContactPhone.objects.filter(contact_id__in=ids).values_list(
        "contact_id", "number"
    ):
        if pk in found:
            found[pk].exact.add(PHONE + number)
    for pk, company in Affiliation.objects.filter(contact_id__in=ids).values_list(
        "contact_id", "company_id"
    ):
        if pk in found:
            found[pk].context.add(f"{COMPANY_CONTEXT}{company}")
    _add_towns(found, Address.objects.filter(contact_id__in=ids).values_list("contact_id", "city"))
    return found


def companies(ids: Sequence[int], *, names_only: bool = False) -> dict[int, Record]:
    rows = Company.objects.filter(pk__in=ids).values_list("pk", "name", "domain", "external_id")
    found: dict[int, Record] = {}
    for pk, name, domain, external in rows:
        record = found[pk] = Record(pk)
        record.add_name(name, company=True)
        if domain:
            record.exact.add(DOMAIN + domain.casefold())
        if external.strip():
            record.exact.add(EXTERNAL_ID + _external_id(external))
    if not names_only:
        towns = Address.objects.filter(company_id__in=ids).values_list("company_id", "city")
        _add_towns(found, towns)
    return found


def _add_towns(found: dict[int, Record], rows: Iterable[tuple[int | None, str]]) -> None:
    for pk, city in rows:
        if pk in found and city.strip():
            found[pk].context.add(TOWN_CONTEXT + fold(" ".join(city.split())))


def records(kind: str, ids: Sequence[int], *, names_only: bool = False) -> dict[int, Record]:
    """``names_only``: just the names (what comparing needs), not the keys that find them."""
    read = contacts if kind == RecordKind.CONTACT else companies
    found: dict[int, Record] = {}
    for start in range(0, len(ids), BATCH):
        found.update(read(ids[start : start + BATCH], names_only=names_only))
    return found


def rebuild(kind: str, ids: Sequence[int]) -> int:
    """Make the stored keys of these records what their data says now; how many were written.
    Ids of records that are gone lose their keys."""
    model = key_model(kind)
    found = records(kind, ids)
    rows = [(pk, key) for pk, record in found.items() for key in sorted(record.all_keys())]
    with transaction.atomic():
        model.objects.filter(record_id__in=ids).delete()
        _insert(model, rows)
    return len(rows)


def rebuild_all(
    kind: str, *, progress: Callable[[int, int], None] | None = None
) -> tuple[int, int]:
    """Every record's keys, from scratch, a batch (and a transaction) at a time, reading the
    records in key order so memory stays bounded; (records, keys) written."""
    model = key_model(kind)
    with transaction.atomic():
        model.objects.all().delete()
    done = written = 0
    for batch in id_batches(record_model(kind).objects.all(), BATCH):
        found = records(kind, batch)
        rows = [(pk, key) for pk, record in found.items() for key in record.all_keys()]
        with transaction.atomic():
            _insert(model, rows)
        done += len(batch)
        written += len(rows)
        if progress:
            progress(done, written)
    return done, written


def _insert(model: KeyModel, rows: list[tuple[int, str]]) -> None:
    if not rows:
        return
    # Straight SQL: a full rebuild writes millions of rows, and model instances would cost
    # more than the writing.
    table = connection.ops.quote_name(model._meta.db_table)
    record = connection.ops.quote_name("record_id")
    key = connection.ops.quote_name("key")
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} ({record}, {key}) VALUES (%s, %s)", rows)  # noqa: S608


def id_batches(
    rows: models.QuerySet[Contact] | models.QuerySet[Company], size: int
) -> Iterator[list[int]]:
    """The rows' ids in ascending batches, each read by key (no cursor held open)."""
    last = 0
    while True:
        batch = list(rows.filter(pk__gt=last).order_by("pk").values_list("pk", flat=True)[:size])
        if not batch:
            return
        yield batch
        last = batch[-1]


def grouped(rows: Iterable[tuple[str, int]]) -> dict[str, list[int]]:
    blocks: dict[str, list[int]] = defaultdict(list)
    for key, pk in rows:
        blocks[key].append(pk)
    return blocks
