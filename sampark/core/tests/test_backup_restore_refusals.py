"""Restore refuses, in one line and before changing anything, what it cannot restore safely.

Not a Sampark backup, a damaged one (checksums, unlisted or unsafe names), a backup of another
database vendor, and a restore nobody confirmed.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from sampark.core.backup import DATABASE_FILES, FORMAT, FORMAT_VERSION

OTHER_VENDOR = {"sqlite": "postgresql", "postgresql": "sqlite"}


@pytest.fixture
def media(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.DATA_DIR = tmp_path / "data"
    settings.MEDIA_ROOT = tmp_path / "data" / "media"
    settings.MEDIA_ROOT.mkdir(parents=True)
    (settings.MEDIA_ROOT / "kept.txt").write_text("still here")
    return settings.MEDIA_ROOT


def tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def archive(
    path: Path,
    members: dict[str, bytes],
    *,
    vendor: str | None = None,
    listed: dict[str, bytes] | None = None,
    manifest: dict[str, object] | None = None,
) -> Path:
    """A backup-shaped .tar.gz; ``listed`` is what the manifest claims, if not ``members``."""
    vendor = vendor or connection.vendor
    if manifest is None:
        manifest = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "created_at": "2026-01-01T00:00:00+00:00",
            "vendor": vendor,
            "sampark_version": "0.1.0",
            "database": DATABASE_FILES[vendor],
            "files": {
                name: {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
                for name, data in (members if listed is None else listed).items()
            },
        }
    with tarfile.open(path, "w:gz") as tar:
        for name, data in {"manifest.json": json.dumps(manifest).encode(), **members}.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


def good_members(vendor: str | None = None) -> dict[str, bytes]:
    return {DATABASE_FILES[vendor or connection.vendor]: b"a database", "media/a.txt": b"new"}


def refused(path: Path, *args: str) -> str:
    with pytest.raises(CommandError) as error:
        call_command("restore", str(path), *args)
    message = str(error.value)
    assert "\n" not in message
    return message


def test_a_file_that_is_not_a_backup_is_refused(media, tmp_path):  # type: ignore[no-untyped-def]
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    other_tar = tmp_path / "photos.tar.gz"
    with tarfile.open(other_tar, "w:gz") as tar:
        tar.add(text, arcname="notes.txt")
    foreign_manifest = archive(tmp_path / "other.tar.gz", {}, manifest={"format": "other"})

    for path in (text, other_tar, foreign_manifest):
        assert refused(path, "--yes") == f"{path.name} is not a Sampark backup."
    assert refused(tmp_path / "missing.tar.gz", "--yes").endswith("missing.tar.gz: no such file.")
    assert tree(media) == {"kept.txt": b"still here"}


def test_a_backup_with_a_wrong_checksum_is_refused(media, tmp_path):  # type: ignore[no-untyped-def]
    listed = {**good_members(), "media/a.txt": b"what the manifest promised"}
    path = archive(tmp_path / "b.tar.gz", good_members(), listed=listed)

    message = refused(path, "--yes")

    assert message == "b.tar.gz is damaged: the checksum of media/a.txt does not match."
    # Nothing changed, and nothing was left behind by the attempt.
    assert tree(media) == {"kept.txt": b"still here"}
    assert sorted(p.name for p in media.iterdir()) == ["kept.txt"]
    assert sorted(p.name for p in media.parent.iterdir()) == ["media"]


def test_a_backup_with_unlisted_missing_or_unsafe_files_is_refused(media, tmp_path):  # type: ignore[no-untyped-def]
    members = good_members()
    unlisted = archive(tmp_path / "u.tar.gz", {**members, "media/extra": b"x"}, listed=members)
    missing = archive(tmp_path / "m.tar.gz", members, listed={**members, "media/gone": b"x"})
    escaping = archive(tmp_path / "e.tar.gz", members, listed={**members, "media/../../x": b"x"})

    assert "holds 'media/extra', which its manifest omits" in refused(unlisted, "--yes")
    assert refused(missing, "--yes") == "m.tar.gz is damaged: media/gone is missing."
    assert refused(escaping, "--yes") == "e.tar.gz is damaged: its manifest lists 'media/../../x'."
    assert tree(media) == {"kept.txt": b"still here"}


def test_a_backup_of_another_database_vendor_is_refused(media, tmp_path):  # type: ignore[no-untyped-def]
    other = OTHER_VENDOR[connection.vendor]
    path = archive(tmp_path / "b.tar.gz", good_members(other), vendor=other)

    message = refused(path, "--yes")

    assert message.startswith("this is a backup of a ")
    assert "but DATABASE_URL points to" in message
    assert tree(media) == {"kept.txt": b"still here"}


def test_without_a_terminal_restoring_needs_yes(media, tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(sys, "stdin", io.StringIO("yes\n"))  # piped input is no confirmation
    path = archive(tmp_path / "b.tar.gz", good_members())

    message = refused(path)

    assert message == "restoring replaces all data: confirm on a terminal, or pass --yes."
    assert tree(media) == {"kept.txt": b"still here"}


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_answering_no_at_the_prompt_changes_nothing(media, tmp_path, monkeypatch, capsys):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(sys, "stdin", Terminal("no\n"))
    path = archive(tmp_path / "b.tar.gz", good_members())

    assert refused(path) == "restore cancelled: nothing was changed."
    assert "REPLACES the whole database" in capsys.readouterr().out
    assert tree(media) == {"kept.txt": b"still here"}
    assert sorted(p.name for p in media.parent.iterdir()) == ["media"]


def test_the_command_line_reports_a_refusal_in_one_line(tmp_path):  # type: ignore[no-untyped-def]
    junk = tmp_path / "junk.tar.gz"
    junk.write_bytes(os.urandom(256))
    env = {**os.environ, "SAMPARK_DATA_DIR": str(tmp_path / "data")}
    env.pop("DATABASE_URL", None)

    result = subprocess.run(
        [sys.executable, "-m", "sampark.cli", "restore", str(junk), "--yes"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].endswith("junk.tar.gz is not a Sampark backup.")
