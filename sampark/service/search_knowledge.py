"""Knowledge base articles in the global search (sampark.contacts.search), kind "article": found
by the words of their title (ranked as names) and of their text (ranked as other words), in any
script, by staff who may see them.

Registered by ``ServiceConfig.ready``; the knowledge actions re-index an article in the
transaction that changes it. The subtitle says where it stands: status · language · category.
The same index serves the help centre's search and the suggestions (``suggest_knowledge``).
"""

from __future__ import annotations

from collections.abc import Sequence

from sampark.contacts.search import Source, index_records, text
from sampark.contacts.search import unindex as unindex_record
from sampark.contacts.search.documents import Document
from sampark.core.records import access_tokens
from sampark.lib.richtext import html_to_text
from sampark.service.models import Article

ARTICLE = "article"


def article_documents(ids: Sequence[int]) -> list[Document]:
    articles = Article.objects.filter(pk__in=list(ids)).select_related("category")
    return [article_document(article) for article in articles]


def article_document(article: Article) -> Document:
    """Needs the article's category."""
    subtitle = (
        article.get_status_display(),
        article.get_language_display(),
        article.category.name,
    )
    return Document(
        kind=ARTICLE,
        record_id=article.pk,
        title=article.title,
        subtitle=" · ".join(str(part) for part in subtitle),
        updated_at=article.updated_at,
        names=tuple(text.tokens(article.title)),
        other=tuple(text.tokens(html_to_text(article.body))),
        phones=(),
        access=access_tokens(article),
    )


def index(article: Article) -> None:
    index_records(ARTICLE, [article.pk])


def unindex(article: Article) -> None:
    unindex_record(article)


SOURCE = Source(
    kind=ARTICLE, model=Article, url_name="service:kb_article", documents=article_documents
)
