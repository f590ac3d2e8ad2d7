"""Serve the web app (gunicorn) and, with --with-worker, the background worker beside it."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from sampark.lib.env import env_int, env_str


class Command(BaseCommand):
    help = "Start the web server (and optionally the worker) on http://HOST:PORT."
    requires_system_checks = []  # checked below, with friendlier messages

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default=env_str("SAMPARK_HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=env_int("PORT", 8000))
        parser.add_argument("--workers", type=int, default=env_int("SAMPARK_WEB_WORKERS", 2))
        parser.add_argument("--with-worker", action="store_true", help="also run `sampark worker`")

    def handle(self, *args: Any, **options: Any) -> None:
        host, port = options["host"], options["port"]
        ensure_port_free(host, port)
        ensure_migrated()
        children = [
            subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "sampark.wsgi:application",
                    "--bind",
                    f"{host}:{port}",
                    "--workers",
                    str(options["workers"]),
                    "--threads",
                    "4",
                    "--access-logfile",
                    "-",
                    "--log-level",
                    "warning",
                ]
            )
        ]
        if options["with_worker"]:
            children.append(subprocess.Popen([sys.executable, "-m", "sampark.cli", "worker"]))
        self.stdout.write(f"Sampark is running at http://{host}:{port}/ (Ctrl+C stops it)")
        _wait_and_stop(children)


def ensure_port_free(host: str, port: int) -> None:
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        try:
            probe.bind((host, port))
        except OSError as error:
            raise CommandError(
                f"cannot listen on {host}:{port} ({error.strerror}): another program uses it; "
                f"stop it or choose another port, e.g. PORT={port + 1} make run"
            ) from None


def ensure_migrated() -> None:
    connection.ensure_connection()
    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        raise CommandError("the database is not up to date: run `sampark migrate` first")
    if not settings.DEBUG and not (settings.BASE_DIR / "node_modules").exists():
        raise CommandError("front-end packages are missing: run `make frontend` first")


def _wait_and_stop(children: list[subprocess.Popen[bytes]]) -> None:
    def stop(*_: object) -> None:
        for child in children:
            if child.poll() is None:
                child.send_signal(signal.SIGTERM)

    signal.signal(signal.SIGTERM, stop)
    try:
        os.wait()  # the first child to end (or Ctrl+C) ends the whole service
    except KeyboardInterrupt:
        pass
    finally:
        stop()
        for child in children:
            child.wait(timeout=30)
