"""`sampark restore FILE [--yes]`: replace the database and uploaded files with a backup's."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from sampark.core import backup


class Command(BaseCommand):
    help = (
        "Replace ALL data (database and uploaded files) with a backup made by `sampark backup`. "
        "Stop the web server and the worker first."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="a .tar.gz written by `sampark backup`")
        parser.add_argument(
            "--yes", action="store_true", help="do not ask for confirmation (needed in scripts)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            manifest = backup.read_manifest(path)
            backup.check_compatible(manifest)
            if not options["yes"] and not sys.stdin.isatty():
                # Nobody can answer the question: a script must say what it means.
                raise CommandError(
                    "restoring replaces all data: confirm on a terminal, or pass --yes."
                )
            with backup.unpacked(path, manifest) as unpacked:
                if not options["yes"]:
                    self._confirm(manifest)
                backup.restore(unpacked)
        except backup.BackupError as error:
            raise CommandError(str(error)) from None
        except OSError as error:
            raise CommandError(f"{error.filename or 'file'}: {error.strerror or error}.") from None
        self.stdout.write(f"Restored the backup of {manifest.created_at}.")
        if _needs_migrate():
            self.stdout.write("It predates this Sampark version: run `sampark migrate` next.")

    def _confirm(self, manifest: backup.Manifest) -> None:
        self.stdout.write(
            f"Backup of {manifest.created_at} (Sampark {manifest.sampark_version}, "
            f"{len(manifest.files) - 1} uploaded files).\n"
            "Restoring it REPLACES the whole database and all uploaded files."
        )
        try:
            answer = input("Type 'yes' to restore: ")
        except EOFError:
            answer = ""
        if answer.strip().lower() != "yes":
            raise CommandError("restore cancelled: nothing was changed.")


def _needs_migrate() -> bool:
    executor = MigrationExecutor(connection)
    return bool(executor.migration_plan(executor.loader.graph.leaf_nodes()))
