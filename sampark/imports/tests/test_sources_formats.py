"""Which reader a file gets: the format chosen, else its name's extension, else its content;
files Sampark cannot read are refused with a message, never misread."""

from __future__ import annotations

import random
import shutil
import zipfile

import pytest

from sampark.imports.sources import FORMATS, SourceError, open_source
from sampark.imports.tests.conftest import FILES


@pytest.mark.parametrize(
    ("name", "format"),
    [
        ("duplicates.csv", "csv"),
        ("contacts_tab.tsv", "csv"),
        ("contacts_v3.vcf", "vcard"),
        ("contacts.jsonl", "jsonl"),
    ],
)
def test_the_extension_names_the_format(sample_file, name, format):
    assert open_source(sample_file(name)).format == format


@pytest.mark.parametrize(
    ("name", "format"),
    [
        ("duplicates.csv", "csv"),
        ("contacts_v3.vcf", "vcard"),
        ("contacts_v21_quoted_printable.vcf", "vcard"),
        ("contacts.jsonl", "jsonl"),
        ("contacts_utf16le_bom.tsv", "csv"),
    ],
)
def test_without_a_known_extension_the_content_tells(sample_file, tmp_path, name, format):
    stored = tmp_path / "upload-7f3a"  # as an upload may be stored
    shutil.copy(sample_file(name), stored)
    assert open_source(stored).format == format
    assert open_source(stored, filename="export.txt").format == format


def test_an_xlsx_is_recognised_by_its_content(contacts_xlsx, tmp_path):
    stored = tmp_path / "upload-1"
    shutil.copy(contacts_xlsx, stored)
    source = open_source(stored)
    assert source.format == "xlsx"
    assert source.columns[0] == "Full Name"


def test_the_uploaded_name_counts_over_the_stored_one(sample_file, tmp_path):
    stored = tmp_path / "upload.bin"
    shutil.copy(sample_file("contacts.jsonl"), stored)
    assert open_source(stored, filename="people.jsonl").format == "jsonl"


def test_a_chosen_format_wins(sample_file):
    # A vCard read as CSV is a CSV of one column: the user asked for it.
    source = open_source(sample_file("contacts_v4.vcf"), format="csv")
    assert source.format == "csv"
    assert source.columns == ["BEGIN:VCARD"]


@pytest.mark.parametrize("chosen", ["xls", "pdf", "CSV "])
def test_an_unknown_chosen_format_is_refused(sample_file, chosen):
    with pytest.raises(SourceError):
        open_source(sample_file("duplicates.csv"), format=chosen)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, "XLSX"),  # an old .xls
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + b"\x00" * 64, "CSV, XLSX"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "CSV, XLSX"),
    ],
)
def test_binary_files_are_refused(tmp_path, content, message):
    path = tmp_path / "upload"
    path.write_bytes(content)
    with pytest.raises(SourceError) as raised:
        open_source(path)
    assert message in str(raised.value)


def test_a_zip_that_is_not_a_workbook_is_refused(tmp_path):
    path = tmp_path / "archive"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(SourceError):
        open_source(path)


@pytest.mark.parametrize("extension", ["csv", "vcf", "jsonl"])
def test_a_spreadsheet_under_a_text_name_is_refused(contacts_xlsx, tmp_path, extension):
    path = tmp_path / f"contacts.{extension}"
    shutil.copy(contacts_xlsx, path)
    with pytest.raises(SourceError) as raised:
        open_source(path)
    assert "not a text file" in str(raised.value)


def test_old_excel_files_are_refused_by_name(tmp_path):
    path = tmp_path / "contacts.xls"
    path.write_bytes(b"anything")
    with pytest.raises(SourceError) as raised:
        open_source(path)
    assert "XLSX" in str(raised.value)


def test_a_missing_file_is_a_source_error(tmp_path):
    with pytest.raises(SourceError):
        open_source(tmp_path / "gone.csv")


def test_formats_list_labels_and_extensions():
    assert [f.key for f in FORMATS] == ["csv", "xlsx", "vcard", "jsonl"]
    assert all(f.extensions and str(f.label) for f in FORMATS)


def _readable_samples() -> list[str]:
    unreadable = {"empty.csv", "array.json", "generate.py"}
    return sorted(p.name for p in FILES.iterdir() if p.name not in unreadable)


@pytest.mark.parametrize("name", _readable_samples())
def test_a_file_opened_again_with_what_was_detected_reads_the_same(sample_file, name):
    # A job stores the format, encoding and delimiter found at upload and reopens with them.
    first = open_source(sample_file(name))
    again = open_source(
        sample_file(name),
        format=first.format,
        encoding=first.encoding or None,
        delimiter=first.delimiter or None,
    )
    assert (again.columns, again.encoding, again.delimiter) == (
        first.columns,
        first.encoding,
        first.delimiter,
    )
    assert list(again.rows()) == list(first.rows())


def test_damaged_files_give_problem_rows_or_a_source_error_never_a_crash(tmp_path):
    samples = sorted(p for p in FILES.iterdir() if p.suffix != ".py")
    junk = [b'"', b"\x00", b"\r", b"\n", b",", b"\xff", b"\xc3", b"BEGIN:VCARD\r\n", b"{", b"\\"]
    chance = random.Random(20261124)  # noqa: S311 -- the same damage every run; no secret
    for attempt in range(150):
        data = bytearray(chance.choice(samples).read_bytes())
        for _ in range(chance.randint(1, 8)):
            at = chance.randrange(len(data) + 1)
            cut = chance.random()
            if cut < 0.4:
                data[at:at] = chance.choice(junk)
            elif cut < 0.7:
                del data[at : at + chance.randint(1, 50)]
            else:
                data = data[:at]
        path = tmp_path / f"damaged-{attempt}"
        path.write_bytes(bytes(data))
        for options in (
            {},
            {"encoding": "utf-8"},
            {"format": chance.choice(["csv", "vcard", "jsonl"])},
        ):
            try:
                source = open_source(path, **options)
            except SourceError:
                continue
            for row in source.rows():
                assert all(isinstance(value, str) for value in row.values.values())
