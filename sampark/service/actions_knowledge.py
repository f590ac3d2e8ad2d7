"""Every write to the knowledge base: articles written, changed, published, archived, deleted and
translated, revisions restored, readers' votes; and the categories they are shelved in.

Articles are owned records, audited and versioned through ``core.records`` and re-indexed for
search in the same transaction; who may change which one is the permission layer's to say, asked
by the views and the API before they call in here. Every change of the title or the body keeps
a new ``ArticleRevision``, restoring one included, so no wording is ever lost. Categories are
configuration (``core.audited``), kept by managers and admins: checked here, as no other
rule guards them. Votes are readers' answers, not edits: counted, never audited.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sampark.core import audited
from sampark.core.models import User
from sampark.core.records import StaleVersion, create_record, delete_record, update_record
from sampark.core.roles import Role, role_of
from sampark.lib.slugs import slugify
from sampark.service import search_knowledge
from sampark.service.models import (
    Article,
    ArticleRevision,
    ArticleStatus,
    ArticleVisibility,
    ArticleVote,
    KnowledgeCategory,
)

# What an edit may change; owner, team and the translation group are set when it is made.
ARTICLE_FIELDS = ("category", "language", "title", "slug", "body", "status", "visibility")
CATEGORY_FIELDS = ("name", "names", "slug", "description", "position")
MANAGE_CATEGORIES = frozenset({Role.ADMIN, Role.MANAGER})
# Help centre addresses that a category's would hide (/help/<language>/search/).
RESERVED_CATEGORY_SLUGS = frozenset({"search"})
_SLUG_LENGTH = 190  # the field's 200, with room for a "-12" that tells equal titles apart


# --------------------------------------------------------------------------------------------
# Articles


def create_article(
    *,
    by: User,
    title: str,
    body: str,
    category: KnowledgeCategory,
    language: str = settings.LANGUAGE_CODE,
    status: str = ArticleStatus.DRAFT,
    visibility: str = ArticleVisibility.PUBLIC,
    slug: str = "",
    translation_group: uuid.UUID | None = None,
    **values: Any,
) -> Article:
    """A new article written by ``by`` (its owner unless ``owner`` is given), as revision 1.

    ``slug`` left empty is made from the title, numbered if another article in the language has
    it; one given is only tidied, and a clash is the slug's error.
    """
    if translation_group is not None:
        values["translation_group"] = translation_group
    if status == ArticleStatus.PUBLISHED:
        values["published_at"] = timezone.now()
    with transaction.atomic():
        article = create_record(
            Article,
            by=by,
            title=title,
            body=body,
            category=category,
            language=language,
            status=status,
            visibility=visibility,
            slug=_slug(slug, title, language),
            **values,
        )
        _keep_revision(article, by=by)
        search_knowledge.index(article)
    return article


def add_translation(
    original: Article, *, by: User, language: str, title: str, body: str, **values: Any
) -> Article:
    """The version of ``original`` in ``language``, linked to it (and to its other versions):
    a draft in the same category and visibility unless told otherwise. A language the article
    already has is the language's error."""
    values.setdefault("category", original.category)
    values.setdefault("visibility", original.visibility)
    return create_article(
        by=by,
        title=title,
        body=body,
        language=language,
        translation_group=original.translation_group,
        **values,
    )


def update_article(
    article: Article,
    *,
    by: User,
    values: Mapping[str, Any],
    expected_version: int | None = None,
) -> Article:
    """Change the fields in ``values`` (see ``ARTICLE_FIELDS``); a new title or body is a new
    revision. An empty ``slug`` is made again from the title."""
    return _update(article, by=by, values=values, expected_version=expected_version)


def publish_article(article: Article, *, by: User, expected_version: int | None = None) -> Article:
    """Publish: public articles appear in the help centre, internal ones to all staff who see
    them. The first publication's time is kept (republishing does not change it)."""
    return _update(
        article,
        by=by,
        values={"status": ArticleStatus.PUBLISHED},
        expected_version=expected_version,
    )


def archive_article(article: Article, *, by: User, expected_version: int | None = None) -> Article:
    """Take an article out of use (the help centre, suggestions) while keeping it and its
    history, to publish again or to copy from."""
    return _update(
        article, by=by, values={"status": ArticleStatus.ARCHIVED}, expected_version=expected_version
    )


def restore_revision(
    article: Article,
    revision: ArticleRevision,
    *,
    by: User,
    expected_version: int | None = None,
) -> Article:
    """Make an earlier revision's title and body the article's again: a new revision, so the
    one replaced stays in the history too."""
    if revision.article_id != article.pk:
        raise ValidationError(_("This revision belongs to another article."))
    return _update(
        article,
        by=by,
        values={"title": revision.title, "body": revision.body},
        expected_version=expected_version,
        restored_from=revision.number,
    )


def delete_article(article: Article, *, by: User, expected_version: int | None = None) -> None:
    """Delete the article with its revisions and votes; its translations remain (each is an
    article of its own). The audit trail keeps what it said."""
    with transaction.atomic():
        search_knowledge.unindex(article)
        delete_record(article, by=by, expected_version=expected_version)


def _update(
    article: Article,
    *,
    by: User,
    values: Mapping[str, Any],
    expected_version: int | None,
    restored_from: int | None = None,
) -> Article:
    values = {name: value for name, value in values.items() if name in ARTICLE_FIELDS}
    with transaction.atomic():
        # Locked, so that two saves cannot both take the next revision number.
        stored = (
            Article.objects.select_for_update()
            .filter(pk=article.pk)
            .values("title", "body", "published_at")
            .first()
        )
        if stored is None:
            raise StaleVersion(0)
        if "slug" in values:
            title = values.get("title", article.title)
            language = values.get("language", article.language)
            values["slug"] = _slug(values["slug"] or "", title, language, exclude=article.pk)
        if values.get("status") == ArticleStatus.PUBLISHED and stored["published_at"] is None:
            values["published_at"] = timezone.now()
        update_record(article, by=by, values=values, expected_version=expected_version)
        if (article.title, article.body) != (stored["title"], stored["body"]):
            _keep_revision(article, by=by, restored_from=restored_from)
        search_knowledge.index(article)
    return article


def _keep_revision(article: Article, *, by: User, restored_from: int | None = None) -> None:
    last = article.revisions.aggregate(last=Max("number"))["last"] or 0
    ArticleRevision.objects.create(
        article=article,
        number=last + 1,
        title=article.title,
        body=article.body,
        author=by,
        restored_from=restored_from,
    )


def _slug(given: str, title: str, language: str, *, exclude: int | None = None) -> str:
    """``given`` tidied; or, when empty, one from ``title`` no other article in ``language``
    has (so two articles both called "Reset your PIN" get "reset-your-pin" and
    "reset-your-pin-2")."""
    if given.strip():
        # Nothing readable left: keep what was typed, for the slug's validator to refuse.
        return slugify(given, max_length=200) or given.strip()
    base = slugify(title, max_length=_SLUG_LENGTH) or "article"
    others = Article.objects.filter(language=language, slug__startswith=base)
    if exclude is not None:
        others = others.exclude(pk=exclude)
    taken = set(others.values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


# --------------------------------------------------------------------------------------------
# Readers' votes


@dataclass(frozen=True)
class Voter:
    """Who answered "was this helpful?": a signed-in user, or an anonymous visitor's key."""

    user_id: int | None = None
    visitor: str = ""

    def __post_init__(self) -> None:
        if (self.user_id is None) == (not self.visitor):
            raise ValueError("A voter is a user or a visitor, exactly one.")


def vote(article: Article, *, helpful: bool, voter: Voter) -> ArticleVote:
    """Record ``voter``'s answer, or change it: one vote per reader and article, and the
    article's counts move with it."""
    who: dict[str, Any] = (
        {"user_id": voter.user_id} if voter.user_id is not None else {"visitor": voter.visitor}
    )
    with transaction.atomic():
        # The article's row is the lock: two answers from one reader at once cannot both count.
        Article.objects.select_for_update().filter(pk=article.pk).exists()
        found = ArticleVote.objects.filter(article=article, **who).first()
        if found is not None and found.helpful == helpful:
            return found
        counts = {
            "helpful_count": F("helpful_count") + (1 if helpful else 0),
            "not_helpful_count": F("not_helpful_count") + (0 if helpful else 1),
        }
        if found is None:
            found = ArticleVote.objects.create(article=article, helpful=helpful, **who)
        else:
            # The reader changed their mind: their earlier answer no longer counts.
            taken_back = "not_helpful_count" if helpful else "helpful_count"
            counts[taken_back] = F(taken_back) - 1
            found.helpful, found.updated_at = helpful, timezone.now()
            found.save(update_fields=["helpful", "updated_at"])
        Article.objects.filter(pk=article.pk).update(**counts)
    article.refresh_from_db(fields=["helpful_count", "not_helpful_count"])
    return found


def vote_of(article: Article, voter: Voter) -> ArticleVote | None:
    if voter.user_id is not None:
        return ArticleVote.objects.filter(article=article, user_id=voter.user_id).first()
    return ArticleVote.objects.filter(article=article, visitor=voter.visitor).first()


# --------------------------------------------------------------------------------------------
# Categories


def may_manage_categories(user: User) -> bool:
    return role_of(user) in MANAGE_CATEGORIES


def _require_manager(user: User) -> None:
    if not may_manage_categories(user):
        raise PermissionDenied(_("Only managers and admins arrange the knowledge base."))


def create_category(
    *,
    by: User,
    name: str,
    slug: str = "",
    description: str = "",
    position: int | None = None,
    names: Mapping[str, str] | None = None,
) -> KnowledgeCategory:
    """A new category, last unless ``position`` is given; its web address from its name unless
    ``slug`` is given."""
    _require_manager(by)
    if position is None:
        position = (KnowledgeCategory.objects.aggregate(last=Max("position"))["last"] or 0) + 1
    category = KnowledgeCategory(
        name=name.strip(),
        slug=_category_slug(slug or name),
        description=description.strip(),
        position=position,
        names=_names(names or {}),
    )
    return audited.create(category, by=by, fields=CATEGORY_FIELDS)


def update_category(
    category: KnowledgeCategory, *, by: User, values: Mapping[str, Any]
) -> KnowledgeCategory:
    _require_manager(by)
    values = {name: value for name, value in values.items() if name in CATEGORY_FIELDS}
    if "slug" in values:
        values["slug"] = _category_slug(values["slug"] or values.get("name", category.name))
    if "names" in values:
        values["names"] = _names(values["names"] or {})
    for name in ("name", "description"):
        if name in values:
            values[name] = str(values[name] or "").strip()
    audited.update(category, by=by, values=values, fields=CATEGORY_FIELDS)
    return category


def delete_category(category: KnowledgeCategory, *, by: User) -> None:
    """Only an empty category goes: its articles' addresses name it."""
    _require_manager(by)
    count = Article.objects.filter(category=category).count()
    if count:
        raise ValidationError(
            ngettext(
                "Move its %(count)d article to another category first.",
                "Move its %(count)d articles to another category first.",
                count,
            )
            % {"count": count}
        )
    audited.delete(category, by=by, fields=CATEGORY_FIELDS)


def _category_slug(value: str) -> str:
    slug = slugify(value) or value.strip()
    if slug in RESERVED_CATEGORY_SLUGS:
        raise ValidationError({"slug": [_("This web address is taken by the help centre.")]})
    return slug


def _names(names: Mapping[str, str]) -> dict[str, str]:
    """The names given for the site's languages, without empty ones."""
    known = {code for code, _label in settings.LANGUAGES}
    return {
        code: str(name).strip()
        for code, name in names.items()
        if code in known and str(name or "").strip()
    }
