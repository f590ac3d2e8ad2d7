from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from sampark.core.maintenance import optimize_database


class Command(BaseCommand):
    help = "Refresh the database's query-planner statistics (the worker does this daily)."

    def handle(self, *args: Any, **options: Any) -> None:
        done = optimize_database()
        if options["verbosity"]:
            self.stdout.write(f"Database statistics {done}.")
