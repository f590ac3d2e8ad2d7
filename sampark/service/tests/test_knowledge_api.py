"""The knowledge base over the API: the same rules as the staff pages (another team's article is
"not found", one seen but not yours to change "forbidden"), the API's error shape, versions as
ETags, and keyset pages.

The agent wrote the article, in the Dhaka desk with everyone but the outsider.
"""

from __future__ import annotations

import pytest
from django.test import Client

from sampark.core.tests.api_client import API, api_client, if_match
from sampark.service.models import Article, ArticleRevision, ArticleVisibility, KnowledgeCategory
from sampark.service.tests.knowledge_factories import make_article, make_category

pytestmark = pytest.mark.django_db

ARTICLES = f"{API}/kb/articles"
CATEGORIES = f"{API}/kb/categories"
ROLES = ["admin", "manager", "agent", "colleague", "reader", "outsider"]
CHANGE = {"admin": 200, "manager": 200, "agent": 200, "colleague": 403, "reader": 403}


@pytest.fixture
def article(people):  # type: ignore[no-untyped-def]
    return make_article(
        people["agent"],
        title="কার্ড বন্ধ হয়ে গেছে",
        language="bn",
        body="অ্যাপ খুলুন",
        visibility=ArticleVisibility.INTERNAL,
        status="draft",
    )


def test_an_article_is_written_translated_changed_and_deleted(people):
    category = make_category("Cards")
    api = api_client(people["agent"])

    created = api.post_json(
        ARTICLES,
        {"title": "Reset your PIN", "body": "Open the app.", "category": category.pk},
    )
    assert created.status_code == 201
    body = created.json()
    assert (body["language"], body["status"], body["visibility"], body["slug"]) == (
        "en",
        "draft",
        "public",
        "reset-your-pin",
    )
    assert body["body"] == "<p>Open the app.</p>"
    assert body["public_url"] is None
    assert created["ETag"] == '"1"'
    url = created["Location"]

    translated = api.post_json(
        ARTICLES,
        {"title": "পিন বদলান", "body": "অ্যাপ খুলুন", "language": "bn", "translation_of": body["id"]},
    )
    assert translated.status_code == 201
    assert translated.json()["translation_group"] == body["translation_group"]
    assert translated.json()["category"] == category.pk

    published = api.patch_json(
        url, {"status": "published", "title": "Reset a PIN"}, headers=if_match(1)
    )
    assert published.status_code == 200
    assert published.json()["public_url"] == "/help/en/cards/reset-your-pin/"
    assert published["ETag"] == '"2"'
    assert ArticleRevision.objects.filter(article_id=body["id"]).count() == 2

    group = api.get(ARTICLES, {"translation_group": body["translation_group"]}).json()
    assert {item["language"] for item in group["items"]} == {"en", "bn"}

    assert api.delete(url, headers=if_match(2)).status_code == 204
    assert not Article.objects.filter(pk=body["id"]).exists()


@pytest.mark.parametrize("role", ROLES)
def test_reading_follows_the_team_s_reach(people, article, role):
    api = api_client(people[role])
    expected = 404 if role == "outsider" else 200

    got = api.get(f"{ARTICLES}/{article.pk}")
    listed = [item["id"] for item in api.get(ARTICLES).json()["items"]]

    assert got.status_code == expected
    assert (article.pk in listed) is (expected == 200)
    if expected == 404:
        assert got.json()["error"]["code"] == "not_found"


@pytest.mark.parametrize("role", ROLES)
def test_who_may_change_and_delete(people, article, role):
    api = api_client(people[role])
    expected = CHANGE.get(role, 404)

    changed = api.patch_json(f"{ARTICLES}/{article.pk}", {"body": "নতুন"}, headers=if_match(1))
    deleted = api.delete(f"{ARTICLES}/{article.pk}", headers=if_match(2 if expected == 200 else 1))

    assert changed.status_code == expected
    assert deleted.status_code == (204 if expected == 200 else expected)
    assert Article.objects.filter(pk=article.pk).exists() is (expected != 200)


@pytest.mark.parametrize("role", ROLES)
def test_who_may_write_and_translate(people, article, role):
    api = api_client(people[role])
    expected = {"reader": 403}.get(role, 201)

    created = api.post_json(
        ARTICLES, {"title": "New", "body": "Text", "category": article.category_id}
    )
    translated = api.post_json(
        ARTICLES,
        {
            "title": "Card blocked",
            "body": "Open the app",
            "language": "en",
            "translation_of": article.pk,
        },
    )

    assert created.status_code == expected
    # The outsider may write, but not translate what they cannot see.
    assert translated.status_code == (404 if role == "outsider" else expected)


def test_bad_input_is_a_422_naming_the_fields(people, article):
    api = api_client(people["agent"])

    created = api.post_json(
        ARTICLES,
        {"title": " ", "body": "x", "category": 999, "language": "fr", "extra": 1},
    )
    again = api.post_json(
        ARTICLES,
        {
            "title": "x",
            "body": "<script>x</script>",
            "category": article.category_id,
            "language": "fr",
        },
    )
    second_bengali = api.post_json(
        ARTICLES,
        {"title": "আবার", "body": "x", "language": "bn", "translation_of": article.pk},
    )
    nulled = api.patch_json(f"{ARTICLES}/{article.pk}", {"title": None}, headers=if_match(1))
    bad_filter = api.get(ARTICLES, {"status": "nonsense"})

    assert created.status_code == 422
    assert "extra" in created.json()["error"]["fields"]
    assert again.status_code == 422
    assert {"body", "language"} <= set(again.json()["error"]["fields"])
    assert second_bengali.status_code == 422
    assert list(second_bengali.json()["error"]["fields"]) == ["language"]
    assert nulled.status_code == 422
    assert "title" in nulled.json()["error"]["fields"]
    assert bad_filter.status_code == 422
    assert "status" in bad_filter.json()["error"]["fields"]


def test_an_unknown_category_is_the_category_s_error(people):
    response = api_client(people["agent"]).post_json(
        ARTICLES, {"title": "x", "body": "y", "category": 999}
    )

    assert response.status_code == 422
    assert response.json()["error"]["fields"] == {"category": ["No such category."]}


def test_a_change_needs_the_version_and_a_stale_one_is_a_conflict(people, article):
    api = api_client(people["agent"])
    url = f"{ARTICLES}/{article.pk}"

    unversioned = api.patch_json(url, {"body": "a"})
    api.patch_json(url, {"body": "b"}, headers=if_match(1))
    stale = api.patch_json(url, {"body": "c"}, headers=if_match(1))

    assert unversioned.status_code == 428
    assert stale.status_code == 409
    assert stale.json()["error"]["current_version"] == 2
    assert Article.objects.get().body == "<p>b</p>"


def test_the_list_pages_by_keyset_and_filters_by_words_in_any_script(people, article):
    for n in range(3):
        make_article(people["agent"], title=f"Card help {n}")
    api = api_client(people["reader"])

    first = api.get(ARTICLES, {"limit": 2}).json()
    second = api.get(ARTICLES, {"limit": 2, "cursor": first["next_cursor"]}).json()
    bengali = api.get(ARTICLES, {"q": "কার্ড"}).json()

    ids = [item["id"] for item in first["items"] + second["items"]]
    assert len(ids) == len(set(ids)) == 4
    assert [item["id"] for item in bengali["items"]] == [article.pk]


@pytest.mark.parametrize("role", ROLES)
def test_everyone_reads_categories_and_managers_change_them(people, role):
    cards = make_category("Cards", names={"bn": "কার্ড"})
    api = api_client(people[role])
    may = role in ("admin", "manager")

    listed = api.get(CATEGORIES)
    got = api.get(f"{CATEGORIES}/{cards.pk}")
    created = api.post_json(CATEGORIES, {"name": "Accounts", "names": {"hi": "खाते"}})
    changed = api.patch_json(f"{CATEGORIES}/{cards.pk}", {"name": "Debit cards"})

    assert listed.status_code == got.status_code == 200
    assert got.json()["names"] == {"bn": "কার্ড"}
    assert created.status_code == (201 if may else 403)
    assert changed.status_code == (200 if may else 403)
    assert KnowledgeCategory.objects.get(pk=cards.pk).name == ("Debit cards" if may else "Cards")
    if may:
        assert created.json()["slug"] == "accounts"
        assert created.json()["names"] == {"hi": "खाते"}


def test_a_category_s_clashing_address_is_a_field_error(people):
    make_category("Cards")

    response = api_client(people["admin"]).post_json(CATEGORIES, {"name": "Other", "slug": "cards"})

    assert response.status_code == 422
    assert "slug" in response.json()["error"]["fields"]


def test_the_api_needs_a_token_or_a_session(article):
    assert Client().get(ARTICLES).status_code == 401
    assert Client().get(CATEGORIES).status_code == 401


def test_the_operations_are_in_the_openapi_schema(db):
    paths = Client().get(f"{API}/openapi.json").json()["paths"]

    assert set(paths[ARTICLES]) == {"get", "post"}
    assert set(paths[f"{ARTICLES}/{{article_id}}"]) == {"get", "patch", "delete"}
    assert set(paths[CATEGORIES]) == {"get", "post"}
    assert set(paths[f"{CATEGORIES}/{{category_id}}"]) == {"get", "patch"}
    assert {"409", "428"} <= set(paths[f"{ARTICLES}/{{article_id}}"]["patch"]["responses"])
