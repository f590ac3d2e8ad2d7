"""`sampark backup [--output FILE]`: the database and uploaded files in one .tar.gz."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sampark.core import backup


class Command(BaseCommand):
    help = (
        "Write a consistent snapshot of the database and the uploaded files to one .tar.gz "
        "(by default in DATA_DIR/backups). Safe while Sampark runs."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", "-o", type=Path, metavar="FILE", help="where to write it")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            path, manifest = backup.create(options["output"])
        except backup.BackupError as error:
            raise CommandError(str(error)) from None
        except OSError as error:
            raise CommandError(f"{error.filename or 'file'}: {error.strerror or error}.") from None
        size = path.stat().st_size
        self.stdout.write(
            f"Backup written to {path} ({size / 1_000_000:.1f} MB, "
            f"{len(manifest.files) - 1} uploaded files)."
        )
