"""Create the first admin: asked for on a terminal, generated and printed once otherwise."""

from __future__ import annotations

import getpass
import secrets
import sys
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from sampark.core import actions, audit
from sampark.core.models import Channel, User


class Command(BaseCommand):
    help = "Create an admin user. Without a terminal (or with --no-input) a password is generated."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--username", help="default: admin")
        parser.add_argument("--email", default="")
        parser.add_argument("--password", help="default: asked for, or generated")
        parser.add_argument(
            "--if-missing", action="store_true", help="do nothing when an active admin exists"
        )
        parser.add_argument("--no-input", action="store_true", help="never prompt")

    def handle(self, *args: Any, **options: Any) -> None:
        if (
            options["if_missing"]
            and User.objects.filter(is_superuser=True, is_active=True).exists()
        ):
            return
        interactive = sys.stdin.isatty() and not options["no_input"]
        username = options["username"] or (
            self._ask("Username", "admin") if interactive else "admin"
        )
        if User.objects.filter(username=username).exists():
            raise CommandError(f"A user named {username!r} exists already.")
        email = options["email"] or (self._ask("Email", "") if interactive else "")
        password = options["password"] or (self._ask_password() if interactive else "")
        generated = not password
        if generated:
            password = secrets.token_urlsafe(12)
        else:
            try:
                validate_password(password)
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from None
        with audit.via(Channel.CLI):
            actions.create_admin(username=username, email=email, password=password)
        self.stdout.write(f"Admin created. Sign in as: {username}")
        if generated:
            self.stdout.write(f"Password (shown once, change it after signing in): {password}")

    def _ask(self, label: str, default: str) -> str:
        suffix = f" [{default}]" if default else ""
        return input(f"{label}{suffix}: ").strip() or default

    def _ask_password(self) -> str:
        while True:
            password = getpass.getpass("Password (leave empty to generate one): ")
            if not password:
                return ""
            if password != getpass.getpass("Password again: "):
                self.stderr.write("The passwords differ; try again.")
                continue
            try:
                validate_password(password)
            except ValidationError as error:
                self.stderr.write(" ".join(error.messages))
                continue
            return password
