"""Real servers for tests: a Redis, and scratch Sampark sites driven through the `sampark` CLI.

The root conftest registers this module (``pytest_plugins``), so any test can ask for
``redis_url`` or ``scratch_site``. A site is a data directory plus its own database (an SQLite file,
or a fresh database on the PostgreSQL server of DATABASE_URL when the run uses one), already
migrated, that subprocesses use as a real deployment would; pytest-django's test database is
not involved.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest

SQLITE_NAME = "sampark.sqlite3"  # settings.py's default database file in the data directory


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def children_of(pid: int) -> list[int]:
    """The processes ``pid`` started (Linux: read from /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # the process ended meanwhile
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def start_worker(site: Site, **env: str) -> subprocess.Popen[bytes]:
    """`sampark worker` of ``site``, in a session of its own, so SIGKILL reaches everything in
    its process group."""
    return subprocess.Popen(
        [sys.executable, "-m", "sampark.cli", "worker", "-v0"],
        env={**site.env, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def kill_worker(worker: subprocess.Popen[bytes]) -> None:
    """SIGKILL to the worker and the backend's worker it started (which runs in a process
    group of its own), as when the machine or the container goes down."""
    backend_workers = children_of(worker.pid)
    os.killpg(worker.pid, signal.SIGKILL)
    for pid in backend_workers:
        os.kill(pid, signal.SIGKILL)
    worker.wait(timeout=30)


# Redis


@pytest.fixture(scope="session")
def redis_server() -> Iterator[str]:
    """A redis-server of our own on a free loopback port, without persistence; yields its URL."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("redis-server is not installed (apt-get install redis-server)")
    port = free_port()
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    try:
        _wait_for_redis(url, process)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def redis_url(redis_server: str) -> str:
    """The session's Redis, emptied for this test."""
    import redis

    with redis.Redis.from_url(redis_server) as client:
        client.flushall()
    return redis_server


def _wait_for_redis(url: str, process: subprocess.Popen[bytes]) -> None:
    import redis

    deadline = time.monotonic() + 10
    with redis.Redis.from_url(url) as client:
        while True:
            try:
                client.ping()
                return
            except redis.ConnectionError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"redis-server did not start on {url}") from None
                time.sleep(0.05)


# Scratch sites


def postgres_server_url() -> str | None:
    """The run's PostgreSQL server (from DATABASE_URL), or None when the run uses SQLite."""
    url = os.environ.get("DATABASE_URL", "")
    return url if urlsplit(url).scheme in {"postgres", "postgresql", "pgsql"} else None


def _with_database(server_url: str, name: str) -> str:
    parts = urlsplit(server_url)
    return urlunsplit(parts._replace(scheme="postgresql", path=f"/{name}"))


def _admin(sql: str) -> None:
    import psycopg

    server = postgres_server_url()
    assert server is not None
    database = urlsplit(server).path.lstrip("/") or "postgres"
    with psycopg.connect(_with_database(server, database), autocommit=True) as connection:
        connection.execute(sql)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Site:
    """A Sampark installation used through subprocesses, as an operator would."""

    data_dir: Path
    env: dict[str, str]

    @property
    def media_root(self) -> Path:
        return self.data_dir / "media"

    def sampark(
        self, *args: str, check: bool = True, timeout: float = 120, **env: str
    ) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            [sys.executable, "-m", "sampark.cli", *args],
            env={**self.env, **env},
            capture_output=True,
            text=True,
            timeout=timeout,
            stdin=subprocess.DEVNULL,
            check=False,
        )
        if check and result.returncode != 0:
            raise AssertionError(f"sampark {' '.join(args)} failed:\n{result.stderr}")
        return result

    def query(self, sql: str) -> list[tuple[Any, ...]]:
        """Rows of one SQL query on the site's database, read directly (no Django start-up)."""
        url = self.env.get("DATABASE_URL")
        if url is None:
            with contextlib.closing(sqlite3.connect(self.data_dir / SQLITE_NAME)) as connection:
                return connection.execute(sql).fetchall()
        import psycopg

        with psycopg.connect(url, autocommit=True) as connection:
            return connection.execute(sql).fetchall()  # type: ignore[arg-type]

    def python(self, code: str, **env: str) -> Any:
        """Run ``code`` inside the site (Django set up) and return what it printed, as JSON."""
        script = f"import django\ndjango.setup()\n{code}"
        result = subprocess.run(
            [sys.executable, "-c", script],
            env={**self.env, **env},
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        if result.returncode != 0:
            raise AssertionError(f"the site's Python failed:\n{result.stderr}")
        return json.loads(result.stdout)


def _site_env(data_dir: Path, database_url: str | None) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "SAMPARK_TASK_BACKEND"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="sampark.settings",
        SAMPARK_DATA_DIR=str(data_dir),
        SAMPARK_TASK_BACKEND="db",
        PYTHONUNBUFFERED="1",
        # Empty like the test database (see the root conftest): no default sales pipeline.
        SAMPARK_DEFAULT_PIPELINE="false",
    )
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


@pytest.fixture(scope="session")
def _site_template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """One migrated site per run; each test's site is a copy of it, far quicker than migrating."""
    data_dir = tmp_path_factory.mktemp("site-template")
    server = postgres_server_url()
    name = f"sampark_template_{os.getpid()}_{secrets.token_hex(4)}"
    if server:
        _admin(f'CREATE DATABASE "{name}"')
    template = Site(data_dir, _site_env(data_dir, _with_database(server, name) if server else None))
    try:
        template.sampark("migrate", "--no-input", "-v0")
        yield template
    finally:
        if server:
            _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def scratch_site(_site_template: Site, tmp_path: Path) -> Iterator[Site]:
    """A migrated Sampark site of its own, with an empty database and no uploaded files."""
    data_dir = tmp_path / "site"
    data_dir.mkdir()
    server = postgres_server_url()
    if server is None:
        # SQLite's backup API copies a consistent database, whatever journal files lie around.
        source = sqlite3.connect(_site_template.data_dir / SQLITE_NAME)
        target = sqlite3.connect(data_dir / SQLITE_NAME)
        with source, target:
            source.backup(target)
        source.close()
        target.close()
        yield Site(data_dir, _site_env(data_dir, None))
        return
    template = urlsplit(_site_template.env["DATABASE_URL"]).path.lstrip("/")
    name = f"sampark_site_{os.getpid()}_{secrets.token_hex(4)}"
    _admin(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    try:
        yield Site(data_dir, _site_env(data_dir, _with_database(server, name)))
    finally:
        _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
