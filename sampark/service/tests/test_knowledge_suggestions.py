"""Articles suggested for what someone writes: to an agent answering a ticket (the published
articles they may see, internal ones included) and to a client typing a new one (only what the
help centre shows); those in the writer's language first, the best matching first."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from sampark.service.models import ArticleStatus, ArticleVisibility
from sampark.service.suggest_knowledge import suggest_articles, telling_words
from sampark.service.tests.knowledge_factories import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def articles(people):  # type: ignore[no-untyped-def]
    agent = people["agent"]
    return {
        "bn_card": make_article(
            agent,
            language="bn",
            title="ডেবিট কার্ড বন্ধ হয়ে গেছে",
            body="অ্যাপে গিয়ে কার্ড আবার চালু করুন।",
        ),
        "bn_statement": make_article(
            agent, language="bn", title="স্টেটমেন্ট ডাউনলোড", body="কার্ড স্টেটমেন্ট অ্যাপে পাবেন।"
        ),
        "en_card": make_article(
            agent, language="en", title="Debit card blocked", body="Unblock it in the app."
        ),
        "bn_internal": make_article(
            agent,
            language="bn",
            title="কার্ড বন্ধ: কর্মীদের নিয়ম",
            body="ডেবিট কার্ড বন্ধ হলে শাখায় জানান।",
            visibility=ArticleVisibility.INTERNAL,
        ),
        "bn_draft": make_article(
            agent,
            language="bn",
            title="ডেবিট কার্ড বন্ধ (খসড়া)",
            body="ডেবিট কার্ড বন্ধ",
            status=ArticleStatus.DRAFT,
        ),
        "hi_password": make_article(
            agent, language="hi", title="पासवर्ड कैसे बदलें", body="सेटिंग्स में पासवर्ड बदलें।"
        ),
    }


TICKET = "আমার ডেবিট কার্ড বন্ধ হয়ে গেছে, debit card blocked. কী করব?"


def names(found, articles) -> list[str]:  # type: ignore[no-untyped-def]
    by_pk = {article.pk: name for name, article in articles.items()}
    return [by_pk[article.pk] for article in found]


def test_a_client_is_offered_public_articles_in_their_language_first(articles):
    found = suggest_articles(TICKET, language="bn", public_only=True)

    assert names(found, articles) == ["bn_card", "bn_statement", "en_card"]


def test_in_another_language_the_order_follows_it(articles):
    found = suggest_articles(TICKET, language="en", public_only=True, limit=2)

    assert names(found, articles) == ["en_card", "bn_card"]


def test_an_agent_is_offered_internal_articles_too_but_no_drafts(people, articles):
    found = suggest_articles(TICKET, language="bn", public_only=False, user=people["colleague"])

    assert "bn_internal" in names(found, articles)
    assert "bn_draft" not in names(found, articles)


def test_an_agent_of_another_team_is_offered_nothing_of_ours(people, articles):
    assert suggest_articles(TICKET, language="bn", public_only=False, user=people["outsider"]) == []


def test_hindi_words_find_hindi_articles_by_their_beginning(articles):
    found = suggest_articles("मेरा पासवर्ड काम नहीं कर रहा", language="hi", public_only=True)

    assert names(found, articles) == ["hi_password"]


def test_nothing_telling_finds_nothing(articles):
    assert suggest_articles("", language="bn", public_only=True) == []
    assert suggest_articles("How do I? আমি কি", language="en", public_only=True) == []


def test_only_telling_words_are_looked_up_longest_first():
    assert telling_words("How do I reset my debit card PIN? 12345") == (
        "debit",
        "reset",
        "card",
        "pin",
    )


def test_staff_need_the_user_to_suggest_for(articles):
    with pytest.raises(ValueError, match="need the user"):
        suggest_articles(TICKET, language="bn", public_only=False)


def test_the_agent_fragment_links_to_the_articles_they_may_see(client, people, articles):
    client.force_login(people["colleague"])

    response = client.get(reverse("service:kb_suggest"), {"q": TICKET, "language": "bn"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert reverse("service:kb_article", args=[articles["bn_internal"].pk]) in html
    assert articles["bn_card"].public_url() in html  # a link to send the client
    assert articles["bn_draft"].title not in html


def test_the_agent_fragment_shows_another_team_nothing(client, people, articles):
    client.force_login(people["outsider"])

    html = client.get(reverse("service:kb_suggest"), {"q": TICKET}).content.decode()

    assert "No article matches yet." in html
    assert 'href="/service/kb/"' in html
    assert html.count("<a") == 1  # to the knowledge base, not to any of its articles


def test_the_agent_fragment_needs_a_sign_in(client, articles):
    assert client.get(reverse("service:kb_suggest"), {"q": TICKET}).status_code == 302


def test_the_public_fragment_shows_only_the_help_centre_s_articles(articles):
    response = Client().get(reverse("help:suggest"), {"q": TICKET, "language": "bn"})

    html = response.content.decode()
    assert response.status_code == 200
    assert articles["bn_card"].public_url() in html
    assert articles["bn_internal"].title not in html
    assert articles["bn_draft"].title not in html
    assert "/service/" not in html
    assert '<h2 id="help-suggestions-heading"' in html


def test_the_public_fragment_escapes_titles(people):
    make_article(people["agent"], title="<b>Card</b> blocked")

    html = Client().get(reverse("help:suggest"), {"q": "card blocked"}).content.decode()

    assert "&lt;b&gt;Card&lt;/b&gt; blocked" in html
