"""A backup restored after the data changed brings back every row and file exactly as it was.

Runs `sampark backup` and `sampark restore` as an operator would, against a scratch site: an
SQLite file in WAL mode, or a database of its own on the run's PostgreSQL server.
"""

from __future__ import annotations

SNAPSHOT = """
import hashlib, json
from django.apps import apps
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from sampark.core import audit

tables = {
    model._meta.label: list(model._base_manager.order_by("pk").values())
    for model in apps.get_models(include_auto_created=True)
    if model._meta.managed and not model._meta.proxy
}
media = {
    str(path.relative_to(settings.MEDIA_ROOT)): hashlib.sha256(path.read_bytes()).hexdigest()
    for path in sorted(settings.MEDIA_ROOT.rglob("*"))
    if path.is_file()
}
problems = [problem.message for problem in audit.verify()]
print(json.dumps({"tables": tables, "media": media, "audit_problems": problems},
                 cls=DjangoJSONEncoder))
"""

POPULATE = """
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from sampark.contacts.actions import create_contact
from sampark.core.models import Team
from sampark.core.roles import Role
from sampark.core.tests.factories import make_user

dhaka = Team.objects.create(name="Dhaka desk")
make_user(Role.ADMIN, username="admin")
agent = make_user(Role.AGENT, dhaka, username="agent")
create_contact(by=agent, display_name="Rahim Uddin", email="rahim@example.com",
               phone="+880 1711 000000", language="bn")
create_contact(by=agent, display_name="प्रिया शर्मा", language="hi")
default_storage.save("attachments/contract.pdf", ContentFile(b"%PDF-1.4 a contract"))
default_storage.save("avatars/প্রিয়া.png", ContentFile(bytes(range(256)) * 64))
"""

CHANGE_EVERYTHING = """
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from sampark.contacts.actions import create_contact, delete_contact, update_contact
from sampark.contacts.models import Contact
from sampark.core.models import User

agent = User.objects.get(username="agent")
update_contact(Contact.objects.get(language="bn"), by=agent, values={"email": "new@example.com"})
delete_contact(Contact.objects.get(language="hi"), by=agent)
create_contact(by=agent, display_name="Someone Else")
User.objects.filter(username="admin").delete()
User.objects.create_user("intruder")
default_storage.delete("attachments/contract.pdf")
default_storage.save("attachments/other.pdf", ContentFile(b"another file"))
with connection.cursor() as cursor:  # and tamper with the audit trail behind its back
    cursor.execute("UPDATE core_auditentry SET object_repr = 'forged' WHERE seq = 1")
"""

CARRY_ON = """
import json
from sampark.contacts.actions import create_contact
from sampark.contacts.models import Contact
from sampark.core import audit
from sampark.core.models import User

newest = max(Contact.objects.values_list("pk", flat=True))
contact = create_contact(by=User.objects.get(username="agent"), display_name="After restore")
print(json.dumps({"fresh_id": contact.pk > newest, "audit_problems": len(audit.verify())}))
"""


def test_restoring_a_backup_brings_back_every_row_and_file(scratch_site, tmp_path):  # type: ignore[no-untyped-def]
    before = scratch_site.python(POPULATE + SNAPSHOT)
    assert before["audit_problems"] == []
    assert len(before["tables"]["contacts.Contact"]) == 2
    assert len(before["tables"]["core.AuditEntry"]) == 2
    assert len(before["media"]) == 2
    archive = tmp_path / "sampark.tar.gz"

    made = scratch_site.sampark("backup", "--output", str(archive))
    assert "Backup written to" in made.stdout
    assert archive.stat().st_mode & 0o077 == 0  # it holds password hashes

    changed = scratch_site.python(CHANGE_EVERYTHING + SNAPSHOT)
    for part in ("tables", "media", "audit_problems"):
        assert changed[part] != before[part]

    restored = scratch_site.sampark("restore", str(archive), "--yes")
    assert "Restored the backup" in restored.stdout

    after = scratch_site.python(SNAPSHOT)
    assert after["media"] == before["media"]
    assert after["audit_problems"] == []
    for table, rows in before["tables"].items():
        assert after["tables"][table] == rows, table
    assert after == before
    # The site carries on: ids continue after the restored ones and the audit chain extends.
    assert scratch_site.python(CARRY_ON) == {"fresh_id": True, "audit_problems": 0}
