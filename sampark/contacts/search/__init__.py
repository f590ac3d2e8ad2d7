"""Global search over contacts and companies: one interface, a backend per database.

``search(user, "প্রবীর")`` answers ranked ``Hit``s of the records the user may see. Matching
happens in tiers, each filling what is left of the limit: whole words first, then prefixes and
phone fragments, then words one typo away, so an exact name always outranks a fuzzy one. Words
are cut in Python (``text``) for both databases, which only store and match them: FTS5 on
SQLite (``sqlite``), a tsvector and pg_trgm on PostgreSQL (``postgres``).

Permissions are applied inside the query: each candidate document's record is probed by primary
key in ``visible_to(user)``, the one permission layer, compiled to SQL; so no list of ids is
ever loaded into Python, the cost follows the matches rather than the table, and a record that
became invisible (or was deleted behind the index's back) is never shown.

The write actions call ``index_contact``/``index_company``/``unindex`` inside their transaction,
so the index never drifts from the data; ``sampark reindex`` rebuilds it from the tables.

Higher domains add a kind of their own (sales adds deals) with ``register(Source(...))`` in their
``AppConfig.ready``, and index it from their actions with ``index_records``/``unindex``; the
tables already hold any kind, so a new kind needs no migration.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connection, models, transaction
from django.db.backends.utils import CursorWrapper
from django.db.models.expressions import RawSQL
from django.urls import reverse

from sampark.contacts.models import Company, Contact
from sampark.contacts.search import text
from sampark.contacts.search.backend import (
    Backend,
    Group,
    Scope,
    Tier,
    Visible,
    WordMatch,
    for_vendor,
    titles,
)
from sampark.contacts.search.documents import (
    COMPANY,
    CONTACT,
    KINDS,
    Document,
    company_documents,
    contact_documents,
)
from sampark.core.models import User
from sampark.core.planner import unindexed
from sampark.core.records import OwnedRecord, reach_tokens

DEFAULT_LIMIT = 20
MAX_LIMIT = 100
BATCH_SIZE = 500
# Typo tolerance checks at most this many look-alike words per query word, and uses the
# closest few; enough for names, and it bounds the cost of a misspelt common word.
_CANDIDATES = 200
_NEIGHBOURS = 10

# The score's whole part says how a hit matched; the fraction is the backend's rank within it.
EXACT, PREFIX, TYPO = 3.0, 2.0, 1.0

_MODELS: dict[str, type[Contact] | type[Company]] = {CONTACT: Contact, COMPANY: Company}


@dataclass(frozen=True)
class Source:
    """A kind of record a higher domain adds to search: its model (an ``OwnedRecord``, so the
    permission layer decides who finds it), its page's URL name (reversed with the record's
    primary key), and how to build the documents of some of its records (those gone are left
    out)."""

    kind: str
    model: type[OwnedRecord]
    url_name: str
    documents: Callable[[Sequence[int]], list[Document]]


_SOURCES: dict[str, Source] = {}


def register(source: Source) -> None:
    if source.kind in _MODELS:
        raise ValueError(f"Search kind {source.kind!r} is the contacts app's own.")
    _SOURCES[source.kind] = source


def sources() -> list[Source]:
    """The kinds other domains registered, in the order they did."""
    return list(_SOURCES.values())


def kinds() -> tuple[str, ...]:
    """Every kind search knows: contacts and companies first, then the registered ones."""
    return (*KINDS, *_SOURCES)


def _model(kind: str) -> type[OwnedRecord]:
    return _MODELS[kind] if kind in _MODELS else _SOURCES[kind].model


@dataclass(frozen=True)
class Hit:
    kind: str  # "contact", "company" or a registered kind ("deal")
    id: int
    title: str
    subtitle: str
    url: str
    score: float  # higher is better; only comparable within one answer


def search(
    user: User,
    query: str,
    kinds: Collection[str] | None = None,
    limit: int = DEFAULT_LIMIT,
    *,
    per_kind: bool = False,
) -> list[Hit]:
    """The best ``limit`` records ``user`` may see that match ``query``, best first; with
    ``per_kind``, the best ``limit`` of each kind (so many matching contacts cannot crowd out
    the one matching company), still in one pass over the index.

    Any text is a valid query: quotes, operators and other punctuation only separate words.
    """
    parsed = text.parse_query(query)
    wanted = [kind for kind in _all_kinds() if kinds is None or kind in kinds]
    limit = max(1, min(limit, MAX_LIMIT))
    if not parsed or not wanted:
        return []
    scope = visible_scope(user, wanted)
    if not scope:
        return []
    backend = _backend()
    hits: list[Hit] = []
    seen: list[int] = []

    def groups() -> list[Group]:
        """What each group may still take."""
        if not per_kind:
            return [Group(scope, limit - len(hits))] if len(hits) < limit else []
        found = Counter(hit.kind for hit in hits)
        return [
            Group((visible,), limit - found[visible.kind])
            for visible in scope
            if found[visible.kind] < limit
        ]

    with connection.cursor() as cursor:
        for tier in _tiers(parsed, backend, cursor):
            for row in backend.find(cursor, tier, groups(), seen):
                seen.append(row.document_id)
                hits.append(
                    Hit(
                        kind=row.kind,
                        id=row.record_id,
                        title=row.title,
                        subtitle=row.subtitle,
                        url=record_url(row.kind, row.record_id),
                        score=round(tier.base + row.rank, 6),
                    )
                )
            if not groups():
                break
    return hits


def narrow[Q: models.QuerySet[Any]](records: Q, typed: str, *, many: bool = False) -> Q:
    """``records`` kept to those whose words start with the words typed (and whose phones hold
    the digits typed), through the search index: the as-you-type filter of the contact and
    company lists and APIs, in any script, without reading every row. ``many``: see
    core/planner.py."""
    query = text.parse_query(typed)
    if not query:
        return records
    words = tuple(WordMatch(w, prefix=len(w) >= text.MIN_PREFIX) for w in query.words)
    sql, params = _backend().matching_records(
        _kind_of_model(records.model), Tier(PREFIX, words=words, fragments=query.digits)
    )
    ids = RawSQL(sql, params)  # noqa: S611 - the backends' own SQL, with placeholders
    if many:
        key = unindexed("id", models.BigIntegerField())
        return records.alias(matched_id=key).filter(matched_id__in=ids)
    return records.filter(pk__in=ids)


def _all_kinds() -> tuple[str, ...]:
    # ``search`` has a parameter named ``kinds``.
    return kinds()


def _kind_of_model(model: type[models.Model]) -> str:
    for source in _SOURCES.values():
        if issubclass(model, source.model):
            return source.kind
    return CONTACT if issubclass(model, Contact) else COMPANY


def _tiers(query: text.Query, backend: Backend, cursor: CursorWrapper) -> Iterator[Tier]:
    # A generator: the typo tier's look-ups only happen when the earlier tiers left room.
    exact = Tier(EXACT, words=tuple(WordMatch(w) for w in (*query.words, *query.digits)))
    yield exact
    prefixes = tuple(WordMatch(w, prefix=len(w) >= text.MIN_PREFIX) for w in query.words)
    if query.digits or prefixes != exact.words:
        yield Tier(PREFIX, words=prefixes, fragments=query.digits)
    fuzzy = tuple(
        WordMatch(m.word, m.prefix, alternatives=neighbours(backend, cursor, m.word))
        for m in prefixes
    )
    if fuzzy != prefixes:
        yield Tier(TYPO, words=fuzzy, fragments=query.digits)


def neighbours(backend: Backend, cursor: CursorWrapper, word: str) -> tuple[str, ...]:
    """Indexed words at most ``text.max_typos(word)`` edits from ``word``, closest first.

    The backend's trigram index proposes look-alikes; the edit distance decides, so "rajim"
    finds "rahim" but a word sharing only a few trigrams does not come along.
    """
    allowed = text.max_typos(word)
    if not allowed:
        return ()
    scored = sorted(
        (text.edit_distance(word, candidate, allowed), candidate)
        for candidate in backend.similar_words(cursor, word, _CANDIDATES)
        if not candidate.startswith(word)  # the prefix tier has those already
    )
    return tuple(candidate for distance, candidate in scored if distance <= allowed)[:_NEIGHBOURS]


def visible_scope(user: User, kinds: Iterable[str]) -> Scope:
    """What ``user`` may see of each kind, as subqueries the backends check each candidate with.

    It is ``visible_to(user)`` itself, narrowed to the candidate's primary key: one index probe
    per candidate, however many records the user may see, and never a list of ids in Python.
    """
    scope: list[Visible] = []
    for kind in kinds:
        visible = _model(kind)._default_manager.visible_to(user)  # type: ignore[attr-defined]
        record = RawSQL("d.record_id", (), output_field=models.BigIntegerField())
        try:
            sql, params = visible.filter(pk=record).order_by().values("pk").query.sql_with_params()
        except EmptyResultSet:  # visible_to(user) is none(): this kind is out of reach
            continue
        scope.append(Visible(kind, sql, tuple(params), reach_tokens(user)))
    return tuple(scope)


def record_url(kind: str, record_id: int) -> str:
    if kind in _SOURCES:
        name = _SOURCES[kind].url_name
    else:
        name = "contacts:detail" if kind == CONTACT else "contacts:company_detail"
    return reverse(name, args=[record_id])


def index_contact(contact: Contact) -> None:
    """(Re)write the contact's search document."""
    index_contacts([contact.pk])


def index_company(company: Company) -> None:
    """(Re)write the company's search document, and those of its people (they carry its name)."""
    with connection.cursor() as cursor:
        before = titles(cursor, COMPANY, [company.pk]).get(company.pk)
    after = index_companies([company.pk])
    if before is not None and after.get(company.pk) == before:
        return  # the name is unchanged, and so are its people's documents
    people = Contact.objects.filter(affiliations__company=company)
    for batch in _id_batches(people, BATCH_SIZE):
        index_contacts(batch)


def unindex(record: OwnedRecord) -> None:
    """Drop the record's search document."""
    with connection.cursor() as cursor:
        _backend().delete(cursor, _kind_of(record), [record.pk])


def index_records(kind: str, ids: Sequence[int]) -> None:
    """(Re)write the documents of these records of a registered kind; ids of records that are
    gone are dropped."""
    _write(kind, ids, _SOURCES[kind].documents(ids))


def index_contacts(ids: Sequence[int]) -> None:
    """(Re)write these contacts' documents; ids of contacts that are gone are dropped."""
    _write(CONTACT, ids, contact_documents(ids))


def index_new_contacts(documents: Sequence[Document]) -> None:
    """Write the documents of contacts just made, built from the values in hand
    (``documents.contact_document_of``)."""
    _write(CONTACT, [d.record_id for d in documents], documents)


def index_companies(ids: Sequence[int]) -> dict[int, str]:
    """(Re)write these companies' own documents (not their people's); returns their titles."""
    documents = company_documents(ids)
    _write(COMPANY, ids, documents)
    return {d.record_id: d.title for d in documents}


def rebuild(
    batch_size: int = BATCH_SIZE, progress: Callable[[str, int], None] | None = None
) -> dict[str, int]:
    """Empty the index and fill it again from the tables, one transaction per batch.

    For imports and restores. Searches during the rebuild see only what is indexed so far;
    writes meanwhile are safe (each batch reads the records as they are then).
    """
    backend = _backend()
    with transaction.atomic(), connection.cursor() as cursor:
        backend.clear(cursor)
    counts: dict[str, int] = {}
    indexers: list[tuple[str, type[models.Model], Callable[[Sequence[int]], object]]] = [
        (COMPANY, Company, index_companies),
        (CONTACT, Contact, index_contacts),
        *((s.kind, s.model, functools.partial(index_records, s.kind)) for s in _SOURCES.values()),
    ]
    for kind, model, index in indexers:
        counts[kind] = 0
        for batch in _id_batches(model._default_manager.all(), batch_size):
            index(batch)
            counts[kind] += len(batch)
            if progress:
                progress(kind, counts[kind])
    with connection.cursor() as cursor:
        backend.tidy(cursor)
    return counts


def _write(kind: str, ids: Sequence[int], documents: Sequence[Document]) -> None:
    if not ids:
        return
    gone = set(ids) - {d.record_id for d in documents}
    backend = _backend()
    with transaction.atomic(), connection.cursor() as cursor:
        backend.write(cursor, documents)
        backend.delete(cursor, kind, sorted(gone))


def _kind_of(record: OwnedRecord) -> str:
    return _kind_of_model(type(record))


def _backend() -> Backend:
    return for_vendor(connection.vendor)


def _id_batches(records: models.QuerySet[Any], size: int) -> Iterator[list[int]]:
    """The records' ids in ascending batches, read a batch at a time by key (no open cursor)."""
    last = 0
    while True:
        batch = list(records.filter(pk__gt=last).order_by("pk").values_list("pk", flat=True)[:size])
        if not batch:
            return
        yield batch
        last = batch[-1]
