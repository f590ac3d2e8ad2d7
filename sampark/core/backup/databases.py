"""Database snapshots for backups: SQLite's online backup API, or PostgreSQL's pg_dump."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from django.db import connection, connections

from sampark.core.backup.errors import BackupError

# Connection OPTIONS that libpq understands; the rest (pool, server_side_binding, …) are
# psycopg's or Django's and mean nothing to pg_dump.
LIBPQ_OPTIONS = (
    "sslmode",
    "sslrootcert",
    "sslcert",
    "sslkey",
    "sslcrl",
    "channel_binding",
    "gssencmode",
    "connect_timeout",
    "options",
    "application_name",
    "target_session_attrs",
    "service",
    "passfile",
)


def dump_database(target: Path) -> None:
    if connection.vendor == "sqlite":
        _dump_sqlite(target)
    else:
        _dump_postgresql(target)


def _dump_sqlite(target: Path) -> None:
    # The online backup API copies a consistent snapshot while the app keeps running: under
    # WAL it reads as one transaction, and writers are not blocked meanwhile.
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        connection.connection.backup(copy)
        # One self-contained file, without -wal and -shm companions.
        copy.execute("PRAGMA journal_mode=DELETE")
    finally:
        copy.close()


def _dump_postgresql(target: Path) -> None:
    conninfo, env = _libpq()
    # -Fc is a consistent snapshot (one repeatable-read transaction) in pg_restore's format.
    _run(
        [
            _pg_tool("pg_dump"),
            "--format=custom",
            "--no-password",
            f"--file={target}",
            f"--dbname={conninfo}",
        ],
        env=env,
    )


def restore_database(dump: Path) -> None:
    """Replace the database's contents with the dump's, in one transaction."""
    # Our own open connections would hold locks or keep reading the old data.
    connections.close_all()
    try:
        if connection.vendor == "sqlite":
            _restore_sqlite(dump)
        else:
            _restore_postgresql(dump)
    finally:
        connections.close_all()


def _restore_sqlite(dump: Path) -> None:
    # The backup API in reverse: it writes the pages into the live database under its lock, so
    # other connections (the web app, under WAL) see either the old or the new data, and no
    # stale -wal file can be replayed over it as could happen by copying files.
    source = sqlite3.connect(dump)
    try:
        connection.ensure_connection()
        source.backup(connection.connection)
    finally:
        source.close()


def _restore_postgresql(dump: Path) -> None:
    conninfo, env = _libpq()
    # `--clean --if-exists` drops what the dump holds; tables it does not hold (say, from a
    # migration newer than the backup) are dropped first, or `migrate` would trip over them.
    # pg_restore writes the script and psql runs it all in one transaction.
    with connection.cursor() as cursor:
        tables = [
            info.name
            for info in connection.introspection.get_table_list(cursor)
            if info.type in {"t", "p"}
        ]
    connections.close_all()
    drop = ", ".join(connection.ops.quote_name(table) for table in tables)
    prelude = f"DROP TABLE IF EXISTS {drop} CASCADE;" if tables else "SELECT 1;"
    restore_command = [
        _pg_tool("pg_restore"),
        "--clean",
        "--if-exists",
        "--no-owner",
        # Grants name roles that need not exist where the backup is restored.
        "--no-privileges",
        "--file=-",
        str(dump),
    ]
    psql_command = [
        _pg_tool("psql"),
        "--no-psqlrc",
        "--quiet",
        "--no-password",
        "--set=ON_ERROR_STOP=1",
        "--single-transaction",
        f"--dbname={conninfo}",
        f"--command={prelude}",
        "--file=-",
    ]
    with tempfile.TemporaryFile() as restore_errors:
        script = subprocess.Popen(  # noqa: S603 - fixed arguments, no shell
            restore_command, stdout=subprocess.PIPE, stderr=restore_errors, env=env
        )
        assert script.stdout is not None
        try:
            applied = subprocess.run(  # noqa: S603
                psql_command,
                stdin=script.stdout,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                env=env,
                check=False,
            )
        finally:
            script.stdout.close()
            script.wait()
        if script.returncode != 0:
            restore_errors.seek(0)
            raise BackupError(f"pg_restore failed: {_first_line(restore_errors.read())}")
    if applied.returncode != 0:
        raise BackupError(f"restoring the database failed: {_first_line(applied.stderr)}")


# PostgreSQL's client tools


def _libpq() -> tuple[str, dict[str, str]]:
    """A libpq connection string for Django's database, and the environment with its password."""
    config: dict[str, Any] = connection.settings_dict
    params: dict[str, Any] = {
        "dbname": config.get("NAME"),
        "user": config.get("USER"),
        "host": config.get("HOST"),
        "port": config.get("PORT"),
    }
    options = config.get("OPTIONS") or {}
    params.update({key: options[key] for key in LIBPQ_OPTIONS if key in options})
    conninfo = " ".join(
        f"{key}={_quote(str(value))}" for key, value in params.items() if value not in (None, "")
    )
    env = dict(os.environ)
    if config.get("PASSWORD"):
        # In the environment, not on the command line, where `ps` would show it.
        env["PGPASSWORD"] = str(config["PASSWORD"])
    return conninfo, env


def _quote(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace("'", "\\'")
    return f"'{escaped}'"


def _pg_tool(name: str) -> str:
    if found := shutil.which(name):
        return found
    # Debian and Ubuntu keep each major version's tools here, off PATH; prefer the newest.
    versions = [
        p for p in Path("/usr/lib/postgresql").glob(f"*/bin/{name}") if p.parts[-3].isdigit()
    ]
    if not versions:
        raise BackupError(f"{name} is not installed: install the PostgreSQL client tools.")
    return str(max(versions, key=lambda p: int(p.parts[-3])))


def _run(command: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(  # noqa: S603 - fixed arguments, no shell
        command, env=env, capture_output=True, check=False
    )
    if result.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed: {_first_line(result.stderr)}")


def _first_line(output: bytes) -> str:
    text = output.decode(errors="replace").strip()
    return text.splitlines()[0] if text else "no error message"
