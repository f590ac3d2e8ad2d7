"""Search on PostgreSQL: a tsvector with a GIN index for words, pg_trgm for phones and typos.

Tables (made by migration contacts 0002):

- ``contacts_search_document``: one row per record, with ``lexemes`` (a tsvector, GIN index),
  ``phones`` (digits, trigram GIN index, so ``LIKE '%1711%'`` uses it) and ``access`` (the
  record's owner and team tokens, GIN index; migration 0006).
- ``contacts_search_term``: every indexed word (about once), trigram GIN index, for typos.

The tsvector is written as a literal from the tokens ``text.tokens`` made, not by a text search
configuration: it is what the 'simple' configuration would give (lower case, no stemming, no
stop words; stemming would mangle Bengali and Hindi), but its words are exactly SQLite's, so
both databases find the same records. Queries are built as tsquery values the
same way, from our tokens, each one quoted, so no input is ever read as tsquery syntax.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db.backends.utils import CursorWrapper

from sampark.contacts.search.backend import (
    Group,
    Row,
    Tier,
    WordMatch,
    allowed_tokens,
    placeholders,
)
from sampark.contacts.search.documents import Document

_UPSERT = """
INSERT INTO contacts_search_document
    (kind, record_id, title, subtitle, updated_at, lexemes, phones, access)
VALUES (%s, %s, %s, %s, %s, %s::tsvector, %s, %s)
ON CONFLICT (kind, record_id) DO UPDATE SET
    title = EXCLUDED.title, subtitle = EXCLUDED.subtitle, updated_at = EXCLUDED.updated_at,
    lexemes = EXCLUDED.lexemes, phones = EXCLUDED.phones, access = EXCLUDED.access
"""


def _lexeme(token: str) -> str:
    # A quoted tsquery lexeme: a quote or a backslash inside is doubled.
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


# A position can be at most this; later tokens share it (only the weight matters to us).
_MAX_POSITION = 16383
# Best first; among equals, the latest changed.
_ORDER = "score DESC, updated_at DESC, id DESC"


def tsvector(names: Sequence[str], other: Sequence[str]) -> str:
    """A tsvector literal: names weighted A, the rest B.

    Weights live on positions, so every token gets one (a tsvector made without positions, as
    array_to_tsvector makes, loses its weights and ranks every field alike).
    """
    entries = [(token, "A") for token in names] + [(token, "B") for token in other]
    return " ".join(
        f"{_lexeme(token)}:{min(i, _MAX_POSITION)}{weight}"
        for i, (token, weight) in enumerate(entries, 1)
    )


def _word(match: WordMatch) -> str:
    options = [_lexeme(match.word)]
    if match.prefix:
        options.append(_lexeme(match.word) + ":*")
    options += [_lexeme(alternative) for alternative in match.alternatives]
    return "(" + " | ".join(options) + ")"


def words_expression(words: Sequence[WordMatch]) -> str:
    return " & ".join(_word(match) for match in words)


class PostgresBackend:
    def write(self, cursor: CursorWrapper, documents: Sequence[Document]) -> None:
        # In a fixed order, so two transactions indexing the same records cannot deadlock.
        ordered = sorted(documents, key=lambda d: (d.kind, d.record_id))
        cursor.executemany(
            _UPSERT,
            [
                (
                    d.kind,
                    d.record_id,
                    d.title,
                    d.subtitle,
                    d.updated_at,
                    tsvector(d.names, d.other),
                    " ".join(d.phones),
                    list(d.access),
                )
                for d in ordered
            ],
        )
        words = sorted({w for d in documents for w in d.vocabulary()})
        if words:
            # Never waits on another transaction: two adding the same new word at once both
            # add it, and similar_words reads each word once.
            cursor.execute(
                "INSERT INTO contacts_search_term (term) SELECT t FROM unnest(%s::text[]) AS t"
                " WHERE NOT EXISTS (SELECT 1 FROM contacts_search_term s WHERE s.term = t)",
                [words],
            )

    def delete(self, cursor: CursorWrapper, kind: str, record_ids: Sequence[int]) -> None:
        if record_ids:
            cursor.execute(
                "DELETE FROM contacts_search_document"  # noqa: S608 (placeholders only)
                f" WHERE kind = %s AND record_id IN ({placeholders(len(record_ids))})",
                [kind, *record_ids],
            )

    def clear(self, cursor: CursorWrapper) -> None:
        cursor.execute("TRUNCATE contacts_search_document, contacts_search_term")

    def tidy(self, cursor: CursorWrapper) -> None:
        cursor.execute("ANALYZE contacts_search_document")
        cursor.execute("ANALYZE contacts_search_term")

    def similar_words(self, cursor: CursorWrapper, word: str, limit: int) -> list[str]:
        # % is pg_trgm's "similar" operator (similarity above pg_trgm.similarity_threshold, 0.3),
        # which the trigram GIN index answers.
        cursor.execute(
            "SELECT term FROM (SELECT DISTINCT term FROM contacts_search_term WHERE term %% %s) t"
            " ORDER BY similarity(term, %s) DESC, term LIMIT %s",
            [word, word, limit],
        )
        return [str(row[0]) for row in cursor.fetchall()]

    def find(
        self, cursor: CursorWrapper, tier: Tier, groups: Sequence[Group], exclude: Iterable[int]
    ) -> list[Row]:
        if not groups:
            return []
        scope = tuple(visible for group in groups for visible in group.scope)
        conditions: list[str] = []
        params: list[Any] = []
        rank = "0.0"
        rank_params: list[Any] = []
        if tier.words:
            expression = words_expression(tier.words)
            conditions.append("d.lexemes @@ %s::tsquery")
            params.append(expression)
            # Weights of D, C, B, A: a word of the record's own names (A) counts 2.5 times one
            # of its email, company or tags (B).
            rank = "ts_rank('{0.1, 0.2, 0.4, 1.0}'::float4[], d.lexemes, %s::tsquery)"
            rank_params.append(expression)
        for fragment in tier.fragments:
            conditions.append("d.phones LIKE %s")
            params.append(f"%{fragment}%")
        tokens = allowed_tokens(scope)
        if tokens is not None:
            # Keeps to what the user may see inside the index scan (a GIN index, combined with
            # the words' by a bitmap AND); the probe below still checks every hit.
            conditions.append("d.access && %s::text[]")
            params.append(list(tokens))
        skip = list(exclude)
        if skip:
            conditions.append(f"d.id NOT IN ({placeholders(len(skip))})")
            params += skip
        # The matching documents of every kind in one index scan, ranked once (a MATERIALIZED
        # CTE); then per group, best first, one primary-key probe of visible_to per candidate,
        # as a scalar subquery (never hashed or pulled up), until the group has its hits. The
        # ORDER BY ... OFFSET 0 fence keeps the probes above the sort, so a common word costs
        # the probes of what is shown, not one per match.
        kinds = [visible.kind for visible in scope]
        parts, part_params = [], []
        for group in groups:
            allowed = " OR ".join(
                f"(d.kind = %s AND ({visible.sql} LIMIT 1) IS NOT NULL)" for visible in group.scope
            )
            parts.append(
                "(SELECT * FROM (SELECT * FROM candidates"  # noqa: S608
                f" WHERE kind IN ({placeholders(len(group.kinds))}) ORDER BY {_ORDER} OFFSET 0) d"
                f" WHERE {allowed} ORDER BY {_ORDER} LIMIT %s)"
            )
            part_params += [*group.kinds, *(p for v in group.scope for p in (v.kind, *v.params))]
            part_params.append(group.limit)
        cursor.execute(
            "WITH candidates AS MATERIALIZED (SELECT d.id, d.kind, d.record_id, d.title,"  # noqa: S608
            f" d.subtitle, d.updated_at, {rank} AS score FROM contacts_search_document d"
            f" WHERE d.kind IN ({placeholders(len(kinds))}) AND {' AND '.join(conditions)})"
            f" SELECT * FROM ({' UNION ALL '.join(parts)}) hits ORDER BY {_ORDER}",
            [*rank_params, *kinds, *params, *part_params],
        )
        return [
            Row.scored(document_id, kind, record_id, title, subtitle, float(score))
            for document_id, kind, record_id, title, subtitle, _updated, score in cursor.fetchall()
        ]

    def matching_records(self, kind: str, tier: Tier) -> tuple[str, list[Any]]:
        conditions, params = ["d.kind = %s"], [kind]
        if tier.words:
            conditions.append("d.lexemes @@ %s::tsquery")
            params.append(words_expression(tier.words))
        for fragment in tier.fragments:
            conditions.append("d.phones LIKE %s")
            params.append(f"%{fragment}%")
        where = " AND ".join(conditions)
        return f"SELECT d.record_id FROM contacts_search_document d WHERE {where}", params  # noqa: S608


BACKEND = PostgresBackend()
