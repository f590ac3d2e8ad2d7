"""CSV and other delimited text: any of , ; tab | as the delimiter, quoted cells spanning lines,
any encoding.

Python's csv module does the parsing, fed by ``text.Lines`` so that a damaged line, a runaway
record and the end of the file are noticed. Its non-strict mode reads whatever it is given;
the one thing it hides — that the file ended inside a quoted cell — is found by feeding it an
end marker after the last line: the marker comes back as a record of its own, unless a quote
left open swallowed it into the last cell.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from sampark.imports.sources import text
from sampark.imports.sources.base import (
    CELL_TOO_LONG,
    EMPTY_FILE,
    MAX_CELL_CHARS,
    UNDECODABLE,
    Source,
    SourceError,
    SourceRow,
    name_columns,
    problems,
    values_of,
)

DELIMITERS = ((",", _("Comma")), (";", _("Semicolon")), ("\t", _("Tab")), ("|", _("Vertical bar")))
# How many records of the sample vote on the delimiter.
_SNIFF_RECORDS = 50
# A Unicode noncharacter: never in a real file, so never taken for its data.
_END = "\ufdd0\x00sampark:end-of-file"
_QUOTED = re.compile(r'"[^"]*"')

BAD_HEADER = _(
    "The first row, which should name the columns, could not be read: a quotation mark is "
    "opened and never closed, or the row is far too long."
)
CUT_SHORT = _(
    "The file ends inside this row (a quotation mark is opened and never closed), so the row "
    "may be incomplete."
)
UNREADABLE = _(
    "This row could not be read: it is too long, or a quotation mark left open took in the "
    "lines after it."
)

Record = tuple[list[str], str | Promise]


@dataclass(frozen=True, kw_only=True)
class CsvSource(Source):
    path: Path
    estimate: int | None = None

    def rows(self) -> Iterator[SourceRow]:
        columns = self.columns
        number = 0
        with text.open_text(self.path, self.encoding) as stream:
            records = _records(stream, self.delimiter)
            next(records, None)  # the header, read when the file was opened
            for cells, problem in records:
                number += 1
                values, extra = values_of(columns, cells)
                yield SourceRow(number, values, problems(problem, extra) if extra else problem)

    def count_hint(self) -> int | None:
        return self.estimate


def open_csv(
    path: Path, sample: bytes, whole: bool, encoding: str | None, delimiter: str | None
) -> CsvSource:
    text.refuse_binary(sample)
    encoding = text.choose_encoding(sample, whole, encoding)
    sample_text = text.decode_sample(sample, whole, encoding)
    delimiter = _check_delimiter(delimiter) if delimiter else sniff_delimiter(sample_text, whole)
    with text.open_text(path, encoding) as stream:
        header = next(_records(stream, delimiter), None)
    if header is None:
        raise SourceError(EMPTY_FILE)
    cells, _problem = header
    return CsvSource(
        format="csv",
        columns=name_columns(cells),
        encoding=encoding,
        delimiter=delimiter,
        path=path,
        estimate=_estimate(path, sample, whole, sample_text, delimiter),
    )


def sniff_delimiter(sample_text: str, whole: bool) -> str:
    """The candidate that splits the first records most consistently, outside quoted cells.

    csv.Sniffer guesses from character frequencies and is often wrong on real exports (a comma
    in every address of a semicolon file); here a delimiter must occur in the header, and the
    one whose count per record agrees with the header's most often wins, then the one that
    makes more columns.
    """
    unquoted = _QUOTED.sub("", sample_text)
    lines = [line for line in unquoted.splitlines() if line.strip()]
    if not whole and len(lines) > 1:
        lines.pop()  # probably cut off by the sample's end
    lines = lines[:_SNIFF_RECORDS]
    best, best_score = ",", (0.0, 0)
    for delimiter, _label in DELIMITERS:
        counts = [line.count(delimiter) for line in lines]
        if not counts or not counts[0]:
            continue
        agreeing = sum(count == counts[0] for count in counts) / len(counts)
        score = (agreeing, counts[0])
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _check_delimiter(delimiter: str) -> str:
    delimiter = {"\\t": "\t", "tab": "\t"}.get(delimiter.lower(), delimiter)
    if len(delimiter) != 1 or delimiter in '"\r\n':
        raise SourceError(_("The delimiter must be one character, not a quote or a line break."))
    return delimiter


def _records(stream: IO[str], delimiter: str) -> Iterator[Record]:
    """The non-blank records of the stream as cells, each with the problem that spoiled it; the
    first is the header, and SourceError if it cannot be read."""
    lines = text.Lines(stream, end=_END)
    reader = csv.reader(lines, delimiter=delimiter, quotechar='"', doublequote=True, strict=False)
    header = True
    while True:
        lines.next_record()
        try:
            cells = next(reader)
        except StopIteration:
            return
        except (csv.Error, text.LineTooLong) as error:
            if header:
                raise SourceError(BAD_HEADER) from error
            # The reader starts afresh at the next line: the damage stays in this record.
            yield [], UNREADABLE
            continue
        if lines.ended:
            if cells != [_END]:
                if header:
                    raise SourceError(BAD_HEADER)
                cells[-1] = cells[-1].removesuffix(_END)
                yield cells, problems(_damage(cells, lines), CUT_SHORT)
            return
        if not any(cells) or ((header or len(cells) == 1) and _blank(cells)):
            continue
        header = False
        yield cells, _damage(cells, lines)


def _blank(cells: list[str]) -> bool:
    """Spaces on their own line, or (before the header) a record of nothing but spaces."""
    return not any(cell.strip() for cell in cells)


def _damage(cells: list[str], lines: text.Lines) -> str | Promise:
    """What went wrong in the record just read: undecodable bytes, or a cell cut to length."""
    cut: str | Promise = ""
    if lines.size > MAX_CELL_CHARS:  # only then can a cell be too long: no need to look
        for position, cell in enumerate(cells):
            if len(cell) > MAX_CELL_CHARS:
                cells[position] = cell[:MAX_CELL_CHARS]
                cut = CELL_TOO_LONG
    return problems(UNDECODABLE if lines.damaged else "", cut)


def _estimate(
    path: Path, sample: bytes, whole: bool, sample_text: str, delimiter: str
) -> int | None:
    """Rows in the file: counted when the sample is all of it, else scaled from the sample."""
    try:
        in_sample = sum(1 for _record in _records(io.StringIO(sample_text), delimiter))
    except SourceError:  # a header longer than the sample
        return None
    if whole:
        return max(in_sample - 1, 0)
    return max(round((in_sample - 1) * path.stat().st_size / len(sample)), 0)
