"""An exported file is a file Sampark's import reads: every column is mapped by itself, in either
header style, and the values come back as they went out (once the import takes off the quote
that kept a formula-looking cell inert)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sampark.contacts.actions import create_contact
from sampark.customfields.models import FieldKind
from sampark.customfields.tests.factories import define
from sampark.exports.cells import restored
from sampark.exports.tests.reading import body

sources = pytest.importorskip(
    "sampark.imports.sources", reason="the importer's reader (sampark.imports) is not there yet"
)
mapping = pytest.importorskip("sampark.imports.mapping", reason="the importer's column mapping")

pytestmark = pytest.mark.django_db

# What an export writes that no import fills.
NOT_IMPORTED = {"id", "created_at", "updated_at"}


@pytest.fixture
def written(people):  # type: ignore[no-untyped-def]
    define(FieldKind.MULTI_CHOICE, "interests", label="Interests", options=["bonds", "gold"])
    return create_contact(
        by=people["agent"],
        display_name="प्रिया शर्मा",
        emails=["priya@example.com", "priya@home.example"],
        phone="+919812345678",
        country="IN",
        tags=["vip", "-new"],
        custom={"interests": ["bonds", "gold"]},
    )


@pytest.mark.parametrize("extension", ["csv", "xlsx"])
@pytest.mark.parametrize("header", ["labels", "keys"])
def test_every_column_of_an_export_maps_to_its_field_by_itself(
    client, people, written, export_url, tmp_path, extension, header
):  # type: ignore[no-untyped-def]
    client.force_login(people["manager"])
    response = client.get(
        export_url("contacts"), {"format": extension, "columns": "all", "header": header}
    )
    path = Path(tmp_path, f"export.{extension}")
    path.write_bytes(body(response))

    source = sources.open_source(path, filename=path.name)
    suggested = mapping.suggest(source.columns, "contacts")
    (row,) = list(source.rows())

    unmapped = {column for column, key in suggested.items() if not key}
    assert len(unmapped) == len(NOT_IMPORTED)
    by_key = {suggested[column]: restored(value) for column, value in row.values.items()}
    assert by_key["display_name"] == "प्रिया शर्मा"
    assert by_key["email"] == "priya@example.com; priya@home.example"
    assert by_key["phone"] == "+919812345678"
    assert by_key["tags"] == "-new; vip"
    assert by_key["custom.interests"] == "bonds; gold"
    assert by_key["owner"] == "agent"
