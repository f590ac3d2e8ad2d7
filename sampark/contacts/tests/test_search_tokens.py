"""How text becomes search tokens and queries become terms (no database needed)."""

from __future__ import annotations

import pytest

from sampark.contacts.search.text import (
    Query,
    edit_distance,
    fold,
    max_typos,
    padded_trigrams,
    parse_query,
    tokens,
)


@pytest.mark.parametrize(
    "word",
    ["ক্লায়েন্ট", "সম্পর্ক", "প্রবীর", "শ্রেয়া", "মুখোপাধ্যায়", "प्रबंधन", "ग्राहक", "क्षितिज", "श्रीवास्तव"],
)
def test_indic_words_stay_whole_through_vowel_signs_viramas_and_nuktas(word):
    assert tokens(word) == [fold(word)]


def test_zero_width_joiners_do_not_split_or_change_a_word():
    assert tokens("র\u200d্যাব") == tokens("র্যাব")
    assert tokens("ক্ল\u200cায়েন্ট") == tokens("ক্লায়েন্ট")


def test_an_email_is_a_token_and_so_are_its_parts():
    assert tokens("Rahim.K@Example.com") == [
        "rahim.k@example.com",
        "rahim.k",
        "example.com",
        "rahim",
        "k",
        "example",
        "com",
    ]


def test_case_latin_accents_and_apostrophes_are_folded():
    assert tokens("JOSÉ O\u2019Brien") == ["jose", "o'brien", "o", "brien"]


def test_digits_of_any_script_are_read_as_ascii():
    assert fold("০১৭১১ १२३") == "01711 123"


@pytest.mark.parametrize(
    ("typed", "digits"),
    [
        ("01711-000001", "01711000001"),
        ("+880 1711 000001", "8801711000001"),
        ("008801711000001", "8801711000001"),
        ("(0171) 1000-001", "01711000001"),
        ("০১৭১১০০০০০১", "01711000001"),
        ("1711", "1711"),
    ],
)
def test_a_phone_number_typed_any_way_is_one_digit_term(typed, digits):
    assert parse_query(typed) == Query(digits=(digits,))


def test_short_numbers_are_words_not_phone_fragments():
    assert parse_query("171") == Query(words=("171",))


def test_a_query_mixes_words_and_numbers():
    assert parse_query("Rahim 01711-000001") == Query(words=("rahim",), digits=("01711000001",))


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ('"Prabir" OR NEAR(x)', ("prabir", "or", "near", "x")),
        ("-Sen* :a", ("sen", "a")),
        ("prabir@", ("prabir",)),
        ("'x':*", ("x",)),
    ],
)
def test_query_syntax_is_only_separators(typed, words):
    assert parse_query(typed).words == words


@pytest.mark.parametrize("typed", ["", "  ", "*", '""', "()", "-", "\x00"])
def test_a_query_without_words_is_empty(typed):
    assert not parse_query(typed)


def test_a_query_is_bounded():
    assert len(parse_query(" ".join(f"w{n}" for n in range(50))).words) == 8
    assert parse_query("x" * 5000).words == ("x" * 100,)


def test_trigrams_are_padded_like_pg_trgm():
    assert padded_trigrams("rahim") == ["  r", " ra", "rah", "ahi", "him", "im "]


@pytest.mark.parametrize(
    ("a", "b", "distance"),
    [
        ("rahim", "rahim", 0),
        ("rahim", "rajim", 1),
        ("rahim", "rhaim", 1),  # neighbours swapped
        ("rahim", "rahm", 1),
        ("প্রবীর", "প্রবির", 1),
        ("श्रीवास्तव", "श्रीवस्तव", 1),
        ("rahim", "karim", 2),
    ],
)
def test_edit_distance(a, b, distance):
    assert edit_distance(a, b, limit=2) == distance


def test_edit_distance_stops_past_the_limit():
    assert edit_distance("abcdefgh", "zyxwvuts", limit=1) == 2


@pytest.mark.parametrize(
    ("word", "allowed"), [("isla", 0), ("rahim", 1), ("banerjee", 1), ("srivastava", 2)]
)
def test_longer_words_may_have_more_typos(word, allowed):
    assert max_typos(word) == allowed
