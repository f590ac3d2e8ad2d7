"""The reading side of imports: a file (CSV, XLSX, vCard, JSON Lines) as named columns and a
stream of rows of text. Nothing here writes to the database. See the README's "Reading files".
"""

from __future__ import annotations

from pathlib import Path

from sampark.imports.sources import text
from sampark.imports.sources.base import (
    MAX_CELL_CHARS,
    Source,
    SourceError,
    SourceRow,
)
from sampark.imports.sources.delimited import DELIMITERS, open_csv
from sampark.imports.sources.formats import FORMATS, FileFormat, choose_format
from sampark.imports.sources.jsonl import open_jsonl
from sampark.imports.sources.text import ENCODINGS
from sampark.imports.sources.vcard import VCARD_COLUMNS, open_vcard
from sampark.imports.sources.xlsx import open_xlsx

__all__ = [
    "DELIMITERS",
    "ENCODINGS",
    "FORMATS",
    "MAX_CELL_CHARS",
    "VCARD_COLUMNS",
    "FileFormat",
    "Source",
    "SourceError",
    "SourceRow",
    "open_source",
]


def open_source(
    path: Path,
    *,
    filename: str = "",
    format: str | None = None,
    encoding: str | None = None,
    delimiter: str | None = None,
    sheet: str | None = None,
) -> Source:
    """The file at ``path`` ready to read: its format, columns and how to stream its rows.

    ``filename`` is the name it was uploaded with (``path`` may be a stored name); ``format``,
    ``encoding``, ``delimiter`` and ``sheet`` override what would be detected. Raises
    SourceError when the file as a whole cannot be read.
    """
    sample, whole = text.read_sample(path)
    chosen = choose_format(path, filename, format, sample, whole, encoding)
    if chosen == "xlsx":
        return open_xlsx(path, sheet)
    if chosen == "vcard":
        return open_vcard(path, sample, whole, encoding)
    if chosen == "jsonl":
        return open_jsonl(path, sample, whole, encoding)
    return open_csv(path, sample, whole, encoding, delimiter)
