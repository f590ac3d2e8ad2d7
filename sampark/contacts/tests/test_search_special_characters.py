"""Whatever is typed, search answers: quotes, operators and punctuation are only separators."""

from __future__ import annotations

import pytest

from sampark.contacts.search import search
from sampark.contacts.tests import search_fixture
from sampark.contacts.tests.search_fixture import titles

pytestmark = pytest.mark.django_db
catalogue = search_fixture.catalogue

AWKWARD = [
    '"',
    '""',
    "'",
    'Prabir"',
    '"Prabir',
    "O'Brien",
    "*",
    "Pra*",
    "-",
    "-Prabir",
    "Prabir -Sen",
    ":",
    "names:prabir",
    "(",
    "(Prabir",
    "Prabir)",
    "NEAR",
    "NEAR(Prabir Sen)",
    "Prabir AND",
    "OR",
    "AND OR NOT",
    "Prabir OR Sen",
    "^Prabir",
    "Prabir & | ! <->",
    "'Prabir':*",
    "\\",
    "%",
    "_",
    "%_%",
    "{}[]",
    "@",
    "+",
    "...",
    "\u200d",
    "\x00",
    "🙂",
    "ক্ল\u200cায়েন্ট",
    "x" * 5000,
    " ".join(["Prabir"] * 50),
]


@pytest.mark.parametrize("query", AWKWARD)
def test_awkward_queries_never_raise(catalogue, query):
    hits = search(catalogue.people["admin"], query)
    assert isinstance(hits, list)


@pytest.mark.parametrize("query", ['"Prabir"', "Prabir*", "(Prabir)", "-Prabir", "prabir:"])
def test_punctuation_around_a_word_leaves_the_word(catalogue, query):
    assert "প্রবীর মুখোপাধ্যায়" in titles(search(catalogue.people["agent"], query))


def test_operator_words_are_searched_as_words(catalogue):
    assert search(catalogue.people["admin"], "Prabir AND NEAR") == []


@pytest.mark.parametrize("query", ["", "   ", "-", "**", "()"])
def test_a_query_with_no_words_finds_nothing(catalogue, query):
    assert search(catalogue.people["admin"], query) == []
