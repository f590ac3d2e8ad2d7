"""Serve the web app (gunicorn), the live chat's sockets (uvicorn, on a port of their own) and,
with --with-worker, the background worker beside them.

Pages and the API stay on gunicorn: Django's synchronous views are faster there than in an ASGI
server's thread pool. The sockets need an ASGI server; one process serves them all, so the
in-memory channel layer joins visitors and agents (several processes need Redis:
``SAMPARK_CHANNEL_LAYER=redis``)."""

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


def chat_server_command(host: str, port: int) -> list[str]:
    """The live chat's ASGI server (uvloop: uvicorn on the plain asyncio loop stalls under many
    sockets); the benchmark starts it the same way."""
    return [
        *(sys.executable, "-m", "uvicorn", "sampark.asgi:application"),
        *("--host", host, "--port", str(port)),
        *("--loop", "uvloop", "--http", "httptools", "--ws", "websockets-sansio"),
        *("--log-level", "warning", "--no-access-log"),
    ]


class Command(BaseCommand):
    help = "Start the web server (and optionally the worker) on http://HOST:PORT."
    requires_system_checks = []  # checked below, with friendlier messages

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default=env_str("SAMPARK_HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=env_int("PORT", 8000))
        parser.add_argument(
            "--chat-port",
            type=int,
            default=env_int("SAMPARK_CHAT_PORT", 0),
            help="the live chat's sockets (default: the port after --port)",
        )
        parser.add_argument("--workers", type=int, default=env_int("SAMPARK_WEB_WORKERS", 2))
        parser.add_argument("--with-worker", action="store_true", help="also run `sampark worker`")

    def handle(self, *args: Any, **options: Any) -> None:
        host, port = options["host"], options["port"]
        chat_port = options["chat_port"] or port + 1
        ensure_port_free(host, port)
        ensure_port_free(host, chat_port)
        ensure_migrated()
        # The pages tell browsers where the sockets are (and allow them in their CSP).
        env = {"SAMPARK_CHAT_URL": f"http://{host}:{chat_port}", **os.environ}
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
                ],
                env=env,
            ),
            subprocess.Popen(chat_server_command(host, chat_port), env=env),  # noqa: S603
        ]
        if options["with_worker"]:
            children.append(
                subprocess.Popen([sys.executable, "-m", "sampark.cli", "worker"], env=env)
            )
        self.stdout.write(
            f"Sampark is running at http://{host}:{port}/, its live chat at "
            f"http://{host}:{chat_port}/ (Ctrl+C stops it)"
        )
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
