from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sampark.core import audit


class Command(BaseCommand):
    help = "Work with the audit trail. `audit verify` checks its hash chain end to end."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="command", required=True)
        commands.add_parser("verify", help="recompute the hash chain; exit 1 if it is broken")

    def handle(self, *args: Any, **options: Any) -> None:
        problems = audit.verify()
        seq, head_hash = audit.head()
        if problems:
            for problem in problems:
                where = f"entry {problem.seq}" if problem.seq is not None else "chain"
                self.stderr.write(f"{where}: {problem.message}")
            raise CommandError(f"the audit trail is broken ({len(problems)} problem(s)).")
        self.stdout.write(f"Audit trail intact: {seq} entries, head {head_hash}.")
