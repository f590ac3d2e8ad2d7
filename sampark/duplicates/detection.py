"""Finding candidate pairs: within blocks of records that share a key, never across all pairs.

Three ways in, one engine:

- ``find_candidates_for(contact_ids)`` / ``find_company_candidates_for(company_ids)``: after a
  record is created (a background task) or an import batch is written. Rebuilds their keys,
  compares them with the other members of their blocks, and stores what it finds.
- ``scan(kind, full=True)``: rebuilds every key, then reads the blocks in key order a chunk at
  a time (``GROUP BY key HAVING COUNT(*) > 1``, paged by key), so memory holds one chunk, and
  the work is O(records * block size), not O(records²).
- ``scan(kind, full=False)``: the daily run; only what changed since the last scan.

A block bigger than ``Limits.block`` is split by a context key (the same company, town or email
name, see ``duplicates.keys``) and each part compared on its own; a block bigger than
``Limits.split``, or a part still too big, is skipped and noted in the scan's log.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from sampark.duplicates import keys
from sampark.duplicates.keys import CONTEXT, EXACT, NAME, key_model, record_model
from sampark.duplicates.models import Pair, PairStatus, RecordKind, Scan
from sampark.duplicates.names import best_likeness
from sampark.lib.heap import collecting_only_new_objects

logger = logging.getLogger("sampark.duplicates")

# Names at least this alike (0-100) make a pair.
NAME_THRESHOLD = 85
# Records a block may hold and still be compared pair by pair (block² / 2 comparisons).
BLOCK_LIMIT = 100
# Records a block may hold and still be split by context; a bigger one is skipped.
SPLIT_LIMIT = 20_000
# Blocks read per step of a full scan, records checked per step of an incremental one.
CHUNK = 500
# Skipped blocks a scan keeps in its log (it counts them all).
MAX_NOTES = 200

_EXACT_REASONS = {
    keys.EMAIL: "email",
    keys.PHONE: "phone",
    keys.EXTERNAL_ID: "external_id",
    keys.DOMAIN: "domain",
}
_CONTEXT_REASONS = {
    keys.COMPANY_CONTEXT: "same_company",
    keys.TOWN_CONTEXT: "same_town",
    keys.LOCAL_PART_CONTEXT: "same_email_name",
}


@dataclass(frozen=True)
class Limits:
    block: int = BLOCK_LIMIT
    split: int = SPLIT_LIMIT
    threshold: int = NAME_THRESHOLD


@dataclass
class Candidate:
    score: int = 0
    reasons: list[dict[str, Any]] = field(default_factory=list)

    def add(self, reason: dict[str, Any], score: int) -> None:
        if reason not in self.reasons:
            self.reasons.append(reason)
            # Exact reasons first, then the likeliest names.
            self.reasons.sort(
                key=lambda r: (r["code"] not in _EXACT_REASONS.values(), -r.get("score", 100))
            )
        self.score = max(self.score, score)


@dataclass(frozen=True)
class Block:
    key: str
    members: list[int]
    context: str = ""  # the context key it was split by, if it was


class Finder:
    """Compares the members of blocks; with ``focus``, only pairs that involve a focus record."""

    def __init__(self, kind: str, limits: Limits, focus: Iterable[int] | None = None) -> None:
        self.kind = kind
        self.limits = limits
        self.focus = set(focus) if focus is not None else None
        self.model = key_model(kind)
        self.candidates: dict[tuple[int, int], Candidate] = {}
        self.blocks = 0
        self.skipped: list[tuple[str, int]] = []

    def run(
        self, sized: Sequence[tuple[str, int]], mine: dict[str, list[int]] | None = None
    ) -> None:
        """Compare within the blocks ``sized`` names (key, size). ``mine``: which focus records
        are in each block, for splitting a big one by their contexts only."""
        self.compare(self.resolve(sized, mine or {}))

    def resolve(self, sized: Sequence[tuple[str, int]], mine: dict[str, list[int]]) -> list[Block]:
        small = [key for key, size in sized if 1 < size <= self.limits.block]
        found: list[Block] = []
        for start in range(0, len(small), CHUNK):
            rows = self.model.objects.filter(key__in=small[start : start + CHUNK])
            grouped = keys.grouped(rows.values_list("key", "record_id"))
            found += [Block(key, sorted(members)) for key, members in grouped.items()]
        for key, size in sized:
            if size <= self.limits.block:
                continue
            # Noted either way: beyond this block's parts, its records are not compared.
            self.skip(key, size)
            if size <= self.limits.split and not key.startswith(EXACT):
                # (A thousand records with one email are not one person: never split.)
                found += self.split(key, mine.get(key))
        return found

    def split(self, key: str, focus: list[int] | None) -> list[Block]:
        members: Any = self.model.objects.filter(key=key).values("record_id")
        contexts = self.model.objects.filter(key__startswith=CONTEXT)
        if focus is not None:
            wanted = list(contexts.filter(record_id__in=focus).values_list("key", flat=True))
        else:
            shared = contexts.filter(record_id__in=members).values("key")
            wanted = list(
                shared.annotate(n=Count("pk")).filter(n__gt=1).values_list("key", flat=True)
            )
        parts: list[Block] = []
        for start in range(0, len(wanted), CHUNK):
            rows = contexts.filter(key__in=wanted[start : start + CHUNK], record_id__in=members)
            for context, ids in keys.grouped(rows.values_list("key", "record_id")).items():
                if len(ids) > self.limits.block:
                    self.skip(f"{key} {context}", len(ids))
                elif len(ids) > 1:
                    parts.append(Block(key, sorted(ids), context))
        return parts

    def skip(self, key: str, size: int) -> None:
        self.skipped.append((key, size))
        logger.info(
            "duplicates: block %s of %d %s records is too big to compare whole",
            key,
            size,
            self.kind,
        )

    def compare(self, blocks: list[Block]) -> None:
        named = sorted({pk for b in blocks if b.key.startswith(NAME) for pk in b.members})
        records = keys.records(self.kind, named, names_only=True)
        for block in blocks:
            self.blocks += 1
            for a, b in self._pairs(block.members):
                if block.key.startswith(NAME):
                    self._compare_names(records.get(a), records.get(b), block)
                else:
                    prefix = block.key[:2]
                    reason: dict[str, Any] = {"code": _EXACT_REASONS[prefix]}
                    if prefix != keys.EXTERNAL_ID:
                        reason["value"] = block.key[2:]
                    self._found(a, b, reason, 100)

    def _pairs(self, members: list[int]) -> Iterator[tuple[int, int]]:
        for a, b in itertools.combinations(members, 2):
            if self.focus is None or a in self.focus or b in self.focus:
                yield a, b

    def _compare_names(self, a: keys.Record | None, b: keys.Record | None, block: Block) -> None:
        if a is None or b is None:
            return  # deleted since its keys were read
        score, i, j = best_likeness(a.forms, b.forms)
        if score < self.limits.threshold:
            return
        code = "name" if self.kind == RecordKind.CONTACT else "company_name"
        self._found(
            a.pk, b.pk, {"code": code, "a": a.labels[i], "b": b.labels[j], "score": score}, score
        )
        if block.context:
            self._found(a.pk, b.pk, {"code": _CONTEXT_REASONS[block.context[:3]]}, score)

    def _found(self, a: int, b: int, reason: dict[str, Any], score: int) -> None:
        self.candidates.setdefault((a, b), Candidate()).add(reason, score)


def store(
    kind: str, candidates: dict[tuple[int, int], Candidate], *, scan: int | None = None
) -> int:
    """Write the candidates as open pairs; a pair already dismissed or merged stays so. Within
    one full scan (``scan``) a pair found again by another key gathers the reasons."""
    opened = 0
    items = list(candidates.items())
    for start in range(0, len(items), CHUNK):
        batch = dict(items[start : start + CHUNK])
        firsts = {a for a, _b in batch}
        seconds = {b for _a, b in batch}
        existing = {
            (p.a_id, p.b_id): p
            for p in Pair.objects.filter(kind=kind, a_id__in=firsts, b_id__in=seconds)
        }
        new: list[Pair] = []
        changed: list[Pair] = []
        for (a, b), found in batch.items():
            pair = existing.get((a, b))
            if pair is None:
                new.append(
                    Pair(
                        kind=kind,
                        a_id=a,
                        b_id=b,
                        score=found.score,
                        reasons=found.reasons,
                        scan=scan,
                    )
                )
                continue
            if pair.status != PairStatus.OPEN:
                continue
            if scan is not None and pair.scan == scan:
                gathered = Candidate(pair.score, list(pair.reasons))
                for reason in found.reasons:
                    gathered.add(reason, found.score)
                found = gathered
            pair.score, pair.reasons, pair.scan = found.score, found.reasons, scan
            changed.append(pair)
        with transaction.atomic():
            Pair.objects.bulk_create(new, ignore_conflicts=True)
            Pair.objects.bulk_update(changed, ["score", "reasons", "scan"])
        opened += len(new) + len(changed)
    return opened


def find_candidates_for(contact_ids: Sequence[int], *, limits: Limits = Limits()) -> int:
    """Check these contacts (just created or imported) against every other: their keys are
    rebuilt and the pairs found stored as open. Returns how many open pairs involve them."""
    return find_candidates(RecordKind.CONTACT, contact_ids, limits=limits)


def find_company_candidates_for(company_ids: Sequence[int], *, limits: Limits = Limits()) -> int:
    return find_candidates(RecordKind.COMPANY, company_ids, limits=limits)


def find_candidates(kind: str, ids: Sequence[int], *, limits: Limits = Limits()) -> int:
    wanted = sorted(set(ids))
    total = 0
    for start in range(0, len(wanted), CHUNK):
        batch = wanted[start : start + CHUNK]
        keys.rebuild(kind, batch)
        total += _find_for(kind, batch, limits)
    return total


def _find_for(kind: str, batch: list[int], limits: Limits) -> int:
    model = key_model(kind)
    rows = model.objects.filter(record_id__in=batch).exclude(key__startswith=CONTEXT)
    mine = keys.grouped(rows.values_list("key", "record_id"))
    shared = list(mine)
    sized: list[tuple[str, int]] = []
    for start in range(0, len(shared), CHUNK):
        counts = model.objects.filter(key__in=shared[start : start + CHUNK]).values("key")
        sized += list(counts.annotate(n=Count("pk")).values_list("key", "n"))
    finder = Finder(kind, limits, focus=batch)
    finder.run(sized, mine)
    found = store(kind, finder.candidates)
    # A changed record may no longer match what it matched before.
    stale = Pair.objects.filter(kind=kind, status=PairStatus.OPEN).filter(
        Q(a_id__in=batch) | Q(b_id__in=batch)
    )
    gone = [
        pk
        for pk, a, b in stale.values_list("pk", "a_id", "b_id")
        if (a, b) not in finder.candidates
    ]
    Pair.objects.filter(pk__in=gone).delete()
    return found


@dataclass
class ScanReport:
    scan: Scan
    seconds_keys: float = 0.0
    seconds_pairs: float = 0.0


def scan(
    kind: str,
    *,
    full: bool,
    limits: Limits = Limits(),
    progress: Callable[[int, int], None] | None = None,
) -> ScanReport:
    """A full scan (every key rebuilt, every block compared, open pairs no longer found
    removed) or an incremental one (the records changed since the last scan; a full one if
    there was none)."""
    with collecting_only_new_objects():
        return _scan(kind, full=full, limits=limits, progress=progress)


def _scan(
    kind: str, *, full: bool, limits: Limits, progress: Callable[[int, int], None] | None
) -> ScanReport:
    last = last_scan(kind)
    full = full or last is None
    record = Scan.objects.create(kind=kind, full=full)
    report = ScanReport(record)
    started = timezone.now()
    if full:
        record.records, record.keys = keys.rebuild_all(kind, progress=progress)
        report.seconds_keys = (timezone.now() - started).total_seconds()
        finder_totals = _scan_blocks(kind, record, limits)
        Pair.objects.filter(kind=kind, status=PairStatus.OPEN).exclude(
            Q(scan=record.pk) | Q(found_at__gte=record.started_at)
        ).delete()
    else:
        assert last is not None
        changed = list(
            record_model(kind)
            .objects.filter(updated_at__gte=last.started_at)
            .values_list("pk", flat=True)
        )
        record.records = len(changed)
        record.pairs = find_candidates(kind, changed, limits=limits)
        finder_totals = None
        _prune_gone(kind)
    if finder_totals is not None:
        record.blocks, record.pairs, skipped = finder_totals
        record.skipped = skipped
    report.seconds_pairs = (timezone.now() - started).total_seconds() - report.seconds_keys
    record.finished_at = timezone.now()
    record.save()
    return report


def _scan_blocks(kind: str, record: Scan, limits: Limits) -> tuple[int, int, list[Any]]:
    model = key_model(kind)
    blocks = pairs = skipped_count = 0
    notes: list[Any] = []
    last = ""
    while True:
        shared = (
            model.objects.filter(key__gt=last)
            .exclude(key__startswith=CONTEXT)
            .values("key")
            .annotate(n=Count("pk"))
            .filter(n__gt=1)
            .order_by("key")
            .values_list("key", "n")
        )
        sized = list(shared[:CHUNK])
        if not sized:
            break
        finder = Finder(kind, limits)
        finder.run(sized)
        pairs += store(kind, finder.candidates, scan=record.pk)
        blocks += finder.blocks
        skipped_count += len(finder.skipped)
        notes += [[key, size] for key, size in finder.skipped][: MAX_NOTES - len(notes)]
        last = sized[-1][0]
    if skipped_count > len(notes):
        notes.append(["…", skipped_count - len(notes)])
    return blocks, pairs, notes


def last_scan(kind: str) -> Scan | None:
    return Scan.objects.filter(kind=kind, finished_at__isnull=False).order_by("-started_at").first()


def _prune_gone(kind: str) -> None:
    """Open pairs whose record was deleted; dismissed ones stay (an undone merge brings the
    record, and the decision about it, back)."""
    existing: Any = record_model(kind).objects.values("pk")
    Pair.objects.filter(kind=kind, status=PairStatus.OPEN).exclude(
        a_id__in=existing, b_id__in=existing
    ).delete()
