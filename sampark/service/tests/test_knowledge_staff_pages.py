"""The knowledge base's staff pages: who sees and may do what, by role and team, and bad input
answered field by field.

The agent wrote the article, in the Dhaka desk with everyone but the outsider (an agent of the
Mumbai desk, who keeps an internal draft of their own). An article of another team is "not
found" and absent from the list; one seen but not theirs to change is "forbidden".
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from sampark.service import actions_knowledge as actions
from sampark.service.models import Article, ArticleStatus, ArticleVisibility
from sampark.service.tests.knowledge_factories import make_article, make_category

pytestmark = pytest.mark.django_db

SEE = ["admin", "manager", "agent", "colleague", "reader"]
ROLES = [*SEE, "outsider"]
# The agent wrote it; managers change their team's; admins all; the colleague and reader only read.
CHANGE = {"admin": 200, "manager": 200, "agent": 200, "colleague": 403, "reader": 403}


@pytest.fixture
def article(people):  # type: ignore[no-untyped-def]
    article = make_article(people["agent"], title="Reset your card PIN", body="Version one")
    return actions.update_article(article, by=people["agent"], values={"body": "Version two"})


@pytest.fixture
def mumbai_draft(people):  # type: ignore[no-untyped-def]
    return make_article(
        people["outsider"],
        title="Mumbai escalation list",
        status=ArticleStatus.DRAFT,
        visibility=ArticleVisibility.INTERNAL,
    )


def url(name: str, article: Article, *args: object) -> str:
    return reverse(f"service:{name}", args=[article.pk, *args])


def form_data(article: Article, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "title": article.title,
        "category": article.category_id,
        "language": article.language,
        "visibility": article.visibility,
        "status": article.status,
        "slug": article.slug,
        "body": "Version three",
        "version": article.version,
    }
    data.update(changes)
    return data


@pytest.mark.parametrize("role", ROLES)
def test_reading_follows_the_team_s_reach(client, people, article, role):
    client.force_login(people[role])
    expected = 404 if role == "outsider" else 200

    for name, args in (("kb_article", ()), ("kb_history", ()), ("kb_revision", (1,))):
        assert client.get(url(name, article, *args)).status_code == expected
    listed = client.get(reverse("service:kb_list")).content.decode()
    assert ("Reset your card PIN" in listed) is (role != "outsider")


@pytest.mark.parametrize("role", ROLES)
def test_another_team_s_internal_draft_is_not_found(client, people, mumbai_draft, role):
    client.force_login(people[role])
    expected = 200 if role in ("admin", "outsider") else 404

    assert client.get(url("kb_article", mumbai_draft)).status_code == expected
    assert client.get(url("kb_edit", mumbai_draft)).status_code == expected
    listed = client.get(reverse("service:kb_list")).content.decode()
    assert ("Mumbai escalation list" in listed) is (expected == 200)


@pytest.mark.parametrize("role", ROLES)
def test_who_may_edit(client, people, article, role):
    client.force_login(people[role])
    expected = CHANGE.get(role, 404)

    page = client.get(url("kb_edit", article))
    saved = client.post(url("kb_edit", article), form_data(article))

    assert page.status_code == expected
    assert saved.status_code == (302 if expected == 200 else expected)
    assert Article.objects.get(pk=article.pk).body == (
        "<p>Version three</p>" if expected == 200 else "<p>Version two</p>"
    )


@pytest.mark.parametrize("role", ROLES)
def test_who_may_publish_archive_and_restore(client, people, article, role):
    client.force_login(people[role])
    expected = CHANGE.get(role, 404)

    archived = client.post(url("kb_status", article), {"status": "archived", "version": 2})
    restored = client.post(url("kb_restore", article, 1), {"version": 3})

    assert archived.status_code == (302 if expected == 200 else expected)
    assert restored.status_code == (302 if expected == 200 else expected)
    stored = Article.objects.get(pk=article.pk)
    if expected == 200:
        assert (stored.status, stored.body) == (ArticleStatus.ARCHIVED, "<p>Version one</p>")
        assert stored.revisions.count() == 3
    else:
        assert (stored.status, stored.body) == (ArticleStatus.PUBLISHED, "<p>Version two</p>")


@pytest.mark.parametrize("role", ROLES)
def test_who_may_delete(client, people, article, role):
    client.force_login(people[role])
    expected = CHANGE.get(role, 404)

    page = client.get(url("kb_delete", article))
    deleted = client.post(url("kb_delete", article))

    assert page.status_code == expected
    assert deleted.status_code == (302 if expected == 200 else expected)
    assert Article.objects.filter(pk=article.pk).exists() is (expected != 200)


@pytest.mark.parametrize("role", ROLES)
def test_who_may_write_a_new_article(client, people, role):
    category = make_category()
    client.force_login(people[role])
    expected = 403 if role == "reader" else 200

    page = client.get(reverse("service:kb_create"))
    saved = client.post(
        reverse("service:kb_create"),
        {
            "title": "Statement copies",
            "category": category.pk,
            "language": "en",
            "visibility": "public",
            "status": "draft",
            "body": "Ask the desk.",
        },
    )

    assert page.status_code == expected
    assert saved.status_code == (302 if expected == 200 else 403)
    assert Article.objects.filter(title="Statement copies").exists() is (expected == 200)
    if expected == 200:
        assert Article.objects.get(title="Statement copies").owner == people[role]


@pytest.mark.parametrize("role", ROLES)
def test_who_may_translate(client, people, article, role):
    client.force_login(people[role])
    expected = {"reader": 403, "outsider": 404}.get(role, 200)

    page = client.get(url("kb_translate", article) + "?language=bn")
    saved = client.post(
        url("kb_translate", article),
        form_data(article, language="bn", title="পিন বদলান", slug="", body="ধাপ"),
    )

    assert page.status_code == expected
    assert saved.status_code == (302 if expected == 200 else expected)
    translated = Article.objects.filter(language="bn").first()
    assert (translated is not None) is (expected == 200)
    if translated is not None:
        assert translated.translation_group == article.translation_group


def test_the_translate_form_starts_from_the_original_and_offers_missing_languages(
    client, people, article
):
    client.force_login(people["colleague"])
    actions.add_translation(article, by=people["agent"], language="hi", title="पिन", body="x")

    form = client.get(url("kb_translate", article) + "?language=bn").context["form"]

    assert [code for code, _name in form.fields["language"].choices] == ["bn"]
    assert form.initial["title"] == "Reset your card PIN"
    assert form.initial["language"] == "bn"


def test_the_article_page_names_its_translations_in_their_languages(client, people, article):
    bengali = actions.add_translation(
        article, by=people["agent"], language="bn", title="পিন বদলান", body="ধাপ"
    )
    client.force_login(people["reader"])

    html = client.get(url("kb_article", article)).content.decode()

    assert f'href="{url("kb_article", bengali)}"' in html
    assert "বাংলা" in html
    assert "Translate to" not in html  # readers may not write


def test_a_form_with_bad_values_shows_each_error_beside_its_field(client, people, article):
    client.force_login(people["agent"])
    other = make_article(people["agent"], title="Another")

    response = client.post(
        url("kb_edit", article),
        form_data(article, title="", language="fr", slug=other.slug, body="<script>x</script>"),
    )

    assert response.status_code == 422
    errors = response.context["form"].errors
    assert {"title", "language", "body"} <= set(errors)
    fixed = client.post(url("kb_edit", article), form_data(article, slug=other.slug))
    assert fixed.status_code == 422
    assert "slug" in fixed.context["form"].errors


def test_an_edit_on_a_stale_version_is_refused_with_a_message(client, people, article):
    client.force_login(people["agent"])

    response = client.post(url("kb_edit", article), form_data(article, version=1))

    assert response.status_code == 422
    assert "Someone else changed this article" in response.content.decode()
    assert Article.objects.get().body == "<p>Version two</p>"


def test_the_list_filters_by_category_language_status_and_words(client, people, article):
    accounts = make_category("Accounts")
    make_article(
        people["agent"],
        accounts,
        title="খাতা খোলা",
        body="খাতা খোলার নিয়ম",
        language="bn",
        status="draft",
    )
    client.force_login(people["reader"])

    def titles(**params: str) -> set[str]:
        page = client.get(reverse("service:kb_list"), params).context["page"]
        return {a.title for a in page.items}

    assert titles() == {"Reset your card PIN", "খাতা খোলা"}
    assert titles(category=str(accounts.pk)) == {"খাতা খোলা"}
    assert titles(language="en") == {"Reset your card PIN"}
    assert titles(status="draft") == {"খাতা খোলা"}
    assert titles(q="খাতা") == {"খাতা খোলা"}
    assert titles(q="res") == {"Reset your card PIN"}
    assert titles(status="nonsense") == {"Reset your card PIN", "খাতা খোলা"}


def test_the_list_answers_htmx_with_the_results_alone(client, people, article):
    client.force_login(people["agent"])

    response = client.get(reverse("service:kb_list"), headers={"HX-Request": "true"})

    assert "<html" not in response.content.decode()
    assert "Reset your card PIN" in response.content.decode()


def test_the_pages_need_a_sign_in(client, article):
    for address in (reverse("service:kb_list"), url("kb_article", article)):
        response = client.get(address)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


def test_the_pages_escape_titles_and_keep_the_text_sanitised(client, people):
    article = make_article(
        people["agent"], title="<script>alert(1)</script>", body="<p>Hi<script>x()</script></p>"
    )
    client.force_login(people["agent"])

    for name in ("kb_article", "kb_history"):
        html = client.get(url(name, article)).content.decode()
        assert "<script>alert(1)</script>" not in html
        assert "x()" not in html
    listed = client.get(reverse("service:kb_list")).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in listed
