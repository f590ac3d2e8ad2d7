"""What every reader gives: rows of text keyed by column name, a file-level error, and the
rules they share for naming columns and turning cell values into text.

Readers never clean text (that is validation's job, in ``sampark.imports.cells``): a cell comes
out as the file holds it, invisible characters and all. What a reader does promise is that no
record is lost without a word: a record it cannot read whole still comes out, with a
``problem`` saying why.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

# A longer cell is cut here, and its row gets a problem: no field of ours holds that much, and a
# cell this long is more likely a broken quote swallowing the rows after it.
MAX_CELL_CHARS = 50_000
# Column names are labels for people to map, not data; a longer one is a mistake, cut here.
MAX_COLUMN_CHARS = 200

CELL_TOO_LONG = format_lazy(
    _("A cell is longer than {limit} characters; it was cut there."), limit=MAX_CELL_CHARS
)
EXTRA_CELLS = _("This row has more cells than the file has columns; the extra cells were left out.")
EMPTY_FILE = _("The file is empty: it has no row of column names.")
UNDECODABLE = _(
    "Some characters of this row could not be read in the file's encoding; they show as �."
)


@dataclass(frozen=True)
class SourceRow:
    number: int  # 1-based, header and blank records excluded: the "row N" of the error report
    values: dict[str, str]
    problem: str | Promise = ""  # non-empty when the row could not be read whole


class SourceError(Exception):
    """The file as a whole cannot be read; ``message`` says why, in the reader's language."""

    def __init__(self, message: str | Promise) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return str(self.message)


@dataclass(frozen=True)
class Source:
    format: str
    columns: list[str]
    encoding: str = ""
    delimiter: str = ""

    def rows(self) -> Iterator[SourceRow]:
        """The file's rows from the first, each time it is called; the file is streamed.
        Raises SourceError only if the file can no longer be opened."""
        raise NotImplementedError

    def count_hint(self) -> int | None:
        """About how many rows there are, for a progress bar; None when unknown."""
        return None


def problems(*found: str | Promise) -> str | Promise:
    """Several reasons a row is not whole, as one message."""
    present = [problem for problem in found if problem]
    if len(present) <= 1:
        return present[0] if present else ""
    return format_lazy(" ".join(["{}"] * len(present)), *present)


def name_columns(names: Iterable[str]) -> list[str]:
    """A header made usable: names trimmed, blank ones called "Column N" after their position,
    repeated ones numbered ("Email", "Email (2)").

    The names are not translated: a mapping saved against them must still apply when the file
    is read again by a worker running in another language.
    """
    trimmed = [name.strip()[:MAX_COLUMN_CHARS].strip() for name in names]
    if trimmed:
        trimmed[0] = trimmed[0].lstrip("\ufeff").strip()
    named = [name or f"Column {position}" for position, name in enumerate(trimmed, start=1)]
    # A repeat is numbered past any name the header itself holds, so "Email (2)" further on
    # keeps its own name.
    reserved = set(named)
    columns: list[str] = []
    seen: set[str] = set()
    for name in named:
        unique, copy = name, 1
        while unique in seen or (unique != name and unique in reserved):
            copy += 1
            unique = f"{name} ({copy})"
        seen.add(unique)
        columns.append(unique)
    return columns


def values_of(columns: list[str], cells: list[str]) -> tuple[dict[str, str], str | Promise]:
    """The row's values by column (missing cells empty) and a problem if cells were left over."""
    width = len(columns)
    if len(cells) == width:
        return dict(zip(columns, cells, strict=True)), ""
    if len(cells) < width:
        values = dict(zip(columns, cells, strict=False))
        for column in columns[len(cells) :]:
            values[column] = ""
        return values, ""
    # Trailing empty cells (a delimiter at the end of each line) lose nothing.
    lost = any(cells[width:])
    return dict(zip(columns, cells, strict=False)), EXTRA_CELLS if lost else ""


def cut_long_cells(values: dict[str, str]) -> str | Promise:
    """Cut cells over MAX_CELL_CHARS in place; the problem to report if any was."""
    problem: str | Promise = ""
    for column, text in values.items():
        if len(text) > MAX_CELL_CHARS:
            values[column] = text[:MAX_CELL_CHARS]
            problem = CELL_TOO_LONG
    return problem


def cell_text(value: Any) -> str:
    """A typed value (from a spreadsheet or JSON) as the text a person would have typed."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _number_text(value)
    if isinstance(value, datetime.datetime):
        # Spreadsheets keep dates as midnight datetimes; a date is what the user typed.
        if value.time() == datetime.time(0) and value.tzinfo is None:
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, datetime.timedelta):
        return _duration_text(value)
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, list):
        if all(item is None or isinstance(item, str | int | float | bool) for item in value):
            return "; ".join(cell_text(item) for item in value if item is not None)
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _number_text(value: float) -> str:
    # A phone or an ID typed in a spreadsheet comes back as 8801711000000.0: keep it whole.
    if value.is_integer() and abs(value) < 1e21:
        return str(int(value))
    return repr(value)


def _duration_text(value: datetime.timedelta) -> str:
    seconds = round(value.total_seconds())
    sign = "-" if seconds < 0 else ""
    hours, rest = divmod(abs(seconds), 3600)
    return f"{sign}{hours}:{rest // 60:02d}:{rest % 60:02d}"
