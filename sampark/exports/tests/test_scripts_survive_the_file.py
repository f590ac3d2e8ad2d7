"""Names and notes in Bengali and Hindi come out as they went in: CSV is UTF-8 with the byte
order mark Excel needs to know it, XLSX holds them natively; the header speaks the user's
language."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sampark.contacts.actions import create_contact
from sampark.exports.tests.reading import csv_records, csv_rows, xlsx_records

pytestmark = pytest.mark.django_db

NAMES = {"রবীন্দ্র চক্রবর্তী": "কলকাতার পুরনো গ্রাহক", "प्रिया शर्मा": "दीवाली पर फ़ोन करें"}


@pytest.fixture
def written(people):  # type: ignore[no-untyped-def]
    for name, notes in NAMES.items():
        create_contact(by=people["agent"], display_name=name, notes=notes, tags=["বিশেষ"])


def test_a_csv_export_starts_with_the_utf8_byte_order_mark_and_keeps_every_script(
    client, people, written, export_url
):  # type: ignore[no-untyped-def]
    client.force_login(people["manager"])

    response = client.get(export_url("contacts"), {"format": "csv", "columns": "all"})

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = csv_records(response)  # checks the mark, then reads UTF-8
    assert {row["Full name"]: row["Notes"] for row in rows} == NAMES
    assert {row["Tags"] for row in rows} == {"বিশেষ"}


def test_an_xlsx_export_keeps_every_script(client, people, written, export_url):  # type: ignore[no-untyped-def]
    client.force_login(people["manager"])

    response = client.get(export_url("contacts"), {"format": "xlsx", "columns": "all"})

    assert {row["Full name"]: row["Notes"] for row in xlsx_records(response)} == NAMES


def test_the_header_is_in_the_users_language(client, people, written, export_url):  # type: ignore[no-untyped-def]
    from django.utils import translation

    from sampark.imports.targets import ImportObject, by_key

    manager = people["manager"]
    manager.language = "bn"
    manager.save()
    client.force_login(manager)
    client.post(reverse("listviews:columns", args=["contacts"]), {"columns": ["email", "phone"]})
    targets = by_key(ImportObject.CONTACTS)
    with translation.override("bn"):
        expected = [str(targets[key].label) for key in ("display_name", "email", "phone")]

    header = csv_rows(client.get(export_url("contacts"), {"format": "csv"}))[0]

    assert header == expected
    assert expected[1] != "Email"  # Bengali indeed
