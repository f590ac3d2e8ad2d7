"""CSV files are read whatever their encoding, delimiter and quoting; no record is lost without
a problem saying why, and cells come out exactly as the file holds them."""

from __future__ import annotations

import csv
import tracemalloc
from pathlib import Path

import pytest

from sampark.imports.sources import MAX_CELL_CHARS, SourceError, SourceRow, open_source


def read(path: Path, **options: str) -> tuple[list[str], list[SourceRow]]:
    source = open_source(path, **options)
    return source.columns, list(source.rows())


@pytest.mark.parametrize(
    ("name", "encoding", "delimiter"),
    [
        ("contacts_utf8_bom.csv", "utf-8-sig", ","),
        ("contacts_cp1252.csv", "cp1252", ","),
        ("contacts_utf16le_bom.tsv", "utf-16", "\t"),
        ("contacts_tab.tsv", "utf-8", "\t"),
        ("contacts_semicolon.csv", "utf-8", ";"),
        ("contacts_pipe.csv", "utf-8", "|"),
    ],
)
def test_the_encoding_and_delimiter_are_detected(sample_file, name, encoding, delimiter):
    source = open_source(sample_file(name))
    assert (source.format, source.encoding, source.delimiter) == ("csv", encoding, delimiter)
    assert all(not row.problem for row in source.rows())


def test_windows_1252_text_keeps_its_accents_and_smart_quotes(sample_file):
    columns, rows = read(sample_file("contacts_cp1252.csv"))
    assert columns == ["Name", "Email", "City", "Notes"]
    assert rows[0].values["Name"] == "José Müller"
    assert rows[0].values["Notes"] == "\u201cSmart quotes\u201d \u2013 and a dash, 50 €"
    assert rows[2].values["Name"] == "Zoë O\u2019Brien"


def test_a_utf8_byte_order_mark_is_not_part_of_the_first_column_name(sample_file):
    path = sample_file("contacts_utf8_bom.csv")
    assert read(path)[0][0] == "Name"
    # Even when UTF-8 is chosen, which keeps the mark in the text.
    assert read(path, encoding="utf-8")[0][0] == "Name"


def test_utf16_with_bengali_hindi_and_emoji(sample_file):
    columns, rows = read(sample_file("contacts_utf16le_bom.tsv"))
    assert columns == ["Name", "Email", "City"]
    assert [row.values["Name"] for row in rows] == ["রহিম উদ্দিন", "प्रबंधन ग्राहक", "Salma 😀"]


def test_utf16_without_a_byte_order_mark_is_recognised(tmp_path):
    path = tmp_path / "no-bom.csv"
    path.write_bytes("Name,Email\r\nAnita,anita@example.in\r\n".encode("utf-16-le"))
    source = open_source(path)
    assert source.encoding == "utf-16-le"
    assert [row.values for row in source.rows()] == [{"Name": "Anita", "Email": "anita@example.in"}]


def test_conjuncts_and_emoji_sequences_come_out_whole(sample_file):
    _columns, rows = read(sample_file("scripts_bengali_hindi.csv"))
    assert rows[0].values["Notes"] == "ক্লায়েন্ট সম্পর্ক ভালো"
    assert rows[2].values["Full Name"] == "प्रबंधन ग्राहक"
    _columns, rows = read(sample_file("emoji.csv"))
    assert rows[1].values["Full Name"] == "Family 👨\u200d👩\u200d👧"


def test_a_chosen_delimiter_and_encoding_are_used(sample_file):
    source = open_source(sample_file("contacts_semicolon.csv"), delimiter=",", encoding="latin-1")
    assert (source.encoding, source.delimiter) == ("iso8859-1", ",")
    assert source.columns == ["Name;Email;City;Amount;Address"]


def test_tab_may_be_chosen_by_name(sample_file):
    assert open_source(sample_file("contacts_tab.tsv"), delimiter="tab").delimiter == "\t"


def test_commas_inside_cells_do_not_outvote_the_real_delimiter(sample_file):
    _columns, rows = read(sample_file("contacts_semicolon.csv"))
    assert rows[0].values == {
        "Name": "Jürgen Groß",
        "Email": "juergen@example.de",
        "City": "München",
        "Amount": "1.234,50",
        "Address": "Hauptstraße 5, 80331 München",
    }
    assert rows[2].values["Name"] == "Meier; Partner"


def test_quoted_cells_span_lines_and_keep_doubled_quotes(sample_file):
    _columns, rows = read(sample_file("quoted_newlines.csv"))
    assert [row.number for row in rows] == [1, 2, 3]
    assert rows[0].values["Notes"] == "First line\nsecond line\nthird line, with a comma"
    assert rows[1].values["Name"] == 'Karim "KB" Bhai'
    assert rows[2].values["Notes"] == "Ends with a newline\n"


def test_rows_are_numbered_by_record_skipping_blank_lines(sample_file):
    columns, rows = read(sample_file("extra_and_missing_cells.csv"))
    assert columns == ["Name", "Email", "Phone"]
    assert [row.number for row in rows] == [1, 2, 3, 4, 5, 6]
    assert rows[5].values["Name"] == "Row after blanks"


def test_missing_cells_are_empty_and_extra_cells_are_a_problem(sample_file):
    _columns, rows = read(sample_file("extra_and_missing_cells.csv"))
    assert rows[1].values == {"Name": "Missing phone", "Email": "missing@example.com", "Phone": ""}
    assert rows[2].values == {"Name": "Only a name", "Email": "", "Phone": ""}
    extra = rows[3]
    assert extra.values == {
        "Name": "Extra cells",
        "Email": "extra@example.com",
        "Phone": "+8801711000002",
    }
    assert "more cells" in str(extra.problem)
    # Empty cells after the last column lose nothing: no problem.
    assert rows[4].problem == ""


def test_repeated_and_blank_column_names_are_made_unique(sample_file):
    columns, rows = read(sample_file("duplicate_and_blank_headers.csv"))
    assert columns == [
        "Email",
        "Name",
        "Email (3)",
        "Column 4",
        "Phone",
        "Email (2)",
        "Column 7",
        "Column 8",
    ]
    assert rows[0].values["Email (3)"] == "b@example.com"
    assert rows[0].values["Email (2)"] == "c@example.com"
    assert rows[0].values["Column 7"] == "second unnamed"
    assert rows[0].problem == ""


def test_a_truncated_last_row_is_read_with_a_problem(sample_file):
    _columns, rows = read(sample_file("truncated_last_line.csv"))
    assert len(rows) == 2
    assert rows[0].problem == ""
    last = rows[1]
    assert last.number == 2
    assert last.values["Notes"] == "This note never ends\nand the file stops here"
    assert "quotation mark" in str(last.problem)


def test_an_empty_file_is_an_error(sample_file, tmp_path):
    with pytest.raises(SourceError) as raised:
        open_source(sample_file("empty.csv"))
    assert "empty" in str(raised.value)
    blank = tmp_path / "blank.csv"
    blank.write_text("\r\n\r\n  \r\n")
    with pytest.raises(SourceError):
        open_source(blank)


def test_a_header_only_file_has_columns_and_no_rows(sample_file):
    source = open_source(sample_file("header_only.csv"))
    assert source.columns == ["Full Name", "Email", "Phone"]
    assert list(source.rows()) == []
    assert source.count_hint() == 0


def test_nul_bytes_do_not_stop_the_reader(sample_file):
    _columns, rows = read(sample_file("nul_bytes.csv"))
    assert [row.values["Name"] for row in rows] == ["Ra\x00him", "\x00"]


def test_undecodable_bytes_spoil_their_row_only(sample_file):
    source = open_source(sample_file("undecodable_bytes.csv"))
    assert source.encoding == "utf-8"
    rows = list(source.rows())
    assert [bool(row.problem) for row in rows] == [False, False, True, False]
    assert rows[2].values["Name"] == "Bro\ufffdken \ufffd("
    assert rows[3].values["Name"] == "प्रबंधन ग्राहक"


def test_a_cell_over_the_limit_is_cut_and_its_row_has_a_problem(sample_file):
    _columns, rows = read(sample_file("long_cell.csv"))
    assert [row.problem == "" for row in rows] == [True, False, True]
    assert len(rows[1].values["Notes"]) == MAX_CELL_CHARS
    assert "50000" in str(rows[1].problem)
    assert rows[2].values["Notes"] == "still read"


def test_a_quote_left_open_mid_file_costs_one_row_with_a_problem(tmp_path):
    path = tmp_path / "runaway.csv"
    lines = ["Name,Notes", 'Broken,"never closed', *(f"Person {n},note {n}" for n in range(30_000))]
    path.write_text("\n".join(lines) + "\n")
    rows = list(open_source(path).rows())
    broken = [row for row in rows if row.problem]
    assert len(broken) == 1
    assert broken[0].number == 1
    # The reader starts again after the damage: later rows are read, and none silently lost.
    assert rows[-1].values == {"Name": "Person 29999", "Notes": "note 29999"}
    assert [row.number for row in rows] == list(range(1, len(rows) + 1))


def test_a_line_too_long_to_hold_is_a_problem_row(tmp_path):
    path = tmp_path / "long-line.csv"
    path.write_text("Name,Notes\nHuge," + "x" * 2_000_000 + "\nAfter,fine\n")
    rows = list(open_source(path).rows())
    assert [(row.number, bool(row.problem)) for row in rows] == [(1, True), (2, False)]
    assert rows[1].values == {"Name": "After", "Notes": "fine"}


@pytest.mark.parametrize(
    "name",
    ["formulas.csv", "script_payloads.csv", "invisible_controls.csv", "invalid_emails_phones.csv"],
)
def test_cells_come_out_exactly_as_written(sample_file, name):
    # Cleaning and escaping are later steps' work: the reader changes nothing.
    path = sample_file(name)
    with path.open(encoding="utf-8", newline="") as file:
        expected = list(csv.reader(file))
    _columns, rows = read(path)
    assert [list(row.values.values()) for row in rows] == expected[1:]
    assert all(not row.problem for row in rows)


def test_invisible_controls_are_kept(sample_file):
    _columns, rows = read(sample_file("invisible_controls.csv"))
    assert rows[0].values["Name"] == "Rahim\u200b Uddin"
    assert rows[1].values["Email"] == "\u200fsalma@example.com"
    assert rows[2].values["Email"] == "\u202emoc.elpmaxe@mirak"


def test_duplicate_rows_are_all_read(sample_file):
    _columns, rows = read(sample_file("duplicates.csv"))
    assert len(rows) == 5
    assert rows[0].values == rows[2].values | {"Phone": "+880 1711-000001"}


def test_rows_start_over_each_time(sample_file):
    source = open_source(sample_file("quoted_newlines.csv"))
    assert list(source.rows()) == list(source.rows())


def test_count_hint_is_exact_for_a_small_file_and_close_for_a_large_one(sample_file, tmp_path):
    assert open_source(sample_file("extra_and_missing_cells.csv")).count_hint() == 6
    path = tmp_path / "large.csv"
    with path.open("w", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(["Name", "Email"])
        writer.writerows([f"Person {n}", f"p{n}@example.com"] for n in range(20_000))
    hint = open_source(path).count_hint()
    assert hint is not None
    assert 18_000 < hint < 22_000


def test_rows_stream_in_constant_memory(tmp_path):
    path = tmp_path / "big.csv"
    path.write_text(
        "Name,Email,Phone\n"
        + "".join(f"Person {n},p{n}@example.com,+8801711{n:06d}\n" for n in range(100_000))
    )
    source = open_source(path)
    tracemalloc.start()
    try:
        count = sum(1 for _row in source.rows())
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 100_000
    # The file is 4 MB, its rows as objects several times that: none of it is ever held.
    assert peak < 1024 * 1024


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8"])
def test_a_plainly_wrong_encoding_is_refused(sample_file, encoding):
    # UTF-16 for 8-bit text, UTF-8 for UTF-16 text.
    name = "contacts_tab.tsv" if encoding == "utf-16" else "contacts_utf16le_bom.tsv"
    with pytest.raises(SourceError) as raised:
        open_source(sample_file(name), encoding=encoding)
    assert encoding.upper() in str(raised.value).upper()


def test_an_unknown_encoding_or_delimiter_is_refused(sample_file):
    with pytest.raises(SourceError):
        open_source(sample_file("duplicates.csv"), encoding="klingon-8")
    with pytest.raises(SourceError):
        open_source(sample_file("duplicates.csv"), delimiter=";;")
