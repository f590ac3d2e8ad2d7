"""Excel workbooks are streamed: typed cells become the text a person typed, empty rows are
skipped, every row is read whatever dimension the writer declared, and a damaged workbook is
refused with a message."""

from __future__ import annotations

import datetime
import re
import zipfile

import pytest

from sampark.imports.sources import MAX_CELL_CHARS, SourceError, open_source, xlsx_strings
from sampark.imports.sources.xlsx_strings import StringsOnDisk, shared_strings


def test_the_first_sheet_s_first_row_names_the_columns(contacts_xlsx):
    source = open_source(contacts_xlsx)
    assert (source.format, source.encoding, source.delimiter) == ("xlsx", "", "")
    assert source.columns == ["Full Name", "Email", "Phone", "Born", "Last call", "Active", "Score"]


def test_typed_cells_become_text(contacts_xlsx):
    rows = list(open_source(contacts_xlsx).rows())
    assert rows[0].values == {
        "Full Name": "রহিম উদ্দিন",
        "Email": "rahim@example.com",
        "Phone": "8801711000001",
        "Born": "1980-05-17",
        "Last call": "2024-03-02T14:10:05",
        "Active": "TRUE",
        "Score": "12.5",
    }
    assert rows[1].values["Score"] == "7"
    assert rows[1].values["Active"] == "FALSE"
    assert rows[1].values["Born"] == ""


def test_empty_rows_are_skipped_and_not_counted(contacts_xlsx):
    rows = list(open_source(contacts_xlsx).rows())
    assert [row.number for row in rows] == [1, 2, 3]
    assert rows[1].values["Full Name"] == "प्रबंधन ग्राहक"


def test_formula_like_text_comes_out_as_written(contacts_xlsx):
    last = list(open_source(contacts_xlsx).rows())[-1]
    assert [last.values[c] for c in ("Full Name", "Email", "Phone", "Born")] == [
        "=1+1",
        "@SUM(A1:A2)",
        "-5",
        "+8801711000002",
    ]


def test_another_sheet_may_be_chosen(contacts_xlsx):
    source = open_source(contacts_xlsx, sheet="Notes")
    assert source.columns == ["Ignored"]
    assert [row.values for row in source.rows()] == [{"Ignored": "by default"}]
    assert open_source(contacts_xlsx).sheets == ("Contacts", "Notes")  # type: ignore[attr-defined]


def test_an_unknown_sheet_is_refused(contacts_xlsx):
    with pytest.raises(SourceError) as raised:
        open_source(contacts_xlsx, sheet="Leads")
    assert "Leads" in str(raised.value)


def test_the_header_may_start_below_empty_rows(make_xlsx):
    path = make_xlsx({"S": [[None], [None, None], ["Name", "Email"], ["Rahim", "r@example.com"]]})
    source = open_source(path)
    assert source.columns == ["Name", "Email"]
    assert [row.values for row in source.rows()] == [{"Name": "Rahim", "Email": "r@example.com"}]


def test_an_empty_sheet_is_an_error_and_a_header_only_one_is_not(make_xlsx):
    with pytest.raises(SourceError):
        open_source(make_xlsx({"S": []}, name="empty.xlsx"))
    source = open_source(make_xlsx({"S": [["Name", "Email"]]}, name="header.xlsx"))
    assert list(source.rows()) == []


def test_every_row_is_read_though_the_dimension_says_a1(make_xlsx, redeclare):
    # Some writers declare "A1" whatever the sheet holds; read-only openpyxl would stop there.
    path = make_xlsx(
        {"S": [["Name", "Email"], *([f"P{n}", f"p{n}@example.com"] for n in range(50))]}
    )
    redeclare(path, "A1")
    assert len(list(open_source(path).rows())) == 50


def test_count_hint_is_the_declared_size(make_xlsx):
    path = make_xlsx({"S": [["Name"], *([f"P{n}"] for n in range(40))]})
    assert open_source(path).count_hint() == 40


def test_values_under_a_blank_header_cell_are_kept(make_xlsx):
    path = make_xlsx(
        {"S": [["Name", None, "Email", None], ["Rahim", "note", "r@example.com", "x"]]}
    )
    source = open_source(path)
    assert source.columns == ["Name", "Column 2", "Email", "Column 4"]
    (row,) = source.rows()
    assert row.values["Column 4"] == "x"
    assert row.problem == ""


def test_repeated_header_names_are_numbered(make_xlsx):
    path = make_xlsx({"S": [["Email", "Email", " Email "], ["a@x.com", "b@x.com", "c@x.com"]]})
    assert open_source(path).columns == ["Email", "Email (2)", "Email (3)"]


def test_a_cell_over_the_limit_is_cut_with_a_problem(make_xlsx, rewrite_sheet):
    # Excel stops at 32,767 characters, and so does openpyxl's writer; other writers do not.
    path = make_xlsx({"S": [["Name", "Notes"], ["Long", "LONG"], ["Short", "ok"]]})
    rewrite_sheet(path, lambda xml: xml.replace(">LONG<", ">" + "n" * (MAX_CELL_CHARS + 10) + "<"))
    rows = list(open_source(path).rows())
    assert len(rows[0].values["Notes"]) == MAX_CELL_CHARS
    assert rows[0].problem
    assert rows[1].problem == ""


def test_a_formula_gives_its_last_computed_value(make_xlsx, rewrite_sheet):
    path = make_xlsx(
        {"S": [["Item", "Total"], ["a", "=1+1"], ["b", "=2+2"]]}, formulas=["B2", "B3"]
    )
    # Excel stores the value it last computed beside the formula; openpyxl stores none.
    rewrite_sheet(path, lambda xml: xml.replace("<f>1+1</f><v />", "<f>1+1</f><v>2</v>"))
    assert [row.values["Total"] for row in open_source(path).rows()] == ["2", ""]


def test_more_cells_than_the_declared_width_are_a_problem(make_xlsx, redeclare):
    path = make_xlsx({"S": [["Name", "Email"], ["Rahim", "r@example.com", "stray"]]})
    redeclare(path, "A1:B2")
    (row,) = open_source(path).rows()
    assert row.values == {"Name": "Rahim", "Email": "r@example.com"}
    assert "more cells" in str(row.problem)


def test_a_file_that_is_not_a_workbook_is_refused(tmp_path):
    path = tmp_path / "contacts.xlsx"
    path.write_bytes(b"Name,Email\r\nRahim,r@example.com\r\n")
    with pytest.raises(SourceError) as raised:
        open_source(path)
    assert "XLSX" in str(raised.value)


def test_a_workbook_with_a_broken_sheet_is_refused(make_xlsx, tmp_path):
    good = make_xlsx({"S": [["Name"], ["Rahim"]]})
    broken = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(broken, "w") as target:
        for name in source.namelist():
            content = source.read(name)
            if name == "xl/worksheets/sheet1.xml":
                content = content[: len(content) // 2]
            target.writestr(name, content)
    with pytest.raises(SourceError):
        open_source(broken)


def test_a_sheet_broken_after_the_header_ends_with_a_problem_row(make_xlsx, tmp_path):
    good = make_xlsx({"S": [["Name"], *([f"Person {n}"] for n in range(2000))]})
    broken = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(broken, "w") as target:
        for name in source.namelist():
            content = source.read(name)
            if name == "xl/worksheets/sheet1.xml":
                content = content[: len(content) * 3 // 4]
            target.writestr(name, content)
    rows = list(open_source(broken).rows())
    assert rows[0].values == {"Name": "Person 0"}
    assert all(not row.problem for row in rows[:-1])
    assert "damaged" in str(rows[-1].problem)
    assert rows[-1].number == len(rows)


def test_shared_strings_read_as_openpyxl_reads_them(tmp_path):
    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    xml = (
        f'<sst xmlns="{ns}"><si><t>plain</t></si>'
        '<si><r><rPr><b/></rPr><t>bold </t></r><r><t xml:space="preserve">and not</t></r>'
        "<rPh><t>phonetic guide, left out</t></rPh></si>"
        "<si><t/></si><si><t>রহিম_x005F_x000D_</t></si></sst>"
    )
    path = tmp_path / "sst.xml"
    path.write_text(xml)
    with path.open("rb") as source:
        texts = list(shared_strings(source))
    assert texts == ["plain", "bold and not", "", "রহিম_x000D_"]


def test_shared_strings_on_disk_read_back_in_any_order():
    texts = [f"text {n} রহিম" for n in range(1000)] + ["", "😀"]
    strings = StringsOnDisk(iter(texts))
    try:
        assert len(strings) == len(texts)
        assert [strings[n] for n in (5, 0, 1001, 1000, 999, -1)] == [
            texts[n] for n in (5, 0, 1001, 1000, 999, -1)
        ]
    finally:
        strings.close()


def test_a_large_string_table_is_kept_on_disk_and_read_back(monkeypatch, make_xlsx):
    opened: list[StringsOnDisk] = []

    class Recorded(StringsOnDisk):
        def __init__(self, texts):  # type: ignore[no-untyped-def]
            super().__init__(texts)
            opened.append(self)

    monkeypatch.setattr(xlsx_strings, "IN_MEMORY_BYTES", 0)
    monkeypatch.setattr(xlsx_strings, "StringsOnDisk", Recorded)
    people = [[f"Person {n}", f"p{n}@example.com"] for n in range(3000)]
    path = make_xlsx({"S": [["Name", "Email"], *people]})
    # openpyxl writes inline strings; Excel shares them, as this workbook now does.
    _share_strings(path)
    rows = [list(row.values.values()) for row in open_source(path).rows()]
    assert rows == people
    assert opened
    assert all(strings._file.closed for strings in opened)


def _share_strings(path):  # type: ignore[no-untyped-def]
    """Rewrite the first sheet's inline strings as a shared string table, as Excel writes."""
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    texts: list[str] = []

    def share(match: re.Match[str]) -> str:
        texts.append(match[2])
        return f'<c r="{match[1]}" t="s"><v>{len(texts) - 1}</v></c>'

    sheet = re.sub(
        r'<c r="([A-Z]+\d+)" t="inlineStr"><is><t>(.*?)</t></is></c>',
        share,
        parts["xl/worksheets/sheet1.xml"].decode(),
    )
    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    parts["xl/worksheets/sheet1.xml"] = sheet.encode()
    parts["xl/sharedStrings.xml"] = (
        f'<sst xmlns="{ns}">' + "".join(f"<si><t>{t}</t></si>" for t in texts) + "</sst>"
    ).encode()
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>",
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    )
    rels = "xl/_rels/workbook.xml.rels"
    parts[rels] = parts[rels].replace(
        b"</Relationships>",
        b'<Relationship Id="rIdSst" Type="http://schemas.openxmlformats.org/officeDocument/'
        b'2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
    )
    with zipfile.ZipFile(path, "w") as archive:
        for name, content in parts.items():
            archive.writestr(name, content)


def test_dates_before_1970_and_times_of_day(make_xlsx):
    path = make_xlsx({"S": [["Born", "At"], [datetime.date(1947, 8, 14), datetime.time(9, 30)]]})
    (row,) = open_source(path).rows()
    assert row.values == {"Born": "1947-08-14", "At": "09:30:00"}
