"""The one interface both search backends implement, and the plain values that cross it.

A backend stores documents and answers one *tier* of a query at a time (whole words, then
prefixes, then typos); ``sampark.contacts.search`` decides the tiers and merges them. Backends
write only through the cursor they are given, so index writes join the caller's transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from django.core.exceptions import ImproperlyConfigured
from django.db.backends.utils import CursorWrapper

from sampark.contacts.search.documents import Document


@dataclass(frozen=True)
class WordMatch:
    """One word of the query: the word itself, or as a prefix, or any of its spelling neighbours."""

    word: str
    prefix: bool = False
    alternatives: tuple[str, ...] = ()


@dataclass(frozen=True)
class Tier:
    """One pass over the index; every word and every phone fragment must match (AND)."""

    base: float  # added to the backend's rank in [0, 1): a whole-word hit beats any prefix hit
    words: tuple[WordMatch, ...] = ()
    fragments: tuple[str, ...] = ()  # phone digits matched anywhere in a number


@dataclass(frozen=True)
class Visible:
    """The records of one kind a user may see, as a correlated subquery.

    ``sql`` selects the record whose primary key is ``d.record_id`` (``d`` being the document
    being considered) if, and only if, the user may see it: it is ``visible_to(user)`` compiled.
    """

    kind: str
    sql: str
    params: tuple[Any, ...]
    # The access tokens of the records the user may see (core.records.reach_tokens), for a
    # backend to narrow candidates by before ranking; None when they may see every record.
    tokens: tuple[str, ...] | None = None


Scope = tuple[Visible, ...]  # the kinds searched; a kind the user may not see is left out


@dataclass(frozen=True)
class Group:
    """Some kinds of the scope, and how many more hits they may have between them: one group
    of every kind for a ranked list, or a group per kind for results shown by kind."""

    scope: Scope
    limit: int

    @property
    def kinds(self) -> list[str]:
        return [visible.kind for visible in self.scope]


def allowed_tokens(scope: Scope) -> tuple[str, ...] | None:
    """Every access token the kinds in scope allow, or None if some kind is seen whole."""
    tokens: list[str] = []
    for visible in scope:
        if visible.tokens is None:
            return None
        tokens += visible.tokens
    return tuple(dict.fromkeys(tokens))


@dataclass(frozen=True)
class Row:
    document_id: int
    kind: str
    record_id: int
    title: str
    subtitle: str
    rank: float  # in [0, 1), higher is better

    @classmethod
    def scored(
        cls, document_id: int, kind: str, record_id: int, title: str, subtitle: str, strength: float
    ) -> Row:
        """A row from a backend's own relevance measure (any scale, higher is better)."""
        strength = max(0.0, strength)
        return cls(
            int(document_id), kind, int(record_id), title, subtitle, strength / (1 + strength)
        )


class Backend(Protocol):
    def write(self, cursor: CursorWrapper, documents: Sequence[Document]) -> None:
        """Insert or replace these documents (and learn their words for typo tolerance)."""

    def delete(self, cursor: CursorWrapper, kind: str, record_ids: Sequence[int]) -> None: ...

    def clear(self, cursor: CursorWrapper) -> None:
        """Empty the whole index, vocabulary included."""

    def tidy(self, cursor: CursorWrapper) -> None:
        """Make the index compact and its statistics current after a rebuild."""

    def similar_words(self, cursor: CursorWrapper, word: str, limit: int) -> list[str]:
        """Indexed words sharing trigrams with ``word``, most alike first (a superset to check)."""

    def find(
        self, cursor: CursorWrapper, tier: Tier, groups: Sequence[Group], exclude: Iterable[int]
    ) -> list[Row]:
        """The best documents of this tier, up to each group's limit, of records its scope
        lets the user see; skipping the documents in ``exclude``. Best first."""

    def matching_records(self, kind: str, tier: Tier) -> tuple[str, list[Any]]:
        """SQL selecting the ids of every record of ``kind`` this tier matches, unranked: for
        a list's filter, which the list's own permission filter and order then apply to."""


def for_vendor(vendor: str) -> Backend:
    # Imported here: each backend module is only ever used on its own database.
    if vendor == "sqlite":
        from sampark.contacts.search import sqlite

        return sqlite.BACKEND
    if vendor == "postgresql":
        from sampark.contacts.search import postgres

        return postgres.BACKEND
    raise ImproperlyConfigured(f"Search has no backend for the {vendor} database.")


def placeholders(count: int) -> str:
    return ", ".join(["%s"] * count)


def titles(cursor: CursorWrapper, kind: str, record_ids: Sequence[int]) -> dict[int, str]:
    """The titles the index holds now (both backends share the document table's columns)."""
    if not record_ids:
        return {}
    cursor.execute(
        "SELECT record_id, title FROM contacts_search_document"  # noqa: S608 (placeholders only)
        f" WHERE kind = %s AND record_id IN ({placeholders(len(record_ids))})",
        [kind, *record_ids],
    )
    return {int(record_id): str(title) for record_id, title in cursor.fetchall()}
