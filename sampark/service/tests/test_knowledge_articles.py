"""Writing articles: each change of the title or text keeps a revision, a revision can be
restored (as a new one), an article's versions in other languages are linked with at most one
per language, and every write is audited and its text sanitised."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from sampark.core.models import AuditAction, AuditEntry
from sampark.core.records import StaleVersion
from sampark.service import actions_knowledge as actions
from sampark.service.models import Article, ArticleRevision, ArticleStatus, ArticleVisibility
from sampark.service.tests.knowledge_factories import make_article, make_category

pytestmark = pytest.mark.django_db


def revisions(article: Article) -> list[tuple[int, str, int | None]]:
    return list(
        ArticleRevision.objects.filter(article=article)
        .order_by("number")
        .values_list("number", "title", "restored_from")
    )


def test_a_new_article_is_its_first_revision_written_by_its_author(people):
    article = make_article(people["agent"], title="Reset your card PIN", status="draft")

    assert article.owner == people["agent"]
    assert article.team_id == people["agent"].team_ids()[0]
    assert article.published_at is None
    revision = ArticleRevision.objects.get(article=article)
    assert (revision.number, revision.title, revision.author) == (
        1,
        "Reset your card PIN",
        people["agent"],
    )


def test_changing_the_text_keeps_the_earlier_version(people):
    article = make_article(people["agent"], body="Old steps.")

    actions.update_article(article, by=people["manager"], values={"body": "New steps."})
    actions.update_article(article, by=people["agent"], values={"title": "Reset a PIN"})

    bodies = list(article.revisions.order_by("number").values_list("body", flat=True))
    assert bodies == ["<p>Old steps.</p>", "<p>New steps.</p>", "<p>New steps.</p>"]
    assert revisions(article)[-1][:2] == (3, "Reset a PIN")
    assert article.revisions.get(number=2).author == people["manager"]


def test_a_change_that_leaves_title_and_text_alone_makes_no_revision(people):
    article = make_article(people["agent"])

    actions.update_article(
        article, by=people["agent"], values={"visibility": ArticleVisibility.INTERNAL}
    )
    actions.update_article(article, by=people["agent"], values={"body": article.body})

    assert [number for number, *_rest in revisions(article)] == [1]
    assert Article.objects.get().visibility == ArticleVisibility.INTERNAL


def test_restoring_a_revision_makes_a_new_one_with_its_words(people):
    article = make_article(people["agent"], title="First", body="One")
    actions.update_article(article, by=people["agent"], values={"title": "Second", "body": "Two"})

    actions.restore_revision(article, article.revisions.get(number=1), by=people["manager"])

    article.refresh_from_db()
    assert (article.title, article.body) == ("First", "<p>One</p>")
    assert revisions(article) == [(1, "First", None), (2, "Second", None), (3, "First", 1)]


def test_a_revision_of_another_article_cannot_be_restored(people):
    article = make_article(people["agent"], title="Mine")
    other = make_article(people["agent"], title="Another")

    with pytest.raises(ValidationError):
        actions.restore_revision(article, other.revisions.get(), by=people["agent"])

    assert Article.objects.get(pk=article.pk).title == "Mine"


def test_a_stale_edit_is_refused_and_leaves_no_revision(people):
    article = make_article(people["agent"], body="Old")
    actions.update_article(article, by=people["agent"], values={"body": "Newer"})

    with pytest.raises(StaleVersion):
        actions.update_article(
            article, by=people["agent"], values={"body": "Stale"}, expected_version=1
        )

    assert [n for n, *_rest in revisions(article)] == [1, 2]


def test_translations_share_a_group_and_each_language_once(people):
    english = make_article(people["agent"], title="Reset your card PIN")

    bengali = actions.add_translation(
        english, by=people["colleague"], language="bn", title="কার্ডের পিন বদলান", body="ধাপগুলো"
    )

    assert bengali.translation_group == english.translation_group
    assert (bengali.category, bengali.visibility) == (english.category, english.visibility)
    assert bengali.status == ArticleStatus.DRAFT
    assert bengali.owner == people["colleague"]
    assert list(Article.objects.translations_of(english)) == [bengali]
    with pytest.raises(ValidationError) as refused:
        actions.add_translation(english, by=people["agent"], language="bn", title="আবার", body="x")
    assert "language" in refused.value.message_dict
    with pytest.raises(ValidationError) as same:
        actions.add_translation(bengali, by=people["agent"], language="en", title="Again", body="x")
    assert "language" in same.value.message_dict
    assert Article.objects.count() == 2


def test_the_database_refuses_a_second_version_in_a_language(people):
    english = make_article(people["agent"])
    copy = Article(
        owner=people["agent"],
        category=english.category,
        language="en",
        title="Copy",
        slug="copy",
        body="x",
        translation_group=english.translation_group,
    )

    with pytest.raises(IntegrityError), transaction.atomic():
        copy.save()


def test_slugs_are_made_from_titles_in_any_script_and_kept_apart(people):
    first = make_article(people["agent"], title="কার্ড বন্ধ হয়ে গেছে", language="bn")
    second = make_article(people["agent"], title="কার্ড বন্ধ হয়ে গেছে!", language="bn")
    hindi = make_article(people["agent"], title="पासवर्ड कैसे बदलें?", language="hi")
    english = make_article(people["agent"], title="কার্ড বন্ধ হয়ে গেছে", language="en")

    assert first.slug == "কার্ড-বন্ধ-হয়ে-গেছে"
    assert second.slug == "কার্ড-বন্ধ-হয়ে-গেছে-2"
    assert hindi.slug == "पासवर्ड-कैसे-बदलें"
    # Unique per language only: each language has addresses of its own.
    assert english.slug == first.slug


def test_a_slug_typed_is_tidied_and_a_clash_is_the_slug_s_error(people):
    make_article(people["agent"], title="Reset your card PIN")

    typed = make_article(people["agent"], title="Other", slug="  Card PIN Help ")
    with pytest.raises(ValidationError) as clash:
        make_article(people["agent"], title="Again", slug="reset-your-card-pin")
    with pytest.raises(ValidationError) as empty:
        make_article(people["agent"], title="Again", slug="!!!")

    assert typed.slug == "card-pin-help"
    assert list(clash.value.message_dict) == ["slug"]
    assert list(empty.value.message_dict) == ["slug"]


def test_an_emptied_slug_is_made_again_from_the_title(people):
    article = make_article(people["agent"], title="Reset your card PIN")

    actions.update_article(
        article, by=people["agent"], values={"title": "Unblock a card", "slug": ""}
    )

    assert Article.objects.get().slug == "unblock-a-card"


def test_the_text_is_sanitised_and_plain_text_becomes_paragraphs(people):
    article = make_article(
        people["agent"],
        body='<p onclick="steal()">Hi<script>alert(1)</script> <a href="javascript:x">x</a></p>',
    )
    plain = make_article(people["agent"], title="Plain", body="Line one\n\nA < B")

    assert article.body == '<p>Hi <a rel="noopener noreferrer">x</a></p>'
    assert plain.body == "<p>Line one</p><p>A &lt; B</p>"
    assert "script" not in ArticleRevision.objects.get(article=article).body


def test_publishing_sets_the_first_publication_time_once(people):
    article = make_article(people["agent"], status="draft")

    actions.publish_article(article, by=people["agent"])
    first = Article.objects.get().published_at
    actions.archive_article(article, by=people["agent"])
    actions.publish_article(article, by=people["agent"])

    assert first is not None
    assert Article.objects.get().published_at == first
    assert Article.objects.get().status == ArticleStatus.PUBLISHED


def test_every_write_is_audited_and_deleting_keeps_the_translations(people):
    english = make_article(people["agent"])
    bengali = actions.add_translation(
        english, by=people["agent"], language="bn", title="পিন", body="ধাপ"
    )
    actions.update_article(english, by=people["agent"], values={"title": "PIN"})

    actions.delete_article(english, by=people["agent"])

    trail = list(
        AuditEntry.objects.filter(model_label="service.article", object_id=str(english.pk))
        .order_by("seq")
        .values_list("action", flat=True)
    )
    assert trail == [AuditAction.CREATE, AuditAction.UPDATE, AuditAction.DELETE]
    assert list(Article.objects.all()) == [bengali]
    assert not ArticleRevision.objects.filter(article_id=english.pk).exists()


def test_an_article_needs_a_title_a_text_and_a_known_language(people):
    category = make_category()

    with pytest.raises(ValidationError) as refused:
        actions.create_article(
            by=people["agent"],
            title=" ",
            body="<script>x</script>",
            category=category,
            language="fr",
        )

    assert {"title", "body", "language"} <= set(refused.value.message_dict)
    assert not Article.objects.exists()
