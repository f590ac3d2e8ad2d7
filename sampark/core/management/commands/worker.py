"""Run the background worker of the configured task backend, and keep its heartbeat going.

`sampark worker` is a small supervisor: the backend's own worker (`db_worker` or `rqworker`)
runs as its child process, and this process enqueues a `heartbeat` task at start and then every
few minutes. The timer lives here rather than in a thread inside the worker because the RQ
worker forks a process per job, and forking a process that has other threads running can
deadlock the child. A heartbeat that goes through the queue, rather than one written here
directly, proves the whole path works: enqueueing, the queue, and a worker running tasks.
"""

from __future__ import annotations

import logging
import signal
import subprocess
import sys
from types import FrameType
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections
from django.tasks import TaskResult
from django.tasks.exceptions import TaskResultDoesNotExist

from sampark.core.tasks import HEARTBEAT_INTERVAL, backend_name, heartbeat

logger = logging.getLogger("sampark.worker")


class Command(BaseCommand):
    help = "Run the background worker of the task backend chosen by SAMPARK_TASK_BACKEND."
    requires_system_checks = []  # the child worker runs Django's checks itself

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--batch",
            action="store_true",
            help="run the tasks already queued, then exit (for tests and cron jobs)",
        )
        parser.add_argument(
            "--max-tasks", type=int, default=None, help="exit after running this many tasks"
        )
        parser.add_argument(
            "--heartbeat-every",
            type=float,
            default=HEARTBEAT_INTERVAL.total_seconds(),
            metavar="SECONDS",
            help="how often to enqueue a heartbeat (default: %(default)s)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        name = backend_name("default")
        if name == "immediate":
            self.stdout.write(
                "SAMPARK_TASK_BACKEND=immediate runs tasks inside the web request: "
                "no worker is needed."
            )
            return
        command = worker_command(name, options)
        last = enqueue_heartbeat()
        # Its own process group, so a Ctrl+C in the terminal reaches the child once, through
        # us: the backends' workers stop gracefully on the first signal and abort on the second.
        child = subprocess.Popen(command, process_group=0)  # noqa: S603 - our own interpreter

        def forward(signum: int, _frame: FrameType | None) -> None:
            if child.poll() is None:
                child.send_signal(signum)

        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, forward)
        interval = None if options["batch"] else options["heartbeat_every"]
        while True:
            try:
                returncode = child.wait(timeout=interval)
                break
            except subprocess.TimeoutExpired:
                last = next_heartbeat(last)
        if returncode != 0:
            raise CommandError(f"the {name} worker stopped with exit status {returncode}.")


def worker_command(name: str, options: dict[str, Any]) -> list[str]:
    configured: Any = settings.TASKS["default"].get("QUEUES") or ["default"]
    queues = [str(queue) for queue in configured]
    base = [sys.executable, "-m", "sampark.cli"]
    verbosity = ["--verbosity", str(options["verbosity"])]
    if name == "db":
        command = [*base, "db_worker", "--no-reload", "--queue-name", ",".join(queues)]
        if options["batch"]:
            command += ["--batch", "--no-startup-delay"]
        if options["max_tasks"]:
            command += ["--max-tasks", str(options["max_tasks"])]
        return command + verbosity
    if name == "rq":
        # Without django_tasks_rq's job class, RQ calls the Task object and fails with
        # "'Task' object is not callable". The scheduler moves tasks enqueued with run_after
        # onto the queue when they are due.
        command = [*base, "rqworker", "--job-class", "django_tasks_rq.Job", "--with-scheduler"]
        if options["batch"]:
            command.append("--burst")
        if options["max_tasks"]:
            command += ["--max-jobs", str(options["max_tasks"])]
        return command + verbosity + queues
    raise CommandError(f"no worker is known for the task backend {name!r}.")


def enqueue_heartbeat() -> TaskResult:
    try:
        return heartbeat.enqueue()
    except Exception as error:  # the backend's own error types vary (database, Redis)
        first_line = (str(error).strip() or type(error).__name__).splitlines()[0]
        raise CommandError(f"cannot enqueue a task: {first_line}") from None
    finally:
        # This process only enqueues now and then; it should not hold a connection meanwhile.
        connections.close_all()


def next_heartbeat(last: TaskResult) -> TaskResult:
    """A new heartbeat, unless the last one still waits: a stuck worker should not pile them up.

    A queue that is unreachable now is logged rather than fatal: the worker itself fails in
    that case, and the settings page shows the heartbeat going stale.
    """
    try:
        last.refresh()
        if not last.is_finished:
            return last
    except TaskResultDoesNotExist:
        pass  # results expire (RQ keeps them for minutes): it ran long ago
    except Exception as error:  # the backend's own error types vary (database, Redis)
        logger.warning("cannot check the last heartbeat: %s", error)
        return last
    finally:
        connections.close_all()
    try:
        return enqueue_heartbeat()
    except CommandError as error:
        logger.warning("%s", error)
        return last
