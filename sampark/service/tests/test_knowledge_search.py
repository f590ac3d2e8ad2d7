"""Finding articles by their words in Bengali, Hindi and English, whole or by their beginning:
staff in the header search (what the permission layer lets them see, drafts and internal ones
included), visitors in the help centre's search (published public articles of the page's
language only, whatever else matches)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from sampark.contacts import search
from sampark.service import actions_knowledge as actions
from sampark.service.models import ArticleStatus, ArticleVisibility
from sampark.service.suggest_knowledge import help_centre_search
from sampark.service.tests.knowledge_factories import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def articles(people):  # type: ignore[no-untyped-def]
    agent = people["agent"]
    return {
        "bn": make_article(
            agent,
            language="bn",
            title="ডেবিট কার্ড বন্ধ হয়ে গেছে",
            body="অ্যাপে গিয়ে কার্ড আবার চালু করুন।",
        ),
        "hi": make_article(
            agent,
            language="hi",
            title="पासवर्ड कैसे बदलें",
            body="ऐप में सेटिंग्स खोलें और पासवर्ड बदलें।",
        ),
        "en": make_article(
            agent, language="en", title="Reset your card PIN", body="Open the app settings."
        ),
        "bn_internal": make_article(
            agent,
            language="bn",
            title="কার্ড বন্ধের অভ্যন্তরীণ নিয়ম",
            body="শুধু কর্মীদের জন্য",
            visibility=ArticleVisibility.INTERNAL,
        ),
        "bn_draft": make_article(
            agent,
            language="bn",
            title="কার্ড নতুন করে ছাপানো",
            body="নতুন কার্ড",
            status=ArticleStatus.DRAFT,
        ),
    }


def found(user, query: str) -> set[int]:  # type: ignore[no-untyped-def]
    return {hit.id for hit in search.search(user, query, kinds=["article"])}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("কার্ড", {"bn", "bn_internal", "bn_draft"}),  # a whole Bengali word, vowel signs and all
        ("ডেবি", {"bn"}),  # the beginning of a Bengali word
        ("চালু", {"bn"}),  # a word of the text
        ("पासवर्ड", {"hi"}),  # a whole Hindi word
        ("पास", {"hi"}),  # its beginning
        ("सेटिंग्स", {"hi"}),
        ("reset", {"en"}),
        ("PIN", {"en"}),
        ("sett", {"en"}),
    ],
)
def test_staff_find_articles_by_words_in_any_script(people, articles, query, expected):
    assert found(people["reader"], query) == {articles[name].pk for name in expected}


def test_another_team_finds_nothing_of_ours(people, articles):
    assert found(people["outsider"], "কার্ড") == set()
    assert found(people["admin"], "কার্ড") == {
        articles[n].pk for n in ("bn", "bn_internal", "bn_draft")
    }


def test_the_index_follows_changes_and_deletion(people, articles):
    article = articles["en"]

    actions.update_article(article, by=people["agent"], values={"title": "Unblock your card"})
    assert found(people["agent"], "unblock") == {article.pk}
    assert found(people["agent"], "reset") == set()
    actions.delete_article(article, by=people["agent"])
    assert found(people["agent"], "unblock") == set()


def test_the_header_search_page_lists_articles(client, people, articles):
    client.force_login(people["agent"])

    html = client.get(reverse("search"), {"q": "पासवर्ड"}).content.decode()

    assert "पासवर्ड कैसे बदलें" in html
    assert reverse("service:kb_article", args=[articles["hi"].pk]) in html


@pytest.mark.parametrize(
    ("language", "query", "expected"),
    [
        ("bn", "কার্ড", {"bn"}),  # not the internal article nor the draft
        ("bn", "কার", {"bn"}),
        ("bn", "অ্যাপে চালু", {"bn"}),  # every word
        ("bn", "কার্ড নিয়ম", set()),  # "নিয়ম" is only in the internal article
        ("bn", "কর্মীদের", set()),
        ("hi", "बदल", {"hi"}),
        ("hi", "ऐप", {"hi"}),
        ("hi", "कार्ड", set()),
        ("en", "card", {"en"}),
        ("en", "কার্ড", set()),  # Bengali articles are not in the English help centre
    ],
)
def test_the_help_centre_finds_only_its_language_s_published_public_articles(
    articles, language, query, expected
):
    assert {a.pk for a in help_centre_search(query, language)} == {
        articles[name].pk for name in expected
    }


def test_the_help_centre_search_page_lists_what_it_found(articles):
    html = Client().get("/help/bn/search/", {"q": "কার্ড"}).content.decode()

    assert articles["bn"].title in html
    assert articles["bn_internal"].title not in html
    assert articles["bn_draft"].title not in html


def test_a_title_match_comes_before_a_text_match(people):
    text_only = make_article(people["agent"], title="Opening hours", body="Bring your passport.")
    in_title = make_article(people["agent"], title="Passport renewal", body="Any branch.")

    assert help_centre_search("passport", "en") == [in_title, text_only]


def test_a_query_of_nothing_but_punctuation_finds_nothing(articles):
    assert help_centre_search("!!! ???", "en") == []
