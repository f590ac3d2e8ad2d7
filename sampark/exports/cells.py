"""What goes into one cell of an exported spreadsheet, made safe to open: the one place that
knows how (OWASP's guidance on CSV injection).

A spreadsheet reads a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a formula, and some
also after a tab or a carriage return; a formula can run commands (DDE) or send the sheet's data
to any address (``=HYPERLINK``). Anyone who can type a contact's name or a note could plant one
for whoever opens the export. So a text cell starting with one of them gets a leading ``'``,
which spreadsheets take to mean "this is text", in CSV and XLSX alike; in XLSX the cell is also
stored as a string, which is never evaluated. Numbers and yes/no values are written as what
they are, never as text that looks like them.
"""

from __future__ import annotations

import datetime
import enum
from decimal import Decimal

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"

type Value = str | int | float | Decimal | bool | None


class CellKind(enum.Enum):
    TEXT = "text"
    PHONE = "phone"  # E.164: always starts with +
    NUMBER = "number"
    BOOLEAN = "boolean"


def inert(text: str) -> str:
    """``text`` as a spreadsheet will show it rather than run it."""
    return QUOTE + text if text.startswith(FORMULA_STARTS) else text


def restored(text: str) -> str:
    """What ``inert`` was given, for an importer reading an export back. (A value that itself
    began with a quote and then one of those characters loses its quote: a price worth paying
    for never running one.)"""
    if text.startswith(QUOTE) and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text


def iso(moment: datetime.datetime | None, zone: datetime.tzinfo) -> str:
    """A moment as ISO 8601 in the reader's time zone, to the second: 2026-03-01T16:00:00+06:00."""
    return moment.astimezone(zone).isoformat(timespec="seconds") if moment else ""


def csv_cell(value: Value, kind: CellKind) -> str:
    if value is None:
        return ""
    if kind is CellKind.BOOLEAN:
        return "true" if value else "false"
    if kind is CellKind.NUMBER and not isinstance(value, str):
        return str(value)
    # Phones too: Excel opens "+8801711000001" as the formula +8801711000001, that is a number
    # shown as 8.80171E+12 with its plus gone, and a crafted "+" cell as any formula. The quote
    # keeps every one of them text; importers take it off again (``restored``).
    return inert(str(value))


def xlsx_cell(sheet: WriteOnlyWorksheet, value: Value, kind: CellKind) -> object:
    """The value to append to a row of ``sheet``: a number or boolean as itself, text as a cell
    that is a string whatever it holds, nothing as no cell at all."""
    if value is None or value == "":
        return None
    if kind is CellKind.BOOLEAN:
        return bool(value)
    if kind is CellKind.NUMBER and not isinstance(value, str | bool):
        return value
    # XLSX cannot hold control characters other than tab and line breaks; a stray one (pasted
    # from another program) must not fail the whole export.
    text = ILLEGAL_CHARACTERS_RE.sub("", str(value))
    if kind is not CellKind.PHONE:
        text = inert(text)
    if text.startswith("=") or text in ERROR_CODES:
        # openpyxl would store these as a formula or an error value: say it is a string.
        cell = WriteOnlyCell(sheet, value=text)
        cell.data_type = "s"
        return cell
    return text
