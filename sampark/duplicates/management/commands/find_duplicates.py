"""`sampark find_duplicates`: scan contacts (or companies) for possible duplicates."""

from __future__ import annotations

import resource
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sampark.duplicates.detection import BLOCK_LIMIT, SPLIT_LIMIT, Limits, scan
from sampark.duplicates.models import RecordKind


class Command(BaseCommand):
    help = (
        "Find possible duplicates: rebuild every matching key and compare the records within "
        "each block (a full scan), or with --changed only the records changed since the last "
        "scan. Found pairs appear in the Possible duplicates queue."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--companies", action="store_true", help="scan companies, not contacts")
        parser.add_argument(
            "--changed", action="store_true", help="only what changed since the last scan"
        )
        parser.add_argument(
            "--block-limit",
            type=int,
            default=BLOCK_LIMIT,
            help=f"records a block may hold to be compared whole (default {BLOCK_LIMIT})",
        )
        parser.add_argument(
            "--split-limit",
            type=int,
            default=SPLIT_LIMIT,
            help=f"records a block may hold to be split by context (default {SPLIT_LIMIT})",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["block_limit"] < 2 or options["split_limit"] < options["block_limit"]:
            raise CommandError("--block-limit must be at least 2, and --split-limit at least that.")
        kind = RecordKind.COMPANY if options["companies"] else RecordKind.CONTACT
        limits = Limits(block=options["block_limit"], split=options["split_limit"])
        started = time.monotonic()
        verbose = options["verbosity"] > 1

        def progress(records: int, keys: int) -> None:
            if verbose:
                self.stdout.write(f"{records} records, {keys} keys")

        report = scan(kind, full=not options["changed"], limits=limits, progress=progress)
        done = report.scan
        label = "companies" if kind == RecordKind.COMPANY else "contacts"
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
        # The scan keeps the first notes and counts the rest in a last "…" one.
        too_big = sum(size if key == "…" else 1 for key, size in done.skipped)
        self.stdout.write(
            f"{label}: {done.records} records, {done.keys} keys in {report.seconds_keys:.1f} s; "
            f"{done.blocks} blocks compared, {done.pairs} pair(s) found in "
            f"{report.seconds_pairs:.1f} s; {too_big} block(s) too big to compare "
            f"whole; {time.monotonic() - started:.1f} s in all, peak memory {peak} MB."
        )
        for key, size in done.skipped[:20]:
            self.stdout.write(f"  too big: {key} ({size} records)")
