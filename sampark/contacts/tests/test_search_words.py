"""Names are found by whole words and by prefixes, in Bengali, Hindi and Latin letters alike."""

from __future__ import annotations

import pytest

from sampark.contacts.search import search
from sampark.contacts.tests import search_fixture
from sampark.contacts.tests.search_fixture import titles

pytestmark = pytest.mark.django_db
catalogue = search_fixture.catalogue


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("প্রবীর", "প্রবীর মুখোপাধ্যায়"),
        ("মুখোপাধ্যায়", "প্রবীর মুখোপাধ্যায়"),
        ("শ্রেয়া", "শ্রেয়া বন্দ্যোপাধ্যায়"),
        ("क्षितिज", "क्षितिज श्रीवास्तव"),
        ("श्रीवास्तव", "क्षितिज श्रीवास्तव"),
        ("Mukhopadhyay", "প্রবীর মুখোপাধ্যায়"),
        ("prabir mukhopadhyay", "প্রবীর মুখোপাধ্যায়"),
    ],
)
def test_a_whole_word_finds_the_name_in_any_script(catalogue, query, expected):
    assert expected in titles(search(catalogue.people["agent"], query))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("মুখো", "প্রবীর মুখোপাধ্যায়"),
        ("প্রবী", "প্রবীর মুখোপাধ্যায়"),
        ("श्रीवा", "क्षितिज श्रीवास्तव"),
        ("क्षि", "क्षितिज श्रीवास्तव"),
        ("Ban", "Amit Banerjee"),
        ("Ban", "শ্রেয়া বন্দ্যোপাধ্যায়"),
        ("mukho", "প্রবীর মুখোপাধ্যায়"),
    ],
)
def test_a_prefix_finds_the_name_in_any_script(catalogue, query, expected):
    assert expected in titles(search(catalogue.people["agent"], query))


def test_words_with_conjuncts_and_vowel_signs_are_not_cut_into_pieces(catalogue):
    # The default FTS5 tokenizer splits ক্লায়েন্ট at its vowel signs and viramas, so "কাল" (a
    # different word) would match it; kept whole, nothing here starts with "কাল".
    assert search(catalogue.people["admin"], "কাল") == []
    assert search(catalogue.people["admin"], "ন্ট") == []


def test_whole_words_of_company_names_find_the_company(catalogue):
    assert titles(search(catalogue.people["agent"], "সম্পর্ক", kinds=["company"])) == [
        "সম্পর্ক ক্লায়েন্ট সার্ভিস"
    ]
    assert titles(search(catalogue.people["agent"], "प्रबंधन", kinds=["company"])) == [
        "ग्राहक प्रबंधन सेवा"
    ]


def test_accents_and_curly_apostrophes_do_not_matter(catalogue):
    assert "José O\u2019Brien" in titles(search(catalogue.people["agent"], "jose o'brien"))
