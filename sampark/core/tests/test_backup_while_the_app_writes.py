"""A backup taken while the app keeps writing is a consistent snapshot of one moment.

Each contact is created in one transaction with its audit entry, so a snapshot of one moment
holds exactly as many audit entries as contacts, and an intact hash chain.
"""

from __future__ import annotations

import subprocess
import sys
import time

WRITER = """
import django
django.setup()
from sampark.contacts.actions import create_contact
from sampark.core.roles import Role
from sampark.core.tests.factories import make_user

agent = make_user(Role.AGENT, username="agent")
number = 0
while True:
    create_contact(by=agent, display_name=f"Contact {number}")
    number += 1
"""

COUNTS = """
import json
from sampark.contacts.models import Contact
from sampark.core import audit
from sampark.core.models import AuditEntry

print(json.dumps([Contact.objects.count(), AuditEntry.objects.count(), len(audit.verify())]))
"""


def test_a_backup_during_writes_is_consistent(scratch_site, tmp_path):  # type: ignore[no-untyped-def]
    archive = tmp_path / "busy.tar.gz"
    writer = subprocess.Popen([sys.executable, "-c", WRITER], env=scratch_site.env)
    try:
        deadline = time.monotonic() + 30
        while scratch_site.query("SELECT COUNT(*) FROM contacts_contact")[0][0] < 20:
            assert writer.poll() is None, "the writer stopped"
            assert time.monotonic() < deadline, "the writer wrote nothing in 30 s"
            time.sleep(0.1)

        scratch_site.sampark("backup", "--output", str(archive))

        assert writer.poll() is None, "the backup must not stop the app's writes"
    finally:
        writer.kill()
        writer.wait()
    written = scratch_site.query("SELECT COUNT(*) FROM contacts_contact")[0][0]

    scratch_site.sampark("restore", str(archive), "--yes")

    contacts, entries, problems = scratch_site.python(COUNTS)
    assert 20 <= contacts < written  # a moment in the middle of the writing
    assert entries == contacts
    assert problems == 0
