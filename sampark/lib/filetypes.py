"""What a file really is, from its content: the allowlist of attachment types.

A browser's Content-Type and the file's extension are the sender's claims; the first bytes
(the "magic number") are the file. A type is accepted only if its content says so, and the
name's extension, when there is one, must agree — so ``invoice.pdf`` that is really a program,
or ``photo.png`` that is really a web page, is refused. Zip-based office documents are told
apart by the entries their format requires; macro-enabled ones are refused.
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from dataclasses import dataclass
from typing import IO

# How much of the start of a file is read to decide its type (text is judged on this much).
SNIFF_BYTES = 8192


@dataclass(frozen=True)
class FileType:
    content_type: str
    extension: str  # the one we store and serve the file with
    extensions: frozenset[str]  # the ones a name may carry for this type


def _type(content_type: str, *extensions: str) -> FileType:
    return FileType(content_type, extensions[0], frozenset(extensions))


PDF = _type("application/pdf", "pdf")
PNG = _type("image/png", "png")
JPEG = _type("image/jpeg", "jpg", "jpeg", "jpe", "jfif")
GIF = _type("image/gif", "gif")
WEBP = _type("image/webp", "webp")
TEXT = _type("text/plain", "txt", "text", "log", "md")
CSV = _type("text/csv", "csv", "tsv")
DOCX = _type("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx")
XLSX = _type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx")
PPTX = _type("application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx")
ODT = _type("application/vnd.oasis.opendocument.text", "odt")
ODS = _type("application/vnd.oasis.opendocument.spreadsheet", "ods")

ALLOWED = (PDF, PNG, JPEG, GIF, WEBP, TEXT, CSV, DOCX, XLSX, PPTX, ODT, ODS)

# The part every OOXML package of each kind must have.
_OOXML_PARTS = {"word/document.xml": DOCX, "xl/workbook.xml": XLSX, "ppt/presentation.xml": PPTX}
_ODF_TYPES = {t.content_type.encode(): t for t in (ODT, ODS)}
# Bytes that never occur in text (WHATWG MIME Sniffing, "binary data byte").
_BINARY = frozenset([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x1B), *range(0x1C, 0x20)])


class RejectedFile(ValueError):
    """The file is not one of the allowed types, or its name claims another type."""


def sniff(head: bytes, file: IO[bytes] | None = None) -> FileType | None:
    """The allowed type ``head`` (the first bytes) shows, or None. ``file`` (seekable) is read
    further only for zip-based office documents, to look at their table of contents."""
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith((b"GIF87a", b"GIF89a")):
        return GIF
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if head.startswith(b"PK\x03\x04"):
        return _sniff_zip(head, file)
    if _is_text(head):
        return TEXT
    return None


def _sniff_zip(head: bytes, file: IO[bytes] | None) -> FileType | None:
    # OpenDocument puts an uncompressed "mimetype" entry first, so the type is in the first
    # bytes: a 30-byte local header, the 8-byte name, then the content.
    if head[30:38] == b"mimetype":
        for content_type, kind in _ODF_TYPES.items():
            if head[38 : 38 + len(content_type)] == content_type:
                return kind
        return None
    if file is None:
        return None
    try:
        file.seek(0)
        with zipfile.ZipFile(file) as archive:  # reads only the directory, never inflates
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    finally:
        file.seek(0)
    if "[Content_Types].xml" not in names or any(
        n.lower().endswith("vbaproject.bin") for n in names
    ):
        return None
    found = {kind for part, kind in _OOXML_PARTS.items() if part in names}
    return found.pop() if len(found) == 1 else None


def _is_text(head: bytes) -> bool:
    if not head.strip():
        return bool(head)  # whitespace only is text; an empty file is nothing
    if any(byte in _BINARY for byte in head):
        return False
    # Markup is refused even as "text": a browser that ignored our headers could run it.
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n\x0c")
    return not start.startswith(b"<")


def extension_of(name: str) -> str:
    stem, dot, extension = name.rpartition(".")
    return extension.lower() if dot and stem else ""


def classify(name: str, head: bytes, file: IO[bytes] | None = None) -> FileType:
    """The file's type, or ``RejectedFile`` with the reason (for the person who sent it)."""
    found = sniff(head, file)
    if found is None:
        raise RejectedFile("type")
    extension = extension_of(name)
    if found in (TEXT, CSV):
        if extension in CSV.extensions:
            return CSV
        if extension and extension not in TEXT.extensions:
            raise RejectedFile("mismatch")
        return TEXT
    if extension and extension not in found.extensions:
        raise RejectedFile("mismatch")
    return found


_UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f<>:\"/\\|?*]+")


def safe_display_name(raw: str, file_type: FileType, limit: int = 200) -> str:
    """A name to show and to offer on download: no folders, no control characters, the right
    extension, and not too long. Never used as a path: stored files get a random name."""
    name = unicodedata.normalize("NFC", raw or "")
    name = name.replace("\\", "/").rsplit("/", 1)[-1]  # "../../etc/passwd" -> "passwd"
    name = _UNSAFE_NAME.sub("_", name).strip(" .")
    stem = name.rsplit(".", 1)[0] if extension_of(name) else name
    stem = stem[: limit - len(file_type.extension) - 1].strip(" .") or "attachment"
    extension = extension_of(name) if extension_of(name) in file_type.extensions else ""
    return f"{stem}.{extension or file_type.extension}"
