"""The public help centre at /help/: anyone reads the published public articles, in the language
the address names, at readable addresses in any script; nothing else is there, everything is
escaped, and anonymous pages may be cached for a few minutes."""

from __future__ import annotations

from urllib.parse import unquote

import pytest
from django.test import Client
from django.urls import reverse

from sampark.service import actions_knowledge as actions
from sampark.service.models import Article, ArticleStatus, ArticleVisibility
from sampark.service.tests.knowledge_factories import make_article, make_category

pytestmark = pytest.mark.django_db


@pytest.fixture
def cards(db):  # type: ignore[no-untyped-def]
    return make_category("Cards", names={"bn": "কার্ড", "hi": "कार्ड"})


@pytest.fixture
def english(people, cards):  # type: ignore[no-untyped-def]
    return make_article(people["agent"], cards, title="Reset your card PIN", body="Open the app.")


@pytest.fixture
def bengali(people, english):  # type: ignore[no-untyped-def]
    article = actions.add_translation(
        english, by=people["agent"], language="bn", title="কার্ড বন্ধ হয়ে গেছে", body="অ্যাপ খুলুন।"
    )
    return actions.publish_article(article, by=people["agent"])


def test_help_sends_visitors_to_their_own_language(db):
    hindi = Client().get("/help/", headers={"accept-language": "hi,en;q=0.5"})
    plain = Client().get("/help/")

    assert hindi.status_code == 302
    assert hindi["Location"] == "/help/hi/"
    assert plain["Location"] == "/help/en/"
    assert "Accept-Language" in hindi["Vary"]


def test_a_signed_in_user_is_sent_to_the_language_of_their_profile(client, people):
    people["reader"].language = "bn"
    people["reader"].save()
    client.force_login(people["reader"])

    assert client.get("/help/", headers={"accept-language": "hi"})["Location"] == "/help/bn/"


def test_the_article_page_is_at_a_readable_address_in_its_own_script(client, bengali):
    url = bengali.public_url()

    response = client.get(url)

    assert unquote(url) == "/help/bn/cards/কার্ড-বন্ধ-হয়ে-গেছে/"
    assert response.status_code == 200
    html = response.content.decode()
    assert "কার্ড বন্ধ হয়ে গেছে" in html
    assert "<p>অ্যাপ খুলুন।</p>" in html
    assert '<html lang="bn">' in html
    assert response["Content-Language"] == "bn"


def test_the_unicode_address_routes_to_the_article_whether_typed_or_percent_encoded(
    client, bengali
):
    typed = client.get("/help/bn/cards/কার্ড-বন্ধ-হয়ে-গেছে/")
    # Without its vowel signs (what Django's own slugify would have made) it is another word.
    mangled = client.get("/help/bn/cards/করড-বনধ-হয-গছ/")

    assert typed.status_code == 200
    assert typed.context["article"] == bengali
    assert mangled.status_code == 404


def test_the_page_links_to_the_same_article_in_the_other_languages(client, english, bengali):
    english_page = client.get(english.public_url()).content.decode()
    bengali_page = client.get(bengali.public_url()).content.decode()

    assert f'href="{bengali.public_url()}"' in english_page
    assert f'href="{english.public_url()}"' in bengali_page
    # No Hindi version: the switch goes to the Hindi help centre instead.
    assert 'href="/help/hi/"' in english_page


def test_a_draft_translation_is_not_linked(client, people, english):
    actions.add_translation(english, by=people["agent"], language="hi", title="पिन", body="ऐप")

    page = client.get(english.public_url()).content.decode()

    assert "पिन" not in page


@pytest.mark.parametrize(
    "change",
    [
        {"status": ArticleStatus.DRAFT},
        {"status": ArticleStatus.ARCHIVED},
        {"visibility": ArticleVisibility.INTERNAL},
    ],
)
def test_anything_but_a_published_public_article_is_not_found(client, people, english, change):
    url = english.public_url()
    category_url = reverse("help:category", args=["en", "cards"])
    actions.update_article(english, by=people["agent"], values=change)

    assert client.get(url).status_code == 404
    assert "Reset your card PIN" not in client.get(category_url).content.decode()
    assert "Reset your card PIN" not in client.get("/help/en/").content.decode()
    assert client.post(f"{url}vote/", {"helpful": "yes"}).status_code == 404


def test_an_article_is_only_found_in_its_own_language(client, english):
    assert client.get(f"/help/bn/cards/{english.slug}/").status_code == 404
    assert client.get(f"/help/fr/cards/{english.slug}/").status_code == 404


def test_an_article_moved_to_another_category_answers_its_old_address_with_a_redirect(
    client, people, english
):
    old = english.public_url()
    accounts = make_category("Accounts")
    actions.update_article(english, by=people["agent"], values={"category": accounts})

    response = client.get(old)

    assert response.status_code == 301
    assert response["Location"] == "/help/en/accounts/reset-your-card-pin/"


def test_home_and_category_pages_show_the_language_s_articles_and_names(client, english, bengali):
    home = client.get("/help/bn/")
    shelf = client.get("/help/bn/cards/")

    assert home.status_code == shelf.status_code == 200
    assert "কার্ড" in home.content.decode()  # the category's Bengali name
    assert 'href="/help/bn/cards/"' in home.content.decode()
    assert bengali.title in shelf.content.decode()
    assert english.title not in shelf.content.decode()
    assert client.get("/help/en/nothing-here/").status_code == 404


def test_the_page_s_words_follow_the_address_not_the_visitor_s_language(client, english):
    page = client.get(english.public_url().replace("/en/", "/hi/", 1))
    hindi_home = client.get("/help/hi/", headers={"accept-language": "en"})

    assert page.status_code == 404
    assert '<html lang="hi">' in hindi_home.content.decode()
    # "Search" is in the Hindi catalog already.
    assert "खोज" in hindi_home.content.decode()


def test_titles_and_texts_are_escaped(client, people, cards):
    article = make_article(
        people["agent"],
        cards,
        title="<script>alert('title')</script> PIN",
        body="<p>Steps<script>alert('body')</script></p><img src=x onerror=alert(1)>",
    )

    html = client.get(article.public_url()).content.decode()
    results = client.get("/help/en/search/", {"q": "pin"}).content.decode()

    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt; PIN" in html
    assert "onerror" not in html
    assert "<p>Steps</p>" in html
    assert "<script>alert" not in results
    assert "&lt;script&gt;" in results


def test_a_search_query_is_escaped_back(client, english):
    html = client.get("/help/en/search/", {"q": '"><script>x</script>'}).content.decode()

    assert "<script>x</script>" not in html


def test_anonymous_pages_may_be_cached_and_others_not(client, people, english):
    home = client.get("/help/en/")
    page = client.get(english.public_url())
    client.force_login(people["reader"])
    signed_in = client.get("/help/en/")

    assert "public" in home["Cache-Control"]
    assert "max-age=300" in home["Cache-Control"]
    # The article carries a CSRF token for its vote form: only the visitor's browser keeps it.
    assert "private" in page["Cache-Control"]
    assert "public" not in page["Cache-Control"]
    assert "Cookie" in page["Vary"]
    assert "no-cache" in signed_in["Cache-Control"]
    assert "public" not in signed_in["Cache-Control"]


def test_the_help_centre_needs_no_sign_in_and_no_staff_page_is_linked(client, english):
    html = client.get(english.public_url()).content.decode()

    assert 'href="/service/' not in html
    assert "/accounts/login" not in html
    assert Article.objects.count() == 1
