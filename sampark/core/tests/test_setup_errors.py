"""Bad setup is explained in one line, never with a traceback."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest


def sampark(*args: str, tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "SAMPARK_DATA_DIR": str(tmp_path / "data"), **env}
    return subprocess.run(
        [sys.executable, "-m", "sampark.cli", *args],
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def assert_one_line_error(result: subprocess.CompletedProcess[str], expected: str) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert expected in lines[0]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("mysql://root@localhost/crm", "DATABASE_URL must start with one of"),
        ("not a url", "DATABASE_URL must start with one of"),
        ("postgres://sampark@127.0.0.1:1/sampark", "the database refused"),
    ],
)
def test_bad_database_url(tmp_path, url, expected):  # type: ignore[no-untyped-def]
    assert_one_line_error(sampark("migrate", tmp_path=tmp_path, DATABASE_URL=url), expected)


def test_unwritable_data_directory(tmp_path):  # type: ignore[no-untyped-def]
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    result = sampark("check", tmp_path=tmp_path, SAMPARK_DATA_DIR=str(blocker / "data"))
    assert_one_line_error(result, "SAMPARK_DATA_DIR: cannot create the data directory")


def test_read_only_data_directory(tmp_path):  # type: ignore[no-untyped-def]
    if os.geteuid() == 0:
        # root writes anywhere, so make the directory unusable another way: a path under /proc.
        result = sampark("check", tmp_path=tmp_path, SAMPARK_DATA_DIR="/proc/sampark")
    else:
        read_only = tmp_path / "ro"
        read_only.mkdir(mode=0o500)
        result = sampark("check", tmp_path=tmp_path, SAMPARK_DATA_DIR=str(read_only))
    assert_one_line_error(result, "SAMPARK_DATA_DIR")


def test_bad_task_backend(tmp_path):  # type: ignore[no-untyped-def]
    result = sampark("check", tmp_path=tmp_path, SAMPARK_TASK_BACKEND="celery-ish")
    assert_one_line_error(result, "SAMPARK_TASK_BACKEND='celery-ish' is unknown")


def test_port_in_use(tmp_path):  # type: ignore[no-untyped-def]
    assert sampark("migrate", "-v0", tmp_path=tmp_path).returncode == 0
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = sampark("serve", "--port", str(port), tmp_path=tmp_path)
    assert_one_line_error(result, f"cannot listen on 127.0.0.1:{port}")
