"""`sampark token create --user NAME`: issue a personal API token and print it, once.

Only the token goes to stdout, so scripts can capture it: TOKEN=$(sampark token create ...).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from sampark.core import audit
from sampark.core.models import Channel, TokenScope, User
from sampark.core.tokens import issue_token


class Command(BaseCommand):
    help = "Manage personal API tokens."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        create = actions.add_parser(
            "create", help="create a token and print it (it is shown only this once)"
        )
        create.add_argument("--user", required=True, help="the username the token acts as")
        create.add_argument("--name", default="Command line", help="a label to recognise it by")
        create.add_argument(
            "--scope",
            default=TokenScope.READ.value,
            # Checked in handle, not by argparse choices, for a one-line error.
            help="read (default) or read_write",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "create":
            self.stdout.write(self._create(options["user"], options["name"], options["scope"]))

    def _create(self, username: str, name: str, scope: str) -> str:
        if scope not in TokenScope.values:
            raise CommandError(
                f"Unknown scope {scope!r}: use one of {', '.join(TokenScope.values)}."
            )
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user is named {username!r}.")
        if not user.is_active:
            raise CommandError(f"The user {username!r} is inactive; its tokens would not work.")
        try:
            with audit.via(Channel.CLI):
                _token, raw = issue_token(user, name=name, scope=TokenScope(scope), by=user)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        return raw
