"""With no configuration at all, Sampark keeps everything in its data directory."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

PROBE = """
from django.conf import settings
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("PRAGMA journal_mode")
    mode = cursor.fetchone()[0]
    cursor.execute("PRAGMA busy_timeout")
    timeout = cursor.fetchone()[0]
print(mode, timeout, settings.DATABASES["default"]["NAME"], settings.SECRET_KEY[:8])
"""


def run_probe(data_dir: Path) -> list[str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SAMPARK_SECRET_KEY"}}
    env["SAMPARK_DATA_DIR"] = str(data_dir)
    result = subprocess.run(
        [sys.executable, "-m", "sampark.cli", "shell", "-c", PROBE],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return result.stdout.strip().splitlines()[-1].split()


def test_sqlite_in_the_data_directory_in_wal_mode_with_a_busy_timeout(tmp_path):  # type: ignore[no-untyped-def]
    mode, timeout, name, _key = run_probe(tmp_path)
    assert mode == "wal"
    assert int(timeout) >= 5000
    assert Path(name) == tmp_path / "sampark.sqlite3"


def test_secret_key_is_made_once_private_and_kept(tmp_path):  # type: ignore[no-untyped-def]
    first = run_probe(tmp_path)[3]
    key_file = tmp_path / "secret_key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert len(key_file.read_text()) >= 50
    assert run_probe(tmp_path)[3] == first
