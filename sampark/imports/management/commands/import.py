"""`sampark import FILE --object contacts`: import a file from the command line.

It runs in this process (no worker needed), shows a progress bar on stderr, prints the summary,
and exits with status 1 when rows were rejected, so scripts can tell. The import is kept like
one made in the browser: its report and undo are on its page.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from sampark.core import audit
from sampark.core.models import Channel, User
from sampark.core.roles import Role, role_of
from sampark.imports import actions, engine, reports
from sampark.imports.models import MATCHES, Existing, Import, Outcome
from sampark.imports.targets import ImportObject


class Command(BaseCommand):
    help = (
        "Import contacts, companies, interactions (activities), transactions or leads from a CSV, "
        "XLSX, vCard or JSON Lines file."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--object",
            default="contacts",
            choices=ImportObject.values,
            help="contacts (default), companies, activities, transactions or leads",
        )
        parser.add_argument(
            "--as",
            dest="username",
            help="who imports: the records are theirs, within their permissions "
            "(default: the only admin)",
        )
        parser.add_argument(
            "--match",
            help="find existing records by: email, phone, external_id, domain, name, "
            "same_moment or nothing (default: the usual one for the records)",
        )
        parser.add_argument(
            "--skip-existing", action="store_true", help="leave matching records as they are"
        )
        parser.add_argument(
            "--all-or-nothing", action="store_true", help="import nothing if any row is rejected"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="check the file and count what would happen"
        )
        parser.add_argument(
            "--map",
            action="append",
            default=[],
            metavar="COLUMN=FIELD",
            help="map a column to a field (repeatable; FIELD empty to ignore the column)",
        )
        parser.add_argument(
            "--country",
            help="the country of rows that name none, such as BD (for local phone numbers)",
        )
        parser.add_argument("--format", help="csv, xlsx, vcard or jsonl (default: from the file)")
        parser.add_argument("--encoding", help="the text encoding (default: detected)")
        parser.add_argument("--delimiter", help="the CSV delimiter (default: detected)")
        parser.add_argument(
            "--errors-to", type=Path, help="write the rejected rows to this CSV file"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"No file at {path}.")
        obj = options["object"]
        user = self._user(options["username"])
        try:
            with audit.via(Channel.CLI), path.open("rb") as content:
                job = actions.create_import(
                    by=user,
                    content=content,
                    filename=path.name,
                    obj=obj,
                    format=options["format"],
                    encoding=options["encoding"],
                    delimiter=options["delimiter"],
                )
                columns = dict(job.mapping)
                for item in options["map"]:
                    column, _sep, target = item.partition("=")
                    if column not in job.columns:
                        raise CommandError(f"The file has no column {column!r}.")
                    columns[column] = target
                actions.configure(
                    job,
                    by=user,
                    columns=columns,
                    match_on=options["match"] or MATCHES[ImportObject(obj)][0],
                    existing=Existing.SKIP if options["skip_existing"] else Existing.UPDATE,
                    all_or_nothing=options["all_or_nothing"],
                    default_country=(options["country"] or "").upper() or None,
                )
                self._describe(job)
                if options["dry_run"]:
                    engine.check(job, progress=self._progress)
                else:
                    engine.run(job, progress=self._progress)
        except ValidationError as error:
            raise CommandError(_messages(error)) from None
        except PermissionDenied as error:
            raise CommandError(str(error)) from None
        self.stderr.write("")
        self._summary(job, dry_run=options["dry_run"])
        if options["errors_to"]:
            with options["errors_to"].open("w", encoding="utf-8", newline="") as out:
                for chunk in reports.error_csv(job):
                    out.write(chunk)
        counts = job.check_counts if options["dry_run"] else job.counts
        if counts.get(Outcome.ERROR):
            sys.exit(1)

    def _user(self, username: str | None) -> User:
        if username:
            user = User.objects.filter(username=username, is_active=True).first()
            if user is None:
                raise CommandError(f"No active user is named {username!r}.")
            return user
        admins = [u for u in User.objects.filter(is_active=True) if role_of(u) is Role.ADMIN]
        if len(admins) != 1:
            raise CommandError("Say who imports with --as USERNAME.")
        return admins[0]

    def _describe(self, job: Import) -> None:
        self.stderr.write(f"{job.filename}: {job.format}, {len(job.columns)} columns")
        for column, target in job.mapping.items():
            self.stderr.write(f"  {column} -> {target}")

    def _progress(self, job: Import) -> None:
        done = job.checkpoint or sum(int(n) for n in job.check_counts.values())
        total = job.rows_hint or 0
        if total and done <= total:
            filled = int(30 * done / total)
            bar = "#" * filled + "-" * (30 - filled)
            self.stderr.write(f"\r[{bar}] {done:,} / ~{total:,} rows", ending="")
        else:
            self.stderr.write(f"\r{done:,} rows", ending="")
        self.stderr.flush()

    def _summary(self, job: Import, *, dry_run: bool) -> None:
        counts = job.check_counts if dry_run else job.counts
        self.stdout.write(
            ("Checked" if dry_run else "Imported") + f" {job.filename} (import #{job.pk}):"
        )
        for outcome in Outcome:
            self.stdout.write(f"  {outcome.label}: {counts.get(outcome.value, 0):,}")
        if job.error:
            self.stdout.write(f"  {job.error}")
        self.stdout.write(f"Report: {settings.SAMPARK_SITE_URL}/imports/{job.pk}/")


def _messages(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return "; ".join(f"{key}: {' '.join(msgs)}" for key, msgs in error.message_dict.items())
    return " ".join(error.messages)
