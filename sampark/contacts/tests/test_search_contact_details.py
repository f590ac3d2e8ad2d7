"""Emails, phone numbers in any format, companies and tags find the records they belong to."""

from __future__ import annotations

import pytest

from sampark.contacts.search import search
from sampark.contacts.tests import search_fixture
from sampark.contacts.tests.search_fixture import titles

pytestmark = pytest.mark.django_db
catalogue = search_fixture.catalogue

PRABIR = "প্রবীর মুখোপাধ্যায়"


@pytest.mark.parametrize(
    "query",
    [
        "prabir@padmatraders.com",
        "PRABIR@PadmaTraders.com",
        "prabir.home@example.com",
        "prabir@pad",
        "prabir.ho",
    ],
)
def test_an_email_whole_or_begun_finds_its_contact(catalogue, query):
    assert titles(search(catalogue.people["agent"], query))[0] == PRABIR


@pytest.mark.parametrize(
    "query",
    [
        "01711-000001",  # as dialled in Bangladesh
        "01711000001",
        "+880 1711 000001",  # international
        "+8801711000001",
        "008801711000001",
        "(0171) 1000-001",
        "০১৭১১০০০০০১",  # in Bengali digits
        "1711000",  # fragments, anywhere in the number
        "71100",
        "1000001",
    ],
)
def test_a_phone_number_in_any_format_or_a_fragment_finds_its_contact(catalogue, query):
    assert titles(search(catalogue.people["agent"], query)) == [PRABIR]


def test_an_indian_number_is_found_as_dialled_in_india(catalogue):
    for query in ("098200 00003", "+91 98200 00003", "98200"):
        assert titles(search(catalogue.people["agent"], query)) == ["क्षितिज श्रीवास्तव"]


def test_a_fragment_of_fewer_than_four_digits_is_not_a_phone_search(catalogue):
    assert search(catalogue.people["agent"], "171") == []


def test_a_phone_fragment_narrows_a_name(catalogue):
    agent = catalogue.people["agent"]
    assert titles(search(agent, "Prabir 1711")) == [PRABIR]
    assert search(agent, "Prabir 1811") == []


def test_a_company_name_finds_the_company_first_then_its_people(catalogue):
    hits = search(catalogue.people["agent"], "Padma Traders")
    assert [(h.kind, h.title) for h in hits] == [
        ("company", "Padma Traders"),
        ("contact", PRABIR),
    ]


def test_a_bengali_company_name_finds_its_people(catalogue):
    hits = search(catalogue.people["agent"], "সম্পর্ক", kinds=["contact"])
    assert titles(hits) == ["শ্রেয়া বন্দ্যোপাধ্যায়"]


def test_a_domain_finds_its_company(catalogue):
    hits = search(catalogue.people["agent"], "padmatraders.com", kinds=["company"])
    assert titles(hits) == ["Padma Traders"]


def test_a_tag_finds_the_records_tagged_with_it(catalogue):
    agent = catalogue.people["agent"]
    assert set(titles(search(agent, "ক্লায়েন্ট"))) == {
        "সম্পর্ক ক্লায়েন্ট সার্ভিস",  # its name and its tag
        "শ্রেয়া বন্দ্যোপাধ্যায়",  # her tag, and her company's name
    }
    assert titles(search(agent, "ग्राहक", kinds=["contact"])) == ["क्षितिज श्रीवास्तव"]
    assert titles(search(agent, "ভিআইপি")) == ["শ্রেয়া বন্দ্যোপাধ্যায়"]


def test_hits_say_what_they_are_and_where_they_live(catalogue):
    prabir = catalogue.contacts["prabir"]
    [hit] = search(catalogue.people["agent"], "01711000001")
    assert hit.kind == "contact"
    assert hit.id == prabir.pk
    assert hit.url == f"/contacts/{prabir.pk}/"
    assert hit.subtitle == "Padma Traders · prabir@padmatraders.com · +8801711000001"
    assert hit.score > 0
