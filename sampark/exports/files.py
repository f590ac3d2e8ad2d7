"""Rows written out as a download: CSV streamed while the rows are read, XLSX through a temporary
file. Either way memory stays flat however many rows there are."""

from __future__ import annotations

import csv
import tempfile
from collections.abc import Iterable, Iterator

from django.http import FileResponse, HttpResponseBase, StreamingHttpResponse
from openpyxl import Workbook

from sampark.exports.cells import CellKind, Value, csv_cell, inert, xlsx_cell

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
JSON_TYPE = "application/json; charset=utf-8"
# Rows are handed to the server in pieces of about this size, not one write per row.
CHUNK = 64 * 1024
# Excel tells a UTF-8 CSV file by this mark; without it, it reads Bengali or Hindi as mojibake.
BOM = "\ufeff"
SHEET_TITLE_MAX = 31  # Excel's limit


class _Line:
    """Where ``csv.writer`` writes: it hands each line back instead of keeping it."""

    def write(self, line: str) -> str:
        return line


def chunked(pieces: Iterable[str]) -> Iterator[str]:
    """``pieces`` joined into chunks of about ``CHUNK`` characters."""
    pending: list[str] = []
    size = 0
    for piece in pieces:
        pending.append(piece)
        size += len(piece)
        if size >= CHUNK:
            yield "".join(pending)
            pending, size = [], 0
    yield "".join(pending)


def csv_lines(
    header: list[str], kinds: list[CellKind], rows: Iterable[list[Value]]
) -> Iterator[str]:
    writer = csv.writer(_Line())
    yield BOM + writer.writerow([inert(label) for label in header])
    for row in rows:
        yield writer.writerow(
            [csv_cell(value, kind) for value, kind in zip(row, kinds, strict=True)]
        )


def csv_response(
    header: list[str], kinds: list[CellKind], rows: Iterable[list[Value]], filename: str
) -> StreamingHttpResponse:
    response = StreamingHttpResponse(chunked(csv_lines(header, kinds, rows)), content_type=CSV_TYPE)
    return as_download(response, filename)


def xlsx_response(
    header: list[str],
    kinds: list[CellKind],
    rows: Iterable[list[Value]],
    filename: str,
    title: str,
) -> FileResponse:
    # A write-only workbook keeps each row in a temporary file as it is appended, and the saved
    # workbook goes to another one, deleted when the response closes it.
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:SHEET_TITLE_MAX])
    sheet.append([xlsx_cell(sheet, label, CellKind.TEXT) for label in header])
    for row in rows:
        sheet.append(
            [xlsx_cell(sheet, value, kind) for value, kind in zip(row, kinds, strict=True)]
        )
    handle = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it when sent
    workbook.save(handle)
    handle.seek(0)
    response = FileResponse(handle, content_type=XLSX_TYPE)
    return as_download(response, filename)


def as_download[T: HttpResponseBase](response: T, filename: str) -> T:
    """Always a download, never shown or cached on the way: it holds the firm's clients."""
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
