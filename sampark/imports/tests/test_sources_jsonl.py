"""JSON Lines: each line's object is a row, its keys the columns; a line that is not an object is
a row with a problem."""

from __future__ import annotations

import json

import pytest

from sampark.imports.sources import MAX_CELL_CHARS, SourceError, open_source


def test_keys_are_the_columns_in_first_seen_order(sample_file):
    source = open_source(sample_file("contacts.jsonl"))
    assert source.format == "jsonl"
    assert source.columns == [
        "id", "name", "email", "phones", "tags", "vip", "score", "address", "notes", "late_key",
    ]  # fmt: skip
    assert source.count_hint() == 3


def test_values_become_text(sample_file):
    first, second, third = open_source(sample_file("contacts.jsonl")).rows()
    assert first.values == {
        "id": "c-1",
        "name": "Rahim Uddin",
        "email": "rahim@example.com",
        "phones": "+880 1711-000001; +880 2-9660001",
        "tags": "vip; wholesale",
        "vip": "TRUE",
        "score": "12",
        "address": '{"city": "Dhaka", "country": "BD"}',
        "notes": "",
        "late_key": "",
    }
    assert (second.values["phones"], second.values["score"]) == ("", "7.5")
    assert third.values["id"] == "3"
    assert third.values["name"] == "प्रबंधन ग्राहक"
    # Blank lines are not rows.
    assert [row.number for row in (first, second, third)] == [1, 2, 3]


def test_bad_lines_are_problem_rows(sample_file):
    rows = list(open_source(sample_file("bad_lines.jsonl")).rows())
    assert [row.number for row in rows] == [1, 2, 3, 4, 5]
    assert [bool(row.problem) for row in rows] == [False, True, True, True, False]
    assert rows[1].values == {"name": "", "email": ""}
    assert rows[4].values == {"name": "Good Two", "email": "two@example.com"}


def test_a_key_first_seen_after_the_sampled_lines_is_still_in_the_values(tmp_path, monkeypatch):
    monkeypatch.setattr("sampark.imports.sources.jsonl.COLUMN_LINES", 2)
    path = tmp_path / "late.jsonl"
    lines = [{"name": "A"}, {"name": "B"}, {"name": "C", "email": "c@example.com"}]
    path.write_text("\n".join(json.dumps(line) for line in lines))
    source = open_source(path)
    assert source.columns == ["name"]
    last = list(source.rows())[-1]
    assert last.values == {"name": "C", "email": "c@example.com"}
    assert last.problem == ""


def test_lists_of_objects_and_nested_lists_stay_json(tmp_path):
    path = tmp_path / "nested.jsonl"
    path.write_text(json.dumps({"deals": [{"id": 1}], "matrix": [[1, 2]], "mixed": ["a", None, 2]}))
    (row,) = open_source(path).rows()
    assert row.values == {"deals": '[{"id": 1}]', "matrix": "[[1, 2]]", "mixed": "a; 2"}


def test_blank_and_repeated_keys_are_named(tmp_path):
    path = tmp_path / "keys.jsonl"
    path.write_text('{"": "blank", " name ": "Rahim", "name": "again"}\n')
    source = open_source(path)
    assert source.columns == ["Column 1", "name", "name (2)"]
    (row,) = source.rows()
    assert row.values == {"Column 1": "blank", "name": "Rahim", "name (2)": "again"}


def test_a_long_value_is_cut_with_a_problem(tmp_path):
    path = tmp_path / "long.jsonl"
    path.write_text(json.dumps({"notes": "n" * (MAX_CELL_CHARS + 1)}) + "\n" + '{"notes": "ok"}\n')
    long, short = open_source(path).rows()
    assert len(long.values["notes"]) == MAX_CELL_CHARS
    assert long.problem
    assert short.problem == ""


def test_deep_nesting_does_not_crash(tmp_path):
    path = tmp_path / "deep.jsonl"
    path.write_text('{"name": "ok"}\n' + '{"x": ' + "[" * 100_000 + "]" * 100_000 + "}\n")
    ok, deep = open_source(path).rows()
    assert ok.problem == ""
    assert deep.problem


def test_a_json_array_file_is_refused_with_advice(sample_file):
    with pytest.raises(SourceError) as raised:
        open_source(sample_file("array.json"))
    assert "JSON Lines" in str(raised.value)


def test_an_empty_file_is_refused(tmp_path):
    path = tmp_path / "empty.jsonl"
    path.write_text("\n\n")
    with pytest.raises(SourceError):
        open_source(path)


def test_a_byte_order_mark_does_not_spoil_the_first_line(tmp_path):
    path = tmp_path / "bom.jsonl"
    path.write_bytes(b'\xef\xbb\xbf{"name": "Rahim"}\n')
    for encoding in (None, "utf-8"):
        (row,) = open_source(path, encoding=encoding).rows()
        assert (row.values, row.problem) == ({"name": "Rahim"}, "")
