"""`sampark reindex`: rebuild the global search index from the contact and company tables."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sampark.contacts import search


class Command(BaseCommand):
    help = (
        "Rebuild the search index from the contacts and companies tables, in batches. Run it "
        "after an import or a restore that wrote to the tables directly; searches find only "
        "part of the records until it finishes."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--batch-size",
            type=int,
            default=search.BATCH_SIZE,
            help=f"records per transaction (default {search.BATCH_SIZE})",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        batch_size: int = options["batch_size"]
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        started = time.monotonic()
        verbose = options["verbosity"] > 1

        def progress(kind: str, done: int) -> None:
            if verbose:
                self.stdout.write(f"{kind}: {done} indexed")

        counts = search.rebuild(batch_size=batch_size, progress=progress)
        self.stdout.write(
            f"Indexed {counts[search.CONTACT]} contacts and {counts[search.COMPANY]} companies"
            f" in {time.monotonic() - started:.1f} s."
        )
