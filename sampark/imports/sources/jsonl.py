"""JSON Lines: one JSON object per line, its keys the columns.

The columns are the keys in the order first seen over the first lines (COLUMN_LINES); a key
that first appears later is still in that row's values, under its own name, and the row has no
problem — but no column offers it for mapping. Values become text as in a spreadsheet; a list
of plain values becomes one cell joined by "; ", anything more nested stays as its JSON text.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from sampark.imports.sources import text
from sampark.imports.sources.base import (
    EMPTY_FILE,
    UNDECODABLE,
    Source,
    SourceError,
    SourceRow,
    cell_text,
    cut_long_cells,
    name_columns,
    problems,
)

# How many lines decide the columns.
COLUMN_LINES = 1000

NOT_AN_OBJECT = _("This line is not a JSON object ({…}); it could not be read.")
TOO_LONG = _("This line is far too long to be read.")
JSON_ARRAY = _(
    "This file holds one JSON array; Sampark reads JSON Lines, with one object on each line."
)


@dataclass(frozen=True, kw_only=True)
class JsonLinesSource(Source):
    path: Path
    names: dict[str, str]  # JSON key -> column name (they differ for blank or repeated keys)
    estimate: int | None = None

    def rows(self) -> Iterator[SourceRow]:
        columns, names = self.columns, self.names
        with text.open_text(self.path, self.encoding) as stream:
            for number, (found, problem) in enumerate(_objects(stream), start=1):
                values = dict.fromkeys(columns, "")
                if found:
                    for key, value in found.items():
                        values[names.get(key, key)] = cell_text(value)
                yield SourceRow(number, values, problems(problem, cut_long_cells(values)))

    def count_hint(self) -> int | None:
        return self.estimate


def open_jsonl(path: Path, sample: bytes, whole: bool, encoding: str | None) -> JsonLinesSource:
    text.refuse_binary(sample)
    encoding = text.choose_encoding(sample, whole, encoding)
    if text.decode_sample(sample, whole, encoding).lstrip("\ufeff \t\r\n").startswith("["):
        raise SourceError(JSON_ARRAY)
    keys: dict[str, None] = {}  # an ordered set
    lines = 0
    with text.open_text(path, encoding) as stream:
        for found, _problem in _objects(stream):
            lines += 1
            keys.update(dict.fromkeys(found or ()))
            if lines == COLUMN_LINES:
                break
    if not lines:
        raise SourceError(EMPTY_FILE)
    columns = name_columns(keys)
    return JsonLinesSource(
        format="jsonl",
        columns=columns,
        encoding=encoding,
        path=path,
        names=dict(zip(keys, columns, strict=True)),
        estimate=lines if lines < COLUMN_LINES else _estimate(path, sample),
    )


def _objects(stream: IO[str]) -> Iterator[tuple[dict[str, Any] | None, str | Promise]]:
    """Each non-blank line's object (None if it is not one) and what went wrong reading it."""
    lines = text.Lines(stream)
    while True:
        lines.next_record()
        try:
            line = next(lines, None)
        except text.LineTooLong:
            yield None, TOO_LONG
            continue
        if line is None:
            return
        if not line.strip():
            continue
        damaged = UNDECODABLE if lines.damaged else ""
        try:
            found = json.loads(line.lstrip("\ufeff"))
        except (ValueError, RecursionError):
            found = None
        if isinstance(found, dict):
            yield found, damaged
        else:
            yield None, problems(damaged, NOT_AN_OBJECT)


def _estimate(path: Path, sample: bytes) -> int | None:
    lines = sum(1 for line in sample.splitlines() if line.strip())
    return round(lines * path.stat().st_size / len(sample)) if sample else None
