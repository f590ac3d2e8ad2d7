"""Run a command against a real PostgreSQL server: DATABASE_URL's, or a throwaway one.

    python tests/with_postgres.py pytest -x

Without DATABASE_URL, initdb makes a cluster in a temporary directory (UTF-8, so pg_trgm and
full-text search see Bengali and Hindi letters), starts it on a free loopback port, runs the
command with DATABASE_URL pointing at it, and removes it afterwards. PostgreSQL refuses to run
as root, so as root the server runs as the `postgres` user.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path


def pg_bin(name: str) -> str:
    found = shutil.which(name) or next(
        iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)), None
    )
    if not found:
        sys.exit(f"with_postgres: {name} not found: install the PostgreSQL server package.")
    return found


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def as_server_user(command: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


def main(command: list[str]) -> int:
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        return subprocess.call(command)
    root = Path(tempfile.mkdtemp(prefix="sampark-pg-"))
    data, log = root / "data", root / "server.log"
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
    port = free_port()
    run = subprocess.run
    run(
        as_server_user(
            [
                pg_bin("initdb"),
                "-D",
                str(data),
                "-U",
                "sampark",
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
                "--no-sync",
            ]
        ),
        check=True,
        stdout=subprocess.DEVNULL,
    )
    options = (
        f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"
    )
    run(
        as_server_user(
            [pg_bin("pg_ctl"), "-D", str(data), "-l", str(log), "-o", options, "-w", "start"]
        ),
        check=True,
        stdout=subprocess.DEVNULL,
    )
    try:
        env = {**os.environ, "DATABASE_URL": f"postgres://sampark@127.0.0.1:{port}/sampark"}
        run(
            as_server_user(
                [pg_bin("createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "sampark", "sampark"]
            ),
            check=True,
        )
        print(f"with_postgres: PostgreSQL on 127.0.0.1:{port}", flush=True)
        return subprocess.call(command, env=env)
    finally:
        run(
            as_server_user([pg_bin("pg_ctl"), "-D", str(data), "-m", "fast", "stop"]),
            stdout=subprocess.DEVNULL,
            check=False,
        )
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
