"""Excel workbooks (XLSX), streamed with openpyxl's read-only mode: one row in memory at a time.

Cells come out as text the way Excel shows their meaning: dates as ISO 8601, whole numbers
without ".0" (phones and IDs typed as numbers), booleans as TRUE/FALSE, formulas as their last
computed value (a file written by a program that never computed them gives empty cells).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet._read_only import ReadOnlyWorksheet

from sampark.imports.sources.base import (
    EMPTY_FILE,
    Source,
    SourceError,
    SourceRow,
    cell_text,
    cut_long_cells,
    name_columns,
    problems,
    values_of,
)
from sampark.imports.sources.xlsx_strings import StreamingReader, StringsOnDisk

# More columns than any real export has: a declared width beyond is a writer's mistake.
_MAX_COLUMNS = 1000

CORRUPT = _("This XLSX file is damaged or is not really an Excel workbook; it cannot be read.")
REST_UNREADABLE = _(
    "The workbook is damaged from this row on: this row and any after it could not be read."
)


@dataclass(frozen=True, kw_only=True)
class XlsxSource(Source):
    path: Path
    sheet: str  # the sheet read
    sheets: tuple[str, ...] = ()  # every sheet of the workbook, in order, to offer a choice
    estimate: int | None = None

    def rows(self) -> Iterator[SourceRow]:
        columns = self.columns
        number = 0
        with _open(self.path) as workbook:
            records = _records(_sheet(workbook, self.sheet))
            try:
                next(records, None)  # the header, read when the file was opened
                for cells in records:
                    number += 1
                    values, extra = values_of(columns, cells)
                    yield SourceRow(number, values, problems(cut_long_cells(values), extra))
            except _Unreadable:
                yield SourceRow(number + 1, dict.fromkeys(columns, ""), REST_UNREADABLE)

    def count_hint(self) -> int | None:
        return self.estimate


def open_xlsx(path: Path, sheet: str | None) -> XlsxSource:
    with _open(path) as workbook:
        worksheet = _sheet(workbook, sheet)
        # What the writer declared: for the progress bar, and to name columns whose header
        # cell is empty; never to decide which rows to read (see _records).
        declared_rows, declared_columns = worksheet.max_row, worksheet.max_column
        try:
            header = next(_records(worksheet), None)
        except _Unreadable as error:
            raise SourceError(CORRUPT) from error
        if header is None:
            raise SourceError(EMPTY_FILE)
        return XlsxSource(
            format="xlsx",
            columns=name_columns(_header_cells(header, declared_columns)),
            path=path,
            sheet=worksheet.title,
            sheets=tuple(workbook.sheetnames),
            estimate=declared_rows - 1 if declared_rows and declared_rows > 1 else None,
        )


@contextmanager
def _open(path: Path) -> Iterator[Workbook]:
    """The workbook as load_workbook(read_only=True, data_only=True) opens it, but with its
    shared strings kept out of memory; closed on leaving."""
    try:
        file = path.open("rb")
    except OSError as error:
        raise SourceError(_("The file could not be opened.")) from error
    # Given a file rather than a name, openpyxl does not judge the file by its extension.
    with file:
        try:
            reader = StreamingReader(file, read_only=True, data_only=True, keep_links=False)
            reader.read()
        except Exception as error:  # a damaged zip or XML fails in many ways
            raise SourceError(CORRUPT) from error
        try:
            yield reader.wb
        finally:
            reader.archive.close()
            if isinstance(reader.shared_strings, StringsOnDisk):
                reader.shared_strings.close()


def _sheet(workbook: Workbook, name: str | None) -> ReadOnlyWorksheet:
    worksheets = workbook.worksheets
    if name is None:
        if not worksheets:
            raise SourceError(EMPTY_FILE)
        worksheet = worksheets[0]
    else:
        found = [ws for ws in worksheets if ws.title == name]
        if not found:
            raise SourceError(
                format_lazy(_("The workbook has no sheet named “{name}”."), name=name)
            )
        worksheet = found[0]
    assert isinstance(worksheet, ReadOnlyWorksheet)  # read_only=True gives these
    return worksheet


def _header_cells(cells: list[str], declared_columns: int | None) -> list[str]:
    """The header without the empty cells a sheet's formatting leaves at its end, but as wide
    as the declared data: a column of values without a heading is still a column."""
    while cells and not cells[-1].strip():
        cells.pop()
    width = min(declared_columns or 0, _MAX_COLUMNS)
    return cells + [""] * (width - len(cells))


class _Unreadable(Exception):
    """The sheet's XML broke off: nothing after this point can be read."""


def _records(worksheet: ReadOnlyWorksheet) -> Iterator[list[str]]:
    """The sheet's rows that hold anything, as text; the first is the header."""
    # Read-only openpyxl stops at the dimension the writer declared, and some writers declare
    # "A1" whatever the sheet holds: forget it, or rows would be lost.
    worksheet.reset_dimensions()
    # The stubs type iter_rows for Worksheet, which lends it to ReadOnlyWorksheet.
    rows = worksheet.iter_rows(values_only=True)  # type: ignore[misc]
    while True:
        try:
            row = next(rows)
        except StopIteration:
            return
        except Exception as error:  # openpyxl raises anything on a broken part
            raise _Unreadable from error
        if any(value is not None and value != "" for value in row):
            yield [cell_text(value) for value in row]
