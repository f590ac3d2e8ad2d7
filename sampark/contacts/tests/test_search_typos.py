"""A name one letter off is still found, in Latin, Bengali and Hindi; short words are not guessed."""

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
        ("Banarjee", "Amit Banerjee"),  # one wrong letter
        ("Banerje Amit", "Amit Banerjee"),  # a prefix is not a typo, and still found
        ("Srivastva", "क्षितिज श्रीवास्तव"),  # one missing letter, in the Latin name
        ("Shrivastava", "क्षितिज श्रीवास्तव"),  # one letter too many
        ("Mukhopadyay", "প্রবীর মুখোপাধ্যায়"),
        ("প্রবির", "প্রবীর মুখোপাধ্যায়"),  # short i for long i
        ("মুখোপাধায়", "প্রবীর মুখোপাধ্যায়"),  # the ya-phala left out
        ("श्रीवस्तव", "क्षितिज श्रीवास्तव"),  # the aa sign left out
        ("क्षितिझ", "क्षितिज श्रीवास्तव"),  # a wrong consonant
    ],
)
def test_a_word_one_letter_off_still_finds_the_name(catalogue, query, expected):
    hits = search(catalogue.people["agent"], query)
    assert expected in titles(hits)


def test_a_typo_hit_scores_as_a_typo(catalogue):
    [hit] = search(catalogue.people["agent"], "Banarjee")
    assert 1 <= hit.score < 2


def test_words_under_five_letters_are_not_guessed_at(catalogue):
    # "Smyth" is five letters and one off "Smith"; "Isle" is four, one off "Isla".
    assert "Grace Smith" in titles(search(catalogue.people["admin"], "Smyth"))
    assert search(catalogue.people["admin"], "Isle") == []


def test_two_typos_in_a_short_word_are_too_many(catalogue):
    assert search(catalogue.people["admin"], "Bonarjii") == []
