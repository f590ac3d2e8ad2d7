"""`sampark import FILE`: the summary on stdout, and exit status 1 when rows were rejected."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from sampark.contacts.models import Contact
from sampark.core.models import AuditEntry, Channel

pytestmark = pytest.mark.django_db


def _file(tmp_path, text: str):  # type: ignore[no-untyped-def]
    path = tmp_path / "clients.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_clean_file_imports_and_exits_zero(people, tmp_path):
    path = _file(tmp_path, "Name,Email,Phone\nরহিম উদ্দিন,rahim@padma.com.bd,01711-000001\n")
    out, err = io.StringIO(), io.StringIO()

    call_command("import", str(path), "--as", "agent", "--country", "bd", stdout=out, stderr=err)

    assert "New: 1" in out.getvalue()
    assert "Rejected: 0" in out.getvalue()
    assert "rows" in err.getvalue()  # the progress, on stderr
    contact = Contact.objects.get()
    assert contact.phone == "+8801711000001"
    entry = AuditEntry.objects.get(object_id=str(contact.pk), action="create")
    assert entry.channel == Channel.IMPORT


def test_rejected_rows_exit_one_and_can_be_written_out(people, tmp_path):
    path = _file(tmp_path, "Name,Email\nGood,good@example.com\nBad,bad@\n")
    errors = tmp_path / "errors.csv"
    out = io.StringIO()

    with pytest.raises(SystemExit) as exit_status:
        call_command(
            "import",
            str(path),
            "--as",
            "agent",
            "--errors-to",
            str(errors),
            stdout=out,
            stderr=io.StringIO(),
        )

    assert exit_status.value.code == 1
    assert "Rejected: 1" in out.getvalue()
    assert "bad@" in errors.read_text(encoding="utf-8-sig")
    assert Contact.objects.count() == 1


def test_a_dry_run_writes_nothing(people, tmp_path):
    path = _file(tmp_path, "Name,Email\nGood,good@example.com\n")
    out = io.StringIO()
    call_command(
        "import", str(path), "--as", "agent", "--dry-run", stdout=out, stderr=io.StringIO()
    )
    assert "Checked" in out.getvalue()
    assert "New: 1" in out.getvalue()
    assert not Contact.objects.exists()


def test_mistakes_in_the_command_are_one_line_errors(people, tmp_path):
    path = _file(tmp_path, "Name,Email\nGood,good@example.com\n")
    with pytest.raises(CommandError, match="No file"):
        call_command("import", str(tmp_path / "missing.csv"), "--as", "agent")
    with pytest.raises(CommandError, match="no column"):
        call_command("import", str(path), "--as", "agent", "--map", "Nope=email")
    with pytest.raises(CommandError, match="No active user"):
        call_command("import", str(path), "--as", "nobody")
    with pytest.raises(CommandError, match="not allow"):
        call_command("import", str(path), "--as", "reader")
