"""Reading an export the way a spreadsheet or a program would: CSV as UTF-8 with its byte
order mark, XLSX through openpyxl, JSON as one document."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from django.http import HttpResponseBase
from openpyxl import load_workbook
from openpyxl.cell.cell import Cell


def body(response: HttpResponseBase) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)  # type: ignore[attr-defined]
    return response.content  # type: ignore[attr-defined, no-any-return]


def csv_rows(response: HttpResponseBase) -> list[list[str]]:
    raw = body(response)
    assert raw.startswith(b"\xef\xbb\xbf"), "a UTF-8 byte order mark, for Excel"
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def csv_records(response: HttpResponseBase) -> list[dict[str, str]]:
    header, *rows = csv_rows(response)
    return [dict(zip(header, row, strict=True)) for row in rows]


def xlsx_cells(response: HttpResponseBase) -> list[list[Cell]]:
    workbook = load_workbook(io.BytesIO(body(response)))
    return [list(row) for row in workbook.worksheets[0].iter_rows()]


def xlsx_rows(response: HttpResponseBase) -> list[list[Any]]:
    return [[cell.value for cell in row] for row in xlsx_cells(response)]


def xlsx_records(response: HttpResponseBase) -> list[dict[str, Any]]:
    header, *rows = xlsx_rows(response)
    return [dict(zip(header, row, strict=True)) for row in rows]


def json_document(response: HttpResponseBase) -> Any:
    return json.loads(body(response).decode("utf-8"))
