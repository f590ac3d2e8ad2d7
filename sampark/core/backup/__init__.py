"""Backups: a consistent snapshot of the database and the uploaded files in one .tar.gz.

An archive holds, in this order:

    manifest.json                      format, creation time, database vendor, Sampark version,
                                       and the SHA-256 of every other member
    database.sqlite3 | database.pgdump SQLite's online backup, or ``pg_dump -Fc``
    media/...                          the files under MEDIA_ROOT

The manifest comes first so that a file which is not a backup is refused after reading a few
bytes. The secret key is left out on purpose: a restored site keeps its host's own key, which
only signs sessions and password-reset links.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import re
import shutil
import tarfile
import tempfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path, PurePosixPath
from typing import IO

from django.conf import settings
from django.db import connection
from django.utils import timezone

from sampark.core.backup.databases import dump_database, restore_database
from sampark.core.backup.errors import BackupError

FORMAT = "sampark-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
MEDIA = "media"
DATABASE_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
VENDOR_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
_SHA256 = re.compile(r"[0-9a-f]{64}")
_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class FileEntry:
    sha256: str
    size: int


@dataclass(frozen=True)
class Manifest:
    created_at: str
    vendor: str
    sampark_version: str
    database: str
    files: dict[str, FileEntry]
    format_version: int = FORMAT_VERSION

    def to_json(self) -> bytes:
        data = {
            "format": FORMAT,
            "format_version": self.format_version,
            "created_at": self.created_at,
            "vendor": self.vendor,
            "sampark_version": self.sampark_version,
            "database": self.database,
            "files": {
                name: {"sha256": entry.sha256, "size": entry.size}
                for name, entry in self.files.items()
            },
        }
        return json.dumps(data, indent=2, ensure_ascii=False).encode()

    @classmethod
    def from_json(cls, raw: bytes, source: str) -> Manifest:
        not_a_backup = BackupError(f"{source} is not a Sampark backup.")
        try:
            data = json.loads(raw)
        except ValueError:
            raise not_a_backup from None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise not_a_backup
        version = data.get("format_version")
        if not isinstance(version, int):
            raise not_a_backup
        if version > FORMAT_VERSION:
            raise BackupError(
                f"{source} was made by a newer Sampark (backup format {version}): upgrade first."
            )
        try:
            files = {
                str(name): FileEntry(sha256=str(entry["sha256"]), size=int(entry["size"]))
                for name, entry in data["files"].items()
            }
            manifest = cls(
                created_at=str(data["created_at"]),
                vendor=str(data["vendor"]),
                sampark_version=str(data["sampark_version"]),
                database=str(data["database"]),
                files=files,
                format_version=version,
            )
        except (KeyError, TypeError, ValueError, AttributeError):
            raise BackupError(f"{source} is damaged: its manifest is incomplete.") from None
        manifest._validate(source)
        return manifest

    def _validate(self, source: str) -> None:
        if DATABASE_FILES.get(self.vendor) != self.database or self.database not in self.files:
            raise BackupError(f"{source} is damaged: its manifest names no database.")
        for name, entry in self.files.items():
            path = PurePosixPath(name)
            parts = path.parts
            safe = bool(parts) and not path.is_absolute() and not {".", ".."} & set(parts)
            inside = name == self.database or (len(parts) > 1 and parts[0] == MEDIA)
            # Names come from a file a user hands us: nothing may land outside where it belongs.
            if not (safe and inside and str(path) == name) or not _SHA256.fullmatch(entry.sha256):
                raise BackupError(f"{source} is damaged: its manifest lists {name!r}.")


# Making a backup


def default_path() -> Path:
    stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
    return Path(settings.DATA_DIR) / "backups" / f"sampark-{stamp}.tar.gz"


def create(output: Path | None = None) -> tuple[Path, Manifest]:
    """Write a backup to ``output`` (a new file in DATA_DIR/backups by default)."""
    output = (output or default_path()).expanduser().resolve()
    if output.is_dir():
        output = output / default_path().name
    output.parent.mkdir(parents=True, exist_ok=True)
    vendor = connection.vendor
    if vendor not in DATABASE_FILES:
        raise BackupError(f"backups of {vendor} databases are not supported.")
    with tempfile.TemporaryDirectory(prefix=".sampark-backup-", dir=settings.DATA_DIR) as work:
        database = Path(work) / DATABASE_FILES[vendor]
        # The database first: files uploaded while the media are copied are then extra, never
        # missing (uploads are new files; Django's storage does not overwrite).
        dump_database(database)
        members = [(database.name, database), *_media_files()]
        manifest = Manifest(
            created_at=timezone.now().isoformat(),
            vendor=vendor,
            sampark_version=sampark_version(),
            database=database.name,
            files={name: _checksum(path) for name, path in members},
        )
        # Written beside the target and renamed at the end, so a failed backup never leaves a
        # file that looks like a good one. It holds password hashes: readable by us only.
        partial = output.with_name(f".{output.name}.partial")
        try:
            fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as tar:
                _add_bytes(tar, MANIFEST, manifest.to_json())
                for name, path in members:
                    _add_file(tar, name, path, manifest.files[name])
            partial.replace(output)
        finally:
            partial.unlink(missing_ok=True)
    return output, manifest


def sampark_version() -> str:
    try:
        return metadata.version("sampark")
    except metadata.PackageNotFoundError:
        return "unknown"


def _media_files() -> Iterator[tuple[str, Path]]:
    root = Path(settings.MEDIA_ROOT)
    if not root.is_dir():
        return
    for directory, subdirectories, names in os.walk(root):
        # Leftovers of an interrupted restore are not uploads.
        subdirectories[:] = sorted(d for d in subdirectories if not d.startswith(".sampark-"))
        for name in sorted(names):
            path = Path(directory) / name
            if path.is_file() and not path.is_symlink():
                yield f"{MEDIA}/{path.relative_to(root).as_posix()}", path


def _checksum(path: Path) -> FileEntry:
    digest, size = hashlib.sha256(), 0
    with path.open("rb") as file:
        while chunk := file.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return FileEntry(digest.hexdigest(), size)


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mode, info.mtime = len(data), 0o600, int(timezone.now().timestamp())
    tar.addfile(info, io.BytesIO(data))


def _add_file(tar: tarfile.TarFile, name: str, path: Path, entry: FileEntry) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mode, info.mtime = entry.size, 0o600, int(path.stat().st_mtime)
    changed = BackupError(f"{path} changed while it was being backed up: run the backup again.")
    with path.open("rb") as file:
        reader = _HashingReader(file)
        try:
            tar.addfile(info, reader)
        except OSError:  # it shrank
            raise changed from None
    # What went into the archive must be what the manifest promises.
    if reader.digest.hexdigest() != entry.sha256:
        raise changed


class _HashingReader:
    def __init__(self, file: IO[bytes]) -> None:
        self.file, self.digest = file, hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        data = self.file.read(size)
        self.digest.update(data)
        return data


# Restoring


def read_manifest(path: Path) -> Manifest:
    """The manifest of the backup at ``path``; refuses anything that is not a Sampark backup."""
    if not path.is_file():
        raise BackupError(f"{path}: no such file.")
    try:
        with tarfile.open(path, "r:gz") as tar:
            first = tar.next()
            file = tar.extractfile(first) if first and first.name == MANIFEST else None
            raw = file.read() if file else b""
    except (tarfile.TarError, OSError, EOFError, zlib.error):
        raw = b""
    return Manifest.from_json(raw, path.name)


def check_compatible(manifest: Manifest) -> None:
    if manifest.vendor != connection.vendor:
        theirs = VENDOR_NAMES.get(manifest.vendor, manifest.vendor)
        ours = VENDOR_NAMES.get(connection.vendor, connection.vendor)
        raise BackupError(
            f"this is a backup of a {theirs} database, but DATABASE_URL points to {ours}: "
            f"restore it into {theirs}."
        )


@dataclass(frozen=True)
class Unpacked:
    manifest: Manifest
    database: Path
    media: Path  # the uploaded files, staged inside MEDIA_ROOT


@contextlib.contextmanager
def unpacked(path: Path, manifest: Manifest) -> Iterator[Unpacked]:
    """Extract and verify the whole archive, changing nothing yet; cleaned up afterwards."""
    media_root = Path(settings.MEDIA_ROOT)
    media_root.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".sampark-restore-", dir=settings.DATA_DIR))
    # Staged on MEDIA_ROOT's own file system (it may be a mount), so moving it in is a rename.
    stage = Path(tempfile.mkdtemp(prefix=".sampark-restore-", dir=media_root))
    try:
        _extract(path, manifest, work, stage)
        yield Unpacked(manifest, work / manifest.database, stage)
    finally:
        shutil.rmtree(work, ignore_errors=True)
        shutil.rmtree(stage, ignore_errors=True)


def _extract(path: Path, manifest: Manifest, work: Path, stage: Path) -> None:
    damaged = f"{path.name} is damaged"
    seen: set[str] = set()
    try:
        with tarfile.open(path, "r:gz") as tar:
            for member in tar:
                if member.name == MANIFEST and not seen:
                    continue
                name = member.name
                if name not in manifest.files or name in seen or not member.isfile():
                    raise BackupError(f"{damaged}: it holds {name!r}, which its manifest omits.")
                if name == manifest.database:
                    target = work / name
                else:
                    target = stage / PurePosixPath(name).relative_to(MEDIA)
                target.parent.mkdir(parents=True, exist_ok=True)
                source = tar.extractfile(member)
                assert source is not None  # a regular file, checked above
                if _copy_and_hash(source, target) != manifest.files[name]:
                    raise BackupError(f"{damaged}: the checksum of {name} does not match.")
                seen.add(name)
    except (tarfile.TarError, EOFError, zlib.error) as error:
        raise BackupError(f"{damaged}: {error}.") from None
    except OSError as error:  # a full disk, or names that clash (a file and a folder)
        raise BackupError(f"cannot unpack {path.name}: {error.strerror or error}.") from None
    missing = sorted(set(manifest.files) - seen)
    if missing:
        raise BackupError(f"{damaged}: {missing[0]} is missing.")


def _copy_and_hash(source: IO[bytes], target: Path) -> FileEntry:
    digest, size = hashlib.sha256(), 0
    with target.open("wb") as out:
        while chunk := source.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
            out.write(chunk)
    return FileEntry(digest.hexdigest(), size)


def restore(backup: Unpacked) -> None:
    """Replace the database and MEDIA_ROOT with the backup's. The database is replaced in one
    transaction, so a failure there changes nothing."""
    restore_database(backup.database)
    _replace_media(backup.media)


def _replace_media(stage: Path) -> None:
    media_root = Path(settings.MEDIA_ROOT)
    old = Path(tempfile.mkdtemp(prefix=".sampark-old-", dir=media_root))
    for entry in media_root.iterdir():
        if entry not in (old, stage):
            entry.rename(old / entry.name)
    for entry in stage.iterdir():
        entry.rename(media_root / entry.name)
    shutil.rmtree(old)
