from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sampark.core.models import User
from sampark.demo.load import is_empty, load_demo


class Command(BaseCommand):
    help = "Load a small demo workspace with Bengali, Hindi and English names."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-empty", action="store_true", help="only when there are no contacts yet"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["if_empty"] and not is_empty():
            return
        admin = User.objects.filter(is_superuser=True, is_active=True).order_by("pk").first()
        if admin is None:
            raise CommandError("Create an admin first: sampark createadmin")
        counts = load_demo(by=admin)
        self.stdout.write(
            "Demo data loaded: {teams} teams, {people} people, {contacts} contacts, "
            "{companies} companies, {tasks} tasks, {deals} deals, {products} products. "
            "Demo people have no password: set one in Settings → Users.".format(**counts)
        )
