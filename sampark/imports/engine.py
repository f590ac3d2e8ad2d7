"""Running an import: the file's rows, in batches, through its kind of record (objects/).

Each batch is one transaction that writes its rows, what they did (``ImportedRecord``), why
rows were rejected (``ImportProblem``) and the import's checkpoint and counts. A worker killed
mid-batch therefore leaves no trace of that batch, and the next run starts after the last
committed one: no half-written row, no row written twice. Two workers never run one import at
once: a run first claims it, and keeps the claim alive with a heartbeat; a claim whose
heartbeat stopped (its worker died) can be taken over.

A check (the dry run) is the same pass with every batch rolled back: its counts come from the
very code that would write, so they are what the run will do, as far as the data stays put.

Rows are matched to records by the import's ``match_on`` key. A later row with the same key as
an earlier row of the same file is a duplicate: reported beside the row it repeats, not applied.
"""

from __future__ import annotations

import itertools
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from sampark.core import audit, bulk, cached
from sampark.core.models import Channel
from sampark.core.records import can
from sampark.core.roles import Action
from sampark.imports.models import Existing, Import, ImportedRecord, ImportProblem, ImportStatus
from sampark.imports.models import Outcome as O
from sampark.imports.objects import Cells, Change, Context, ImportKind, kind_for
from sampark.imports.sources import Source, SourceRow, open_source
from sampark.lib.heap import collecting_only_new_objects

BATCH_SIZE = 500


def stale_after() -> timedelta:
    """How long a run may go without a heartbeat before its worker is taken for dead."""
    return timedelta(seconds=settings.SAMPARK_IMPORT_STALE_SECONDS)


Progress = Callable[[Import], None]


def source_of(job: Import) -> Source:
    return open_source(
        Path(job.file.path),
        filename=job.filename,
        format=job.format or None,
        encoding=job.encoding or None,
        delimiter=job.delimiter or None,
    )


def cells_of(row: SourceRow, mapping: dict[str, str]) -> Cells:
    """The row's non-empty cells by target; a target fed by several columns gets them all."""
    cells: dict[str, list[str]] = {}
    for column, target in mapping.items():
        value = row.values.get(column, "")
        if target and value.strip():
            cells.setdefault(target, []).append(value)
    return cells


def claim(job: Import, runner: str) -> bool:
    """Take ``job`` for ``runner`` unless another live runner has it."""
    now = timezone.now()
    free = Q(runner="") | Q(runner=runner) | Q(heartbeat_at__lt=now - stale_after())
    taken = Import.objects.filter(pk=job.pk).filter(free).update(runner=runner, heartbeat_at=now)
    if taken:
        # Kept on the instance too: a status written from it must not hand the claim back to
        # the runner it was taken from (a dead worker's, when a stalled run is resumed).
        job.runner, job.heartbeat_at = runner, now
    return taken == 1


def stalled() -> Iterator[Import]:
    """Imports whose runner stopped mid-way."""
    limit = timezone.now() - stale_after()
    yield from Import.objects.filter(
        status__in=[ImportStatus.CHECKING, ImportStatus.RUNNING, ImportStatus.UNDOING],
        heartbeat_at__lt=limit,
    )


@dataclass
class _Pending:
    """A row of a batch between reading and writing."""

    row: SourceRow
    key: str = ""
    values: dict[str, Any] = field(default_factory=dict)
    outcome: str = ""
    errors: dict[str, list[str]] = field(default_factory=dict)


class _Pass:
    """One pass over an import's rows: a check or a run."""

    def __init__(
        self, job: Import, runner: str, *, dry_run: bool, progress: Progress | None
    ) -> None:
        self.job = job
        self.dry_run = dry_run
        self.progress = progress
        self.kind: ImportKind = kind_for(job.object)
        self.ctx = Context(
            by=job.created_by, match_on=job.match_on, default_country=job.default_country
        )
        self.counts: Counter[str] = Counter(job.check_counts if dry_run else job.counts)
        # Match keys already met in this file, by their hash (8 bytes a row, not the text).
        self.seen: dict[int, int] = {}
        self.runner = runner

    def run(self) -> None:
        start = 0 if self.dry_run else self.job.checkpoint
        with audit.via(Channel.IMPORT), collecting_only_new_objects():
            for batch in _batches(source_of(self.job).rows(), BATCH_SIZE):
                self._one(batch, start)

    def _one(self, batch: list[SourceRow], start: int) -> None:
        if batch[-1].number <= start:
            self._learn(batch)  # already done: only the keys matter, for duplicates
            return
        self._learn([row for row in batch if row.number <= start])
        with cached.held():  # a batch reads custom fields and the like once, not per row
            self._batch([row for row in batch if row.number > start])
        if self.progress:
            self.progress(self.job)

    def _learn(self, rows: Iterable[SourceRow]) -> None:
        for row in rows:
            if row.problem:
                continue
            try:
                key = self.kind.match_key(cells_of(row, self.job.mapping), self.ctx)
            except ValidationError:
                continue
            if key:
                self.seen.setdefault(hash(key), row.number)

    def _batch(self, rows: list[SourceRow]) -> None:
        if not claim(self.job, self.runner):
            raise Lost(_("Another worker took this import over."))
        pending = [self._read(row) for row in rows]
        with transaction.atomic():
            records = self.kind.existing(
                [p.key for p in pending if p.key and not p.outcome], self.ctx
            )
            done: list[ImportedRecord] = []
            new = [i for i in pending if not i.outcome and records.get(i.key) is None]
            if len(new) > 1 and hasattr(self.kind, "create_many"):
                done += self._create_many(new)
            for item in pending:
                if not item.outcome:
                    done += self._write(item, records.get(item.key))
            for item in pending:
                self.counts[item.outcome] += 1
            problems = [
                ImportProblem(
                    job=self.job,
                    row=item.row.number,
                    outcome=item.outcome,
                    values=item.row.values,
                    errors=item.errors,
                )
                for item in pending
                if item.errors
            ]
            if self.dry_run:
                transaction.set_rollback(True)
            else:
                bulk.insert(done)
                ImportProblem.objects.bulk_create(problems)
                self.job.checkpoint = rows[-1].number
                self.job.counts = dict(self.counts)
                self._save("checkpoint", "counts")
        if self.dry_run:
            # The check keeps what it found, not what it wrote.
            ImportProblem.objects.bulk_create(problems)
            self.job.check_counts = dict(self.counts)
            self._save("check_counts")

    def _save(self, *fields: str) -> None:
        self.job.heartbeat_at = timezone.now()
        Import.objects.filter(pk=self.job.pk).update(
            heartbeat_at=self.job.heartbeat_at, **{f: getattr(self.job, f) for f in fields}
        )

    def _read(self, row: SourceRow) -> _Pending:
        item = _Pending(row)
        if row.problem:
            item.outcome, item.errors = O.ERROR, {"": [str(row.problem)]}
            return item
        cells = cells_of(row, self.job.mapping)
        try:
            item.key = self.kind.match_key(cells, self.ctx)
            item.values = self.kind.prepare(cells, self.ctx)
        except ValidationError as error:
            item.outcome, item.errors = O.ERROR, _errors(error)
            return item
        if item.key:
            first = self.seen.setdefault(hash(item.key), row.number)
            if first != row.number:
                item.outcome = O.DUPLICATE
                item.errors = {
                    "": [_("The same as row %(row)d, which is imported.") % {"row": first}]
                }
        return item

    def _create_many(self, items: list[_Pending]) -> list[ImportedRecord]:
        """The batch's new records written together; if that clashes with a record saved at
        the same moment, the rows are left to be written one by one."""
        try:
            with transaction.atomic():
                results = self.kind.create_many([item.values for item in items], self.ctx)  # type: ignore[attr-defined]
        except IntegrityError:
            return []
        done: list[ImportedRecord] = []
        for item, result in zip(items, results, strict=True):
            if isinstance(result, ValidationError):
                item.outcome, item.errors = O.ERROR, _errors(result)
            else:
                done += self._written(item, result)
        return done

    def _write(self, item: _Pending, record: Any) -> list[ImportedRecord]:
        """Write one row in a savepoint of its own, so a rejected row leaves the batch whole."""
        if record is not None and not can(self.ctx.by, Action.CHANGE, record):
            item.outcome = O.DUPLICATE
            item.errors = {"": [_("Matches a record you may not change.")]}
            return []
        if record is not None and self.job.existing == Existing.SKIP:
            item.outcome = O.UNCHANGED
            return []
        try:
            with transaction.atomic():
                change: Change | None
                if record is None:
                    change = self.kind.create(item.values, self.ctx)
                else:
                    change = self.kind.update(record, item.values, self.ctx)
        except ValidationError as error:
            item.outcome, item.errors = O.ERROR, _errors(error)
            return []
        except IntegrityError:
            item.outcome = O.ERROR
            item.errors = {"": [_("Clashes with a record saved at the same time; try again.")]}
            return []
        if change is None:
            item.outcome = O.UNCHANGED
            return []
        return self._written(item, change)

    def _written(self, item: _Pending, change: Change) -> list[ImportedRecord]:
        item.outcome = O.NEW if change.created else O.UPDATED
        written = [
            ImportedRecord(
                job=self.job,
                row=item.row.number,
                model=change.record._meta.label_lower,
                record_id=change.record.pk,
                created=change.created,
                before=change.before,
            )
        ]
        written += [
            ImportedRecord(
                job=self.job,
                row=item.row.number,
                model=other._meta.label_lower,
                record_id=other.pk,
                created=True,
            )
            for other in change.also_created
        ]
        return written


class Lost(Exception):
    """The import was claimed by another runner: this one stops."""


def _claimed(job: Import) -> str:
    runner = uuid.uuid4().hex
    if not claim(job, runner):
        raise Lost(_("Another worker is on this import."))
    return runner


def check(job: Import, progress: Progress | None = None) -> Import:
    """The dry run: count what the run would do, and keep the problems it would meet."""
    runner = _claimed(job)
    job.problems.all().delete()
    job.check_counts = {}
    _set_status(job, ImportStatus.CHECKING)
    try:
        _Pass(job, runner, dry_run=True, progress=progress).run()
    except Exception as error:
        _fail(job, error)
        raise
    _set_status(job, ImportStatus.CHECKED)
    return job


def run(job: Import, progress: Progress | None = None) -> Import:
    """Import the rows after the checkpoint; resumes a run that stopped half-way."""
    runner = _claimed(job)
    if job.checkpoint == 0:
        job.problems.all().delete()
        job.counts = {}
    if job.started_at is None:
        job.started_at = timezone.now()
        Import.objects.filter(pk=job.pk).update(started_at=job.started_at)
    _set_status(job, ImportStatus.RUNNING)
    try:
        _Pass(job, runner, dry_run=False, progress=progress).run()
    except Exception as error:
        _fail(job, error)
        raise
    if job.all_or_nothing and job.counts.get(O.ERROR):
        undo(job)
        job.error = _("Rows were rejected, so nothing was imported (all or nothing).")
        job.finished_at = timezone.now()
        Import.objects.filter(pk=job.pk).update(error=job.error, finished_at=job.finished_at)
        _set_status(job, ImportStatus.FAILED)
        return job
    job.finished_at = timezone.now()
    Import.objects.filter(pk=job.pk).update(finished_at=job.finished_at)
    _set_status(job, ImportStatus.DONE)
    return job


def undo(job: Import) -> Import:
    """Take the whole import back: what it created deleted, what it changed restored; the last
    row first, so a record is restored to what it was before the import's first change to it,
    and within a row its record before what was made for it (a company, once its people left)."""
    _set_status(job, ImportStatus.UNDOING)
    kind = kind_for(job.object)
    records = job.records.order_by("-row", "id")
    with audit.via(Channel.IMPORT), collecting_only_new_objects():
        for batch in _batches(records.iterator(chunk_size=BATCH_SIZE), BATCH_SIZE):
            with transaction.atomic():
                for done in batch:
                    kind.undo(done.model, done.record_id, done.created, done.before, job.created_by)
                ImportedRecord.objects.filter(pk__in=[done.pk for done in batch]).delete()
                job.heartbeat_at = timezone.now()
                Import.objects.filter(pk=job.pk).update(heartbeat_at=job.heartbeat_at)
    _set_status(job, ImportStatus.UNDONE)
    return job


# Statuses no runner works on: reaching one lets the import's claim go.
_AT_REST = frozenset(
    {ImportStatus.CHECKED, ImportStatus.DONE, ImportStatus.FAILED, ImportStatus.UNDONE}
)


def _set_status(job: Import, status: str) -> None:
    job.status = status
    job.heartbeat_at = timezone.now()
    if status in _AT_REST:
        job.runner = ""
    Import.objects.filter(pk=job.pk).update(
        status=status, heartbeat_at=job.heartbeat_at, runner=job.runner
    )


def _fail(job: Import, error: Exception) -> None:
    if isinstance(error, Lost):
        return  # the other runner carries on
    job.status = ImportStatus.FAILED
    job.error = str(error) or error.__class__.__name__
    job.runner = ""
    Import.objects.filter(pk=job.pk).update(status=job.status, error=job.error, runner="")


def _errors(error: ValidationError) -> dict[str, list[str]]:
    """A write action's errors by target key: "addresses.0.city" is "address_city"."""
    found: dict[str, list[str]] = {}
    if not hasattr(error, "error_dict"):
        return {"": [str(message) for message in error.messages]}
    for key, messages in error.message_dict.items():
        target = "" if key == "__all__" else key
        if target.startswith("addresses."):
            target = "address_" + target.rsplit(".", 1)[-1]
        elif target in ("emails", "other_emails"):
            target = "email"
        elif target in ("phones", "other_phones"):
            target = "phone"
        found.setdefault(target, []).extend(messages)
    return found


def _batches[T](items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch
