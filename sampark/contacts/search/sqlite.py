"""Search on SQLite: FTS5 for words, FTS5 trigrams for phone fragments and for typos.

Tables (made by migration contacts 0002):

- ``contacts_search_document``: one row per record; its ``id`` is the rowid of the FTS rows.
- ``contacts_search_words``: FTS5 over the tokens (columns ``names`` and ``other``). Its tokenizer
  keeps combining marks inside words (``categories 'L* N* Co M*'``) and does not split at the
  joiners of emails and names, so it stores exactly the tokens ``text.tokens`` made.
- ``contacts_search_phones``: FTS5 ``trigram`` over phone digits: any fragment of 3+ digits.
- ``contacts_search_term`` and ``contacts_search_term_trigrams``: every indexed word once, and
  its padded trigrams, to find the words one typo away from a query word.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection
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
from sampark.contacts.search.text import padded_trigrams

# bm25 weights of the columns: a word of the record's own name counts five times one of its
# email, company or tags.
_RANK = "bm25(contacts_search_words, 5.0, 1.0, 0.0)"
# Documents per statement when writing many: 5 parameters each, well under SQLite's limit.
_WRITE_CHUNK = 500
# Best first (bm25: lowest); among equals, the latest changed.
_ORDER = "score, updated_at DESC, id DESC"


def _phrase(token: str) -> str:
    # An FTS5 string: whatever is inside is only text for the tokenizer, never query syntax.
    return '"' + token.replace('"', '""') + '"'


def _word(match: WordMatch) -> str:
    options = [_phrase(match.word)]
    if match.prefix:
        # The word itself as well as the prefix, so that bm25 ranks "ban" above "banerjee".
        options.append(_phrase(match.word) + "*")
    options += [_phrase(alternative) for alternative in match.alternatives]
    return "(" + " OR ".join(options) + ")"


def words_expression(words: Sequence[WordMatch], tokens: tuple[str, ...] | None = None) -> str:
    """The words, matched in the record's names and other text only; and, given the access
    tokens a user's scope allows (see Visible), only among the records they may see."""
    expression = "{names other} : (" + " AND ".join(_word(match) for match in words) + ")"
    if tokens is not None:
        # No token at all cannot happen (such a kind is left out of scope); match nothing then.
        allowed = " OR ".join(_phrase(t) for t in tokens) or _phrase("nobody")
        expression += f" AND access : ({allowed})"
    return expression


def fragments_expression(fragments: Sequence[str]) -> str:
    return " AND ".join(_phrase(fragment) for fragment in fragments)


class SQLiteBackend:
    def write(self, cursor: CursorWrapper, documents: Sequence[Document]) -> None:
        ordered = sorted(documents, key=lambda d: (d.kind, d.record_id))
        if not ordered:
            return
        # Many documents in one statement per chunk (imports write hundreds at once), then
        # their ids in one read: the FTS rows are keyed by them.
        for start in range(0, len(ordered), _WRITE_CHUNK):
            chunk = ordered[start : start + _WRITE_CHUNK]
            cursor.execute(
                "INSERT INTO contacts_search_document (kind, record_id, title, subtitle, updated_at)"  # noqa: S608 (placeholders only)
                f" VALUES {', '.join(['(%s, %s, %s, %s, %s)'] * len(chunk))}"
                " ON CONFLICT (kind, record_id) DO UPDATE SET title = excluded.title,"
                " subtitle = excluded.subtitle, updated_at = excluded.updated_at",
                [
                    value
                    for d in chunk
                    for value in (
                        d.kind,
                        d.record_id,
                        d.title,
                        d.subtitle,
                        connection.ops.adapt_datetimefield_value(d.updated_at),
                    )
                ],
            )
        found: dict[tuple[str, int], int] = {}
        for kind in {d.kind for d in ordered}:
            record_ids = [d.record_id for d in ordered if d.kind == kind]
            for start in range(0, len(record_ids), _WRITE_CHUNK):
                part = record_ids[start : start + _WRITE_CHUNK]
                cursor.execute(
                    "SELECT id, record_id FROM contacts_search_document"  # noqa: S608 (placeholders only)
                    f" WHERE kind = %s AND record_id IN ({placeholders(len(part))})",
                    [kind, *part],
                )
                found.update({(kind, int(r)): int(i) for i, r in cursor.fetchall()})
        ids = [found[(d.kind, d.record_id)] for d in ordered]
        self._drop_text(cursor, ids)
        by_id = dict(zip(ids, ordered, strict=True))
        cursor.executemany(
            "INSERT INTO contacts_search_words (rowid, names, other, access)"
            " VALUES (%s, %s, %s, %s)",
            [
                (i, " ".join(d.names), " ".join(d.other), " ".join(d.access))
                for i, d in by_id.items()
            ],
        )
        cursor.executemany(
            "INSERT INTO contacts_search_phones (rowid, digits) VALUES (%s, %s)",
            [(i, " ".join(d.phones)) for i, d in by_id.items() if d.phones],
        )
        self._learn(cursor, {w for d in documents for w in d.vocabulary()})

    def _drop_text(self, cursor: CursorWrapper, ids: Sequence[int]) -> None:
        for table in ("contacts_search_words", "contacts_search_phones"):
            cursor.execute(f"DELETE FROM {table} WHERE rowid IN ({placeholders(len(ids))})", ids)  # noqa: S608 (placeholders only)

    def _learn(self, cursor: CursorWrapper, words: set[str]) -> None:
        if not words:
            return
        # Only words new to the vocabulary come back, and only they need trigrams.
        cursor.execute(
            "INSERT INTO contacts_search_term (term) SELECT value FROM json_each(%s) WHERE true"
            " ON CONFLICT (term) DO NOTHING RETURNING id, term",
            [json.dumps(sorted(words), ensure_ascii=False)],
        )
        learnt = cursor.fetchall()
        cursor.executemany(
            "INSERT INTO contacts_search_term_trigrams (rowid, padded) VALUES (%s, %s)",
            [(term_id, f"  {term} ") for term_id, term in learnt],
        )

    def delete(self, cursor: CursorWrapper, kind: str, record_ids: Sequence[int]) -> None:
        if not record_ids:
            return
        cursor.execute(
            "SELECT id FROM contacts_search_document"  # noqa: S608 (placeholders only)
            f" WHERE kind = %s AND record_id IN ({placeholders(len(record_ids))})",
            [kind, *record_ids],
        )
        ids = [int(row[0]) for row in cursor.fetchall()]
        if ids:
            self._drop_text(cursor, ids)
            cursor.execute(
                f"DELETE FROM contacts_search_document WHERE id IN ({placeholders(len(ids))})",  # noqa: S608 (placeholders only)
                ids,
            )

    def clear(self, cursor: CursorWrapper) -> None:
        for table in (
            "contacts_search_words",
            "contacts_search_phones",
            "contacts_search_document",
            "contacts_search_term_trigrams",
            "contacts_search_term",
        ):
            cursor.execute(f"DELETE FROM {table}")  # noqa: S608 (a fixed table name)

    def tidy(self, cursor: CursorWrapper) -> None:
        # Merge the b-tree segments the batches left behind into one per table.
        for table in (
            "contacts_search_words",
            "contacts_search_phones",
            "contacts_search_term_trigrams",
        ):
            cursor.execute(f"INSERT INTO {table} ({table}) VALUES ('optimize')")  # noqa: S608

    def similar_words(self, cursor: CursorWrapper, word: str, limit: int) -> list[str]:
        # Any shared trigram makes a candidate; bm25 puts those sharing the rarest ones first.
        cursor.execute(
            "SELECT t.term FROM contacts_search_term_trigrams"
            " JOIN contacts_search_term t ON t.id = contacts_search_term_trigrams.rowid"
            " WHERE contacts_search_term_trigrams MATCH %s ORDER BY rank LIMIT %s",
            [" OR ".join(_phrase(t) for t in padded_trigrams(word)), limit],
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
        if tier.words:
            # The word index drives the query; each candidate is then checked against the rest.
            source = (
                "contacts_search_words"
                " JOIN contacts_search_document d ON d.id = contacts_search_words.rowid"
            )
            conditions.append("contacts_search_words MATCH %s")
            params.append(words_expression(tier.words, allowed_tokens(scope)))
            rank = _RANK
            if tier.fragments:
                conditions.append(
                    "d.id IN (SELECT rowid FROM contacts_search_phones"
                    " WHERE contacts_search_phones MATCH %s)"
                )
                params.append(fragments_expression(tier.fragments))
        else:
            source = (
                "contacts_search_phones"
                " JOIN contacts_search_document d ON d.id = contacts_search_phones.rowid"
            )
            conditions.append("contacts_search_phones MATCH %s")
            params.append(fragments_expression(tier.fragments))
            rank = "0.0"
        skip = list(exclude)
        if skip:
            conditions.append(f"d.id NOT IN ({placeholders(len(skip))})")
            params += skip
        # The candidates once, ranked; then per group, best first, a primary-key probe of
        # visible_to for each until the group has its hits: a common word costs what is
        # shown, not one probe per match. (A subquery with ORDER BY and LIMIT is never
        # flattened into the outer query, so the probes run on the ranked rows.)
        parts, part_params = [], []
        for group in groups:
            allowed = " OR ".join(f"(d.kind = %s AND EXISTS ({v.sql}))" for v in group.scope)
            parts.append(
                "SELECT * FROM (SELECT * FROM (SELECT * FROM candidates"  # noqa: S608
                f" WHERE kind IN ({placeholders(len(group.kinds))}) ORDER BY {_ORDER} LIMIT -1) d"
                f" WHERE {allowed} LIMIT %s)"
            )
            part_params += [*group.kinds, *(p for v in group.scope for p in (v.kind, *v.params))]
            part_params.append(group.limit)
        cursor.execute(
            "WITH candidates AS MATERIALIZED (SELECT d.id, d.kind, d.record_id, d.title,"  # noqa: S608
            f" d.subtitle, d.updated_at, {rank} AS score FROM {source}"
            f" WHERE {' AND '.join(conditions)}) {' UNION ALL '.join(parts)} ORDER BY {_ORDER}",
            [*params, *part_params],
        )
        # bm25 is negative: the lower, the better.
        return [
            Row.scored(document_id, kind, record_id, title, subtitle, -float(score))
            for document_id, kind, record_id, title, subtitle, _updated, score in cursor.fetchall()
        ]

    def matching_records(self, kind: str, tier: Tier) -> tuple[str, list[Any]]:
        if not tier.words:
            return (
                "SELECT d.record_id FROM contacts_search_phones"
                " JOIN contacts_search_document d ON d.id = contacts_search_phones.rowid"
                " WHERE contacts_search_phones MATCH %s AND d.kind = %s",
                [fragments_expression(tier.fragments), kind],
            )
        sql = (
            "SELECT d.record_id FROM contacts_search_words"
            " JOIN contacts_search_document d ON d.id = contacts_search_words.rowid"
            " WHERE contacts_search_words MATCH %s AND d.kind = %s"
        )
        params: list[Any] = [words_expression(tier.words), kind]
        if tier.fragments:
            sql += (
                " AND d.id IN (SELECT rowid FROM contacts_search_phones"
                " WHERE contacts_search_phones MATCH %s)"
            )
            params.append(fragments_expression(tier.fragments))
        return sql, params


BACKEND = SQLiteBackend()
