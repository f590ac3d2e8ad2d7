"""The knowledge base list's filters, and the one rule from them to its rows that the staff list
page and the API share: what the user may see, narrowed by category, language, status,
visibility and words (through the search index, in any script), latest changed first."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.conf import settings

from sampark.contacts import search
from sampark.contacts.search.text import MAX_QUERY_LENGTH
from sampark.core.models import User
from sampark.service.models import Article, ArticleQuerySet, ArticleStatus, ArticleVisibility


@dataclass(frozen=True)
class ArticleFilters:
    q: str = ""
    category: int | None = None
    language: str = ""
    status: str = ""
    visibility: str = ""

    @classmethod
    def read(cls, params: Mapping[str, str]) -> ArticleFilters:
        """The filters from a query string; values that mean nothing are left out."""
        category = params.get("category", "").strip()
        language = params.get("language", "").strip()
        status = params.get("status", "").strip()
        visibility = params.get("visibility", "").strip()
        return cls(
            q=params.get("q", "").strip()[:MAX_QUERY_LENGTH],
            category=int(category) if category.isdigit() else None,
            language=language if language in dict(settings.LANGUAGES) else "",
            status=status if status in ArticleStatus.values else "",
            visibility=visibility if visibility in ArticleVisibility.values else "",
        )

    def __bool__(self) -> bool:
        return any((self.q, self.category, self.language, self.status, self.visibility))


def filtered_articles(user: User, filters: ArticleFilters) -> ArticleQuerySet:
    articles = Article.objects.visible_to(user).select_related("category")
    if filters.category is not None:
        articles = articles.filter(category_id=filters.category)
    if filters.language:
        articles = articles.filter(language=filters.language)
    if filters.status:
        articles = articles.filter(status=filters.status)
    if filters.visibility:
        articles = articles.filter(visibility=filters.visibility)
    return search.narrow(articles, filters.q) if filters.q else articles
