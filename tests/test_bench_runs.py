"""`make bench` still runs: the whole harness, end to end, on a tiny generated workspace.

The generator writes tables with hand-written SQL for speed, so a new column without a default
breaks it without any other test noticing; this runs it (SQLite, a few hundred contacts, two
repetitions) and checks that every workload and bulk operation reported a figure.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_benchmark_runs_on_a_small_workspace(tmp_path: Path) -> None:
    env = {
        k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")
    }
    env["SAMPARK_DATA_DIR"] = str(tmp_path / "data")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench",
            "--contacts",
            "300",
            "--repeat",
            "2",
            "--activities",
            "1",
            "--transactions",
            "1",
            "--import-rows",
            "40",
            "--deals",
            "200",
            "--results",
            str(tmp_path / "results"),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-4000:]
    [report_file] = (tmp_path / "results").glob("*-sqlite-300.json")
    report = json.loads(report_file.read_text())
    names = [row["workload"] for row in report["workloads"]]
    assert "contact list: first page, by name" in names
    assert "contact 360 page" in names
    assert "sales: board of 20 open deals" in names
    assert all(
        row["ours"]["p50_ms"] > 0 and row["raw"]["p50_ms"] > 0 for row in report["workloads"]
    )
    assert report["operations"]["import"]["rows_per_s"] > 0
    assert report["operations"]["duplicate_scan"]["seconds"] >= 0
