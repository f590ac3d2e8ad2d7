"""Which reader a file needs: the format chosen, else its name's extension, else its content."""

from __future__ import annotations

import json
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePath

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from sampark.imports.sources import text
from sampark.imports.sources.base import SourceError


@dataclass(frozen=True)
class FileFormat:
    key: str
    label: str | Promise
    extensions: tuple[str, ...]  # without the dot, lower case; the first is the usual one


FORMATS = (
    FileFormat("csv", _("CSV (comma, semicolon, tab or bar separated)"), ("csv", "tsv")),
    FileFormat("xlsx", _("Excel workbook (XLSX)"), ("xlsx", "xlsm")),
    FileFormat(
        "vcard", _("vCard (contacts from phones, Google, Outlook, Apple)"), ("vcf", "vcard")
    ),
    FileFormat("jsonl", _("JSON Lines (one JSON object per line)"), ("jsonl", "ndjson", "json")),
)
_BY_EXTENSION = {extension: f.key for f in FORMATS for extension in f.extensions}
# Formats people often have and that Sampark does not read: said plainly rather than misread.
_SAVE_AS = {"xls", "ods", "numbers", "xlsb"}
_OLE = b"\xd0\xcf\x11\xe0"  # old binary Office files (.xls)

UNKNOWN_FORMAT = _(
    "Sampark cannot read this kind of file. Upload CSV, XLSX (Excel), vCard or JSON Lines."
)
SAVE_AS_XLSX = _(
    "Sampark cannot read this spreadsheet format. Save it as XLSX (Excel workbook) or CSV and "
    "upload that."
)


def choose_format(
    path: Path, filename: str, chosen: str | None, sample: bytes, whole: bool, encoding: str | None
) -> str:
    if chosen:
        if chosen not in {f.key for f in FORMATS}:
            raise SourceError(UNKNOWN_FORMAT)
        return chosen
    extension = PurePath(filename or path.name).suffix.lower().lstrip(".")
    if extension in _BY_EXTENSION:
        return _BY_EXTENSION[extension]
    if extension in _SAVE_AS:
        raise SourceError(SAVE_AS_XLSX)
    return sniff_format(path, sample, whole, encoding)


def sniff_format(path: Path, sample: bytes, whole: bool, encoding: str | None) -> str:
    """XLSX is a zip holding xl/workbook.xml; vCard starts with BEGIN:VCARD; JSON Lines' first
    line is a JSON object; other text is taken for CSV."""
    if sample.startswith(b"PK\x03\x04"):
        if _is_workbook(path):
            return "xlsx"
        raise SourceError(UNKNOWN_FORMAT)
    if sample.startswith(_OLE):
        raise SourceError(SAVE_AS_XLSX)
    if text.is_binary(sample):
        raise SourceError(UNKNOWN_FORMAT)
    start = text.decode_sample(sample, whole, text.choose_encoding(sample, whole, encoding))
    first = next((line.strip() for line in start.lstrip("\ufeff").splitlines() if line.strip()), "")
    if first.upper().startswith("BEGIN:VCARD"):
        return "vcard"
    if first.startswith("{") and _is_json_object(first):
        return "jsonl"
    return "csv"


def _is_workbook(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as archive:
            return "xl/workbook.xml" in archive.namelist()
    except (OSError, zipfile.BadZipFile):
        return False


def _is_json_object(line: str) -> bool:
    try:
        return isinstance(json.loads(line), dict)
    except (ValueError, RecursionError):
        return False
