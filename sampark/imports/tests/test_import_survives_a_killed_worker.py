"""A worker killed with SIGKILL in the middle of an import leaves no half-written row, and the
import resumed afterwards ends with every row imported exactly once.

Everything here is real: a Sampark site of its own, its `sampark worker` process (and the
backend's worker it starts) running the import from the task queue, and SIGKILL.
"""

from __future__ import annotations

import time

from sampark.core.tests.servers import kill_worker, start_worker

ROWS = 6000

CREATE = """
import io, json
from pathlib import Path
from sampark.core.roles import Role
from sampark.core.tests.factories import make_user
from sampark.imports import actions
user = make_user(Role.ADMIN, username="importer")
path = Path({path!r})
with path.open("rb") as content:
    job = actions.create_import(by=user, content=content, filename=path.name, obj="contacts")
actions.configure(job, by=user, columns=job.mapping, match_on="email")
actions.start_run(job, by=user)
print(json.dumps(job.pk))
"""

STATE = """
import json
from sampark.contacts.models import Contact, ContactEmail
from sampark.imports.models import Import
job = Import.objects.get()
print(json.dumps({
    "status": job.status, "checkpoint": job.checkpoint, "counts": job.counts,
    "records": job.records.count(), "contacts": Contact.objects.count(),
    "emails": ContactEmail.objects.count(),
    "distinct": ContactEmail.objects.values("address").distinct().count(),
}))
"""


def _checkpoint(site) -> int:  # type: ignore[no-untyped-def]
    rows = site.query("SELECT checkpoint FROM imports_import")
    return int(rows[0][0]) if rows else 0


def test_a_killed_worker_leaves_whole_batches_and_the_resumed_import_repeats_nothing(
    scratch_site, tmp_path
):  # type: ignore[no-untyped-def]
    path = tmp_path / "clients.csv"
    lines = ["Full Name,Email,Phone"]
    lines += [f"Client {n},client{n}@example.com,+8801711{n:06d}" for n in range(1, ROWS + 1)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    scratch_site.python(CREATE.format(path=str(path)))

    worker = start_worker(scratch_site)
    deadline = time.monotonic() + 180
    while _checkpoint(scratch_site) < 1000 and time.monotonic() < deadline:
        time.sleep(0.05)
    kill_worker(worker)

    killed = scratch_site.python(STATE)
    assert killed["status"] == "running"
    assert 1000 <= killed["checkpoint"] < ROWS, "the import was not caught in the middle"
    # Only whole batches are there: every contact with its email, and each one accounted for.
    assert killed["checkpoint"] % 500 == 0
    assert killed["contacts"] == killed["emails"] == killed["records"] == killed["checkpoint"]

    # A worker later finds the run stalled (it lost its heartbeat) and resumes it.
    time.sleep(1.5)
    scratch_site.python(
        "from sampark.imports.tasks import resume_stalled_imports\n"
        "print(resume_stalled_imports.call())",
        SAMPARK_IMPORT_STALE_SECONDS="1",
    )
    # The same limit for the worker that takes the run over, or it takes the claim for alive.
    scratch_site.sampark("worker", "--batch", "-v0", timeout=240, SAMPARK_IMPORT_STALE_SECONDS="1")

    done = scratch_site.python(STATE)
    assert done["status"] == "done"
    assert done["contacts"] == done["emails"] == done["distinct"] == ROWS
    assert done["counts"] == {"new": ROWS}
    assert done["records"] == ROWS
