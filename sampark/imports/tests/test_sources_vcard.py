"""vCard files of every version give one row per card in fixed columns; a broken card is one
row with a problem, and the cards around it are read."""

from __future__ import annotations

import pytest

from sampark.imports.sources import VCARD_COLUMNS, SourceError, open_source


def rows_of(path):  # type: ignore[no-untyped-def]
    return list(open_source(path).rows())


def test_columns_are_fixed_with_as_many_emails_and_phones_as_a_card_has(sample_file):
    source = open_source(sample_file("contacts_v3.vcf"))
    assert source.format == "vcard"
    assert source.columns == [
        "Full Name", "Given Name", "Family Name", "Organization", "Title",
        "Email 1", "Email 2", "Email 3", "Phone 1", "Phone 2",
        "Street", "City", "Region", "Postal Code", "Country", "Note", "Categories", "UID",
    ]  # fmt: skip
    assert source.count_hint() == 3


def test_a_file_of_single_email_cards_has_the_usual_columns(sample_file):
    assert tuple(open_source(sample_file("broken_cards.vcf")).columns) == VCARD_COLUMNS


def test_a_version_3_card(sample_file):
    first = rows_of(sample_file("contacts_v3.vcf"))[0]
    assert first.number == 1
    assert first.problem == ""
    assert first.values == {
        "Full Name": "Rahim Uddin",
        "Given Name": "Rahim",
        "Family Name": "Uddin",
        "Organization": "Padma Traders",
        "Title": "Head of Purchasing",
        "Email 1": "rahim@padmatraders.com.bd",
        "Email 2": "rahim.uddin@gmail.com",
        "Email 3": "r.uddin@example.org",
        "Phone 1": "+880 1711-000001",
        "Phone 2": "+880 2-9660001",
        "Street": "House 12, Road 5, Suite 4",
        "City": "Dhaka",
        "Region": "Dhaka Division",
        "Postal Code": "1209",
        "Country": "Bangladesh",
        "Note": "Met at the trade fair.\nPrefers calls in the morning; never on Fridays.",
        "Categories": "Clients; VIP",
        "UID": "urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1",
    }


def test_folded_lines_and_bengali_and_hindi_names(sample_file):
    _first, second, third = rows_of(sample_file("contacts_v3.vcf"))
    assert second.values["Full Name"] == "শ্রাবন্তী চক্রবর্তী"
    assert second.values["Organization"] == "ক্লায়েন্ট কেয়ার লিমিটেড"
    assert second.values["Note"] == (
        "A long note that is folded over several lines as vCard 3.0 allows, the continuation "
        "lines starting with one space that is not part of the text."
    )
    assert (third.values["Given Name"], third.values["Family Name"]) == ("प्रबंधन", "ग्राहक")
    # Cards with fewer emails than the most leave the other columns empty.
    assert (second.values["Email 2"], third.values["Phone 1"]) == ("", "")


def test_a_version_4_card_with_phone_uris(sample_file):
    (card,) = rows_of(sample_file("contacts_v4.vcf"))
    assert card.values["Phone 1"] == "+91-98765-43210"
    assert card.values["Phone 2"] == "+91-80-2222-3333"
    assert card.values["Email 1"] == "anita@gangaexports.in"
    assert card.values["Country"] == "India"


def test_version_2_1_quoted_printable_in_its_charset(sample_file):
    bengali, german = rows_of(sample_file("contacts_v21_quoted_printable.vcf"))
    assert bengali.values["Full Name"] == "রহিম উদ্দিন"
    assert (bengali.values["Given Name"], bengali.values["Family Name"]) == ("রহিম", "উদ্দিন")
    assert bengali.values["Organization"] == "সম্পর্ক ট্রেডার্স"
    assert (bengali.values["Phone 1"], bengali.values["Phone 2"]) == (
        "+8801711000001",
        "+88029660001",
    )
    assert german.values["Full Name"] == "José Müller"


def test_unescaped_commas_are_kept(tmp_path):
    # vCard 2.1 never escapes commas; a reader that splits at them loses the rest of the text.
    path = tmp_path / "commas.vcf"
    path.write_text(
        "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Uddin, Rahim\r\nNOTE:Met at the fair, likes tea\r\n"
        "TITLE:Director, Sales\r\nEND:VCARD\r\n"
    )
    (card,) = rows_of(path)
    assert card.values["Full Name"] == "Uddin, Rahim"
    assert card.values["Note"] == "Met at the fair, likes tea"
    assert card.values["Title"] == "Director, Sales"


def test_a_broken_card_is_a_problem_row_between_good_ones(sample_file):
    rows = rows_of(sample_file("broken_cards.vcf"))
    assert [row.values["Full Name"] for row in rows] == [
        "Good Before", "Broken Card", "Good After", "Never Closed",
    ]  # fmt: skip
    assert [bool(row.problem) for row in rows] == [False, True, False, True]
    # What could be read of it is there.
    assert rows[1].values["Email 1"] == "broken@example.com"
    assert "END:VCARD" in str(rows[3].problem)
    assert rows[3].values["Email 1"] == "never.closed@example.com"


def test_a_card_with_an_unknown_charset_is_a_problem_row(tmp_path):
    path = tmp_path / "charset.vcf"
    path.write_text(
        "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=X-KLINGON;ENCODING=QUOTED-PRINTABLE:=E9;;;;\r\n"
        "FN:Known\r\nEND:VCARD\r\n"
    )
    (card,) = rows_of(path)
    assert card.problem
    assert card.values["Full Name"] == "Known"


def test_photos_are_skipped(tmp_path):
    photo = "A" * 76
    folded = "\r\n ".join([photo] * 30_000)  # a 2 MB photo, far over the card size limit
    path = tmp_path / "photo.vcf"
    path.write_text(
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:With Photo\r\nPHOTO;ENCODING=b;TYPE=JPEG:{folded}\r\n"
        "EMAIL:photo@example.com\r\nEND:VCARD\r\n"
    )
    (card,) = rows_of(path)
    assert card.problem == ""
    assert card.values["Email 1"] == "photo@example.com"


def test_a_file_without_cards_is_refused(tmp_path, sample_file):
    path = tmp_path / "notes.vcf"
    path.write_text("Just some notes\r\nabout people\r\n")
    with pytest.raises(SourceError) as raised:
        open_source(path)
    assert "BEGIN:VCARD" in str(raised.value)
    empty = tmp_path / "empty.vcf"
    empty.write_bytes(b"")
    with pytest.raises(SourceError) as raised:
        open_source(empty)
    assert "empty" in str(raised.value)
