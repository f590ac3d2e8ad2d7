"""The knowledge base over the REST API, mounted at ``/kb``:

- ``GET/POST /kb/articles`` — list (filters ``q``, ``category``, ``language``, ``status``,
  ``visibility``, ``translation_group``; keyset pages, latest changed first) and create; a
  create with ``translation_of`` makes the version of that article in ``language``;
- ``GET/PATCH/DELETE /kb/articles/{id}`` — PATCH and DELETE need ``If-Match`` (or ``version``);
  a new title or text is a new revision, as in the web UI;
- ``GET/POST /kb/categories``, ``GET/PATCH /kb/categories/{id}`` — everyone with a role reads
  them; managers and admins change them (categories carry no version: the last change wins).

Articles go through the permission layer as on the staff pages: another team's article is
"not found", one seen but not theirs to change is "forbidden". Bodies are sent as plain text or
simple HTML and returned sanitised (``sampark.lib.richtext``).
"""

# Not ``from __future__ import annotations``: ninja's ``paginate`` resolves the list operation's
# annotations in its own module, where this module's names (``Query``) are unknown.

import uuid
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import ConfigDict

from sampark.core.api.auth import current_user
from sampark.core.api.errors import documented
from sampark.core.api.pagination import KeysetPagination
from sampark.core.api.versions import expected_version, set_etag
from sampark.core.models import User
from sampark.core.records import access_record, can_add
from sampark.core.roles import Action, role_of
from sampark.service import actions_knowledge as actions
from sampark.service.lists_knowledge import ArticleFilters, filtered_articles
from sampark.service.models import (
    Article,
    ArticleQuerySet,
    ArticleStatus,
    ArticleVisibility,
    KnowledgeCategory,
)

router = Router()

ARTICLES, CATEGORIES = ["knowledge base articles"], ["knowledge base categories"]
STATUSES = ", ".join(ArticleStatus.values)
VISIBILITIES = ", ".join(ArticleVisibility.values)


class KbCategoryOut(Schema):
    id: int
    name: str
    names: dict[str, str] = Field(description="The name in other languages, by language code.")
    slug: str = Field(description="Its part of help centre addresses.")
    description: str
    position: int


class KbCategoryIn(Schema):
    model_config = ConfigDict(extra="forbid")

    name: str
    names: dict[str, str] = Field({}, description="The name in other languages: {'bn': '…'}.")
    slug: str = Field("", description="Made from the name when left empty.")
    description: str = ""
    position: int | None = Field(None, ge=0, description="Last when left out.")


class KbCategoryPatch(Schema):
    model_config = ConfigDict(extra="forbid")

    name: str | None = None
    names: dict[str, str] | None = None
    slug: str | None = Field(None, description="Empty: made again from the name.")
    description: str | None = None
    position: int | None = Field(None, ge=0)


class ArticleOut(Schema):
    id: int
    category: int = Field(description="The category's id.")
    language: str
    title: str
    slug: str = Field(description="Its part of the help centre address.")
    body: str = Field(description="Sanitised HTML.")
    status: str = Field(description=f"One of {STATUSES}.")
    visibility: str = Field(description=f"One of {VISIBILITIES}.")
    translation_group: uuid.UUID = Field(
        description="Shared by the article's versions in other languages."
    )
    public_url: str | None = Field(
        description="Its help centre address while it is published and public; else null."
    )
    published_at: datetime | None = Field(description="When it was first published.")
    helpful_count: int
    not_helpful_count: int
    owner: int = Field(description="The author's user id.")
    team: int | None
    created_at: datetime
    updated_at: datetime
    version: int = Field(description="Send back as If-Match to change or delete the article.")

    @staticmethod
    def resolve_category(article: Article) -> int:
        return article.category_id

    @staticmethod
    def resolve_public_url(article: Article) -> str | None:
        return article.public_url() if article.is_on_help_centre else None

    @staticmethod
    def resolve_owner(article: Article) -> int:
        return article.owner_id

    @staticmethod
    def resolve_team(article: Article) -> int | None:
        return article.team_id


class ArticleIn(Schema):
    model_config = ConfigDict(extra="forbid")

    title: str
    body: str = Field(description="Plain text, or simple HTML (sanitised).")
    category: int | None = Field(
        None, description="A category's id; the original's for a translation."
    )
    language: str = Field(
        settings.LANGUAGE_CODE, description="A language code of the site (en, bn, hi)."
    )
    status: str = Field(ArticleStatus.DRAFT, description=f"One of {STATUSES}.")
    visibility: str | None = Field(
        None, description=f"One of {VISIBILITIES}; public (or the original's) when left out."
    )
    slug: str = Field("", description="Made from the title when left empty.")
    translation_of: int | None = Field(
        None, description="An article you may see: the new one is its version in `language`."
    )


class ArticlePatch(Schema):
    model_config = ConfigDict(extra="forbid")

    title: str | None = None
    body: str | None = None
    category: int | None = None
    language: str | None = None
    status: str | None = Field(None, description=f"One of {STATUSES}.")
    visibility: str | None = Field(None, description=f"One of {VISIBILITIES}.")
    slug: str | None = Field(None, description="Empty: made again from the title.")
    version: int | None = Field(None, description="The version you read; or send If-Match.")


class ArticleQuery(Schema):
    q: str = Field("", description="Words of the title or text (or their beginnings), any script.")
    category: int | None = None
    language: str = ""
    status: str = Field("", description=f"One of {STATUSES}; any when left out.")
    visibility: str = Field("", description=f"One of {VISIBILITIES}; both when left out.")
    translation_group: uuid.UUID | None = Field(
        None, description="An article's versions in every language."
    )


def _reader(request: HttpRequest) -> User:
    user = current_user(request)
    if role_of(user) is None:
        raise PermissionDenied(_("Your role does not allow this."))
    return user


def _category(pk: int | None) -> KnowledgeCategory:
    found = KnowledgeCategory.objects.filter(pk=pk).first() if pk is not None else None
    if found is None:
        raise ValidationError({"category": [_("No such category.")]})
    return found


def _checked_filters(query: ArticleQuery) -> None:
    errors: dict[str, list[str]] = {}
    if query.status and query.status not in ArticleStatus.values:
        errors["status"] = [_("Use one of: %(values)s.") % {"values": STATUSES}]
    if query.visibility and query.visibility not in ArticleVisibility.values:
        errors["visibility"] = [_("Use one of: %(values)s.") % {"values": VISIBILITIES}]
    if errors:
        raise ValidationError(errors)


@router.get("/articles", response={200: list[ArticleOut], **documented(401, 422)}, tags=ARTICLES)
@paginate(KeysetPagination)
def list_articles(request: HttpRequest, query: Query[ArticleQuery]) -> ArticleQuerySet:
    """The articles you may see, latest changed first, filtered like the knowledge base list."""
    _checked_filters(query)
    filters = ArticleFilters(
        q=query.q.strip(),
        category=query.category,
        language=query.language,
        status=query.status,
        visibility=query.visibility,
    )
    articles = filtered_articles(current_user(request), filters)
    if query.translation_group is not None:
        articles = articles.filter(translation_group=query.translation_group)
    return articles


@router.post(
    "/articles", response={201: ArticleOut, **documented(401, 403, 404, 422)}, tags=ARTICLES
)
def create_article(
    request: HttpRequest, payload: ArticleIn, response: HttpResponse
) -> Status[Article]:
    """A new article by you, as its first revision; with `translation_of`, that article's
    version in `language` (one per language)."""
    user = current_user(request)
    if not can_add(user, Article):
        raise PermissionDenied(_("Your role does not allow writing articles."))
    values: dict[str, Any] = payload.model_dump(exclude_none=True)
    original_id = values.pop("translation_of", None)
    if "category" in values:
        values["category"] = _category(values["category"])
    if original_id is None:
        if "category" not in values:
            raise ValidationError({"category": [_("This field is required.")]})
        article = actions.create_article(by=user, **values)
    else:
        original = access_record(user, Article, original_id)
        article = actions.add_translation(original, by=user, **values)
    set_etag(response, article)
    response["Location"] = f"{request.path.rstrip('/')}/{article.pk}"
    return Status(201, article)


@router.get(
    "/articles/{int:article_id}",
    response={200: ArticleOut, **documented(401, 404)},
    tags=ARTICLES,
)
def get_article(request: HttpRequest, article_id: int, response: HttpResponse) -> Article:
    article = access_record(current_user(request), Article, article_id)
    set_etag(response, article)
    return article


@router.patch(
    "/articles/{int:article_id}",
    response={200: ArticleOut, **documented(401, 403, 404, 409, 422, 428)},
    tags=ARTICLES,
)
def update_article(
    request: HttpRequest, article_id: int, payload: ArticlePatch, response: HttpResponse
) -> Article:
    """Change the fields sent; needs If-Match (or `version`)."""
    user = current_user(request)
    article = access_record(user, Article, article_id, Action.CHANGE)
    values: dict[str, Any] = payload.model_dump(exclude_unset=True)
    version = expected_version(request, values.pop("version", None))
    for required in ("title", "body", "language", "status", "visibility", "category"):
        if required in values and values[required] is None:
            raise ValidationError({required: [_("This field cannot be null.")]})
    if "category" in values:
        values["category"] = _category(values["category"])
    article = actions.update_article(article, by=user, values=values, expected_version=version)
    set_etag(response, article)
    return article


@router.delete(
    "/articles/{int:article_id}",
    response={204: None, **documented(401, 403, 404, 409, 422, 428)},
    tags=ARTICLES,
)
def delete_article(request: HttpRequest, article_id: int) -> Status[None]:
    """Delete the article with its revisions; needs If-Match with the version you read."""
    user = current_user(request)
    article = access_record(user, Article, article_id, Action.DELETE)
    actions.delete_article(article, by=user, expected_version=expected_version(request))
    return Status(204, None)


@router.get(
    "/categories",
    response={200: list[KbCategoryOut], **documented(401, 403)},
    tags=CATEGORIES,
)
def list_categories(request: HttpRequest) -> QuerySet[KnowledgeCategory]:
    """Every category, in their order."""
    _reader(request)
    return KnowledgeCategory.objects.all()


@router.post(
    "/categories",
    response={201: KbCategoryOut, **documented(401, 403, 422)},
    tags=CATEGORIES,
)
def create_category(
    request: HttpRequest, payload: KbCategoryIn, response: HttpResponse
) -> Status[KnowledgeCategory]:
    """Add a category (managers and admins)."""
    user = current_user(request)
    category = actions.create_category(by=user, **payload.model_dump())
    response["Location"] = f"{request.path.rstrip('/')}/{category.pk}"
    return Status(201, category)


@router.get(
    "/categories/{int:category_id}",
    response={200: KbCategoryOut, **documented(401, 403, 404)},
    tags=CATEGORIES,
)
def get_category(request: HttpRequest, category_id: int) -> KnowledgeCategory:
    _reader(request)
    return get_object_or_404(KnowledgeCategory, pk=category_id)


@router.patch(
    "/categories/{int:category_id}",
    response={200: KbCategoryOut, **documented(401, 403, 404, 422)},
    tags=CATEGORIES,
)
def update_category(
    request: HttpRequest, category_id: int, payload: KbCategoryPatch
) -> KnowledgeCategory:
    """Change the fields sent (managers and admins)."""
    user = current_user(request)
    if not actions.may_manage_categories(user):
        raise PermissionDenied(_("Only managers and admins arrange the knowledge base."))
    category = get_object_or_404(KnowledgeCategory, pk=category_id)
    values = payload.model_dump(exclude_unset=True)
    if "name" in values and values["name"] is None:
        raise ValidationError({"name": [_("This field cannot be null.")]})
    return actions.update_category(category, by=user, values=values)
