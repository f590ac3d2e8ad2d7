"""The public help centre at /help/: the knowledge base's published public articles, for anyone,
without signing in, in the language the address names (``/help/bn/…``).

Everything shown comes from ``Article.objects.on_help_centre``, so a draft, an archived or an
internal article is "not found" here whoever asks. The page's words are in the address's
language (``translation.override``), not the visitor's browser's; ``/help/`` alone sends them
to their own language, as Django negotiates it.

Pages read by anonymous visitors without a session may be kept five minutes by caches
(``Cache-Control: public``); an article page carries the vote form's CSRF token, which goes with
a cookie of the visitor's own, so only their browser may keep it (``private``). Anyone with a
session (a signed-in user, a visitor who voted) gets fresh pages; answers to posts are never
cached.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Mapping
from functools import wraps
from typing import Any

from django.conf import settings
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe
from django_htmx.middleware import HtmxDetails

from sampark.contacts.search.text import MAX_QUERY_LENGTH
from sampark.service import actions_knowledge
from sampark.service.actions_knowledge import Voter
from sampark.service.models import Article, ArticleStatus, ArticleVisibility, KnowledgeCategory
from sampark.service.suggest_knowledge import help_centre_search, suggest_articles

CACHE_SECONDS = 300
POPULAR = 5
SUGGESTIONS = 5
# A random key in an anonymous visitor's session that their votes are kept under; not the
# session key itself, which is a secret and changes when they sign in.
VISITOR_KEY = "help_visitor"

View = Callable[..., HttpResponse]


class HelpRequest(HttpRequest):
    htmx: HtmxDetails


def _cached_for_visitors(view: View) -> View:
    """Let caches keep what anonymous visitors without a session read (see the module)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        anonymous = (
            not request.user.is_authenticated
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
        )
        if request.method in ("GET", "HEAD") and response.status_code == 200 and anonymous:
            if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
                patch_cache_control(response, private=True, max_age=CACHE_SECONDS)
            else:
                patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
        else:
            add_never_cache_headers(response)
        patch_vary_headers(response, ["Cookie"])
        return response

    return wrapper


def _render(
    request: HttpRequest,
    language: str,
    template: str,
    context: dict[str, Any],
    status: int = 200,
    *,
    translated: Mapping[str, str] | None = None,
) -> HttpResponse:
    """A page in ``language``, whatever the visitor's own language is; its links to the other
    languages go to ``translated`` pages (code -> URL) where there are some."""
    others = [
        (code, name, (translated or {}).get(code) or reverse("help:home", args=[code]))
        for code, name in settings.LANGUAGES
        if code != language
    ]
    with translation.override(language):
        response = render(
            request,
            template,
            {**context, "language": language, "other_languages": others},
            status=status,
        )
    # LocaleMiddleware would name the visitor's negotiated language, not the page's.
    response["Content-Language"] = language
    return response


@require_safe
def help_root(request: HttpRequest) -> HttpResponse:
    """To the help centre in the visitor's language: their own if signed in, else the one
    Django's negotiation picked (language cookie, then the browser's Accept-Language)."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    response = redirect("help:home", language)
    patch_vary_headers(response, ["Accept-Language", "Cookie"])
    add_never_cache_headers(response)
    return response


@require_safe
@_cached_for_visitors
def home(request: HttpRequest, language: str) -> HttpResponse:
    shown = Q(
        articles__language=language,
        articles__status=ArticleStatus.PUBLISHED,
        articles__visibility=ArticleVisibility.PUBLIC,
    )
    categories = [
        (category, category.name_in(language), category.shown)
        for category in KnowledgeCategory.objects.annotate(shown=Count("articles", filter=shown))
        if category.shown
    ]
    popular = (
        Article.objects.on_help_centre(language)
        .filter(helpful_count__gt=0)
        .select_related("category")
        .order_by("-helpful_count", "-published_at", "-id")[:POPULAR]
    )
    context = {"categories": categories, "popular": list(popular)}
    return _render(request, language, "help/home.html", context)


@require_safe
@_cached_for_visitors
def category_page(request: HttpRequest, language: str, category: str) -> HttpResponse:
    shelf = get_object_or_404(KnowledgeCategory, slug=category)
    articles = Article.objects.on_help_centre(language).filter(category=shelf).order_by("title")
    context = {
        "category": shelf,
        "category_name": shelf.name_in(language),
        "articles": list(articles.select_related("category")),
    }
    return _render(request, language, "help/category.html", context)


@require_safe
@_cached_for_visitors
def search_page(request: HttpRequest, language: str) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    results = help_centre_search(query, language) if query else []
    return _render(request, language, "help/search.html", {"query": query, "results": results})


def _shown_article(language: str, slug: str) -> Article:
    found = (
        Article.objects.on_help_centre(language)
        .select_related("category")
        .filter(slug=slug)
        .first()
    )
    if found is None:
        raise Http404(_("No such article."))
    return found


def _voter(request: HttpRequest, *, create: bool) -> Voter | None:
    """Who is reading: a signed-in user, or an anonymous visitor's session key (made when they
    first vote, so that merely reading starts no session)."""
    if request.user.is_authenticated:
        return Voter(user_id=request.user.pk)
    visitor = request.session.get(VISITOR_KEY)
    if not visitor and create:
        visitor = request.session[VISITOR_KEY] = secrets.token_hex(16)
    return Voter(visitor=visitor) if visitor else None


def _article_context(request: HttpRequest, article: Article) -> dict[str, Any]:
    voter = _voter(request, create=False)
    translations = (
        Article.objects.on_help_centre().translations_of(article).select_related("category")
    )
    return {
        "article": article,
        "category_name": article.category.name_in(article.language),
        "translations": sorted(translations, key=lambda a: a.language),
        "vote": actions_knowledge.vote_of(article, voter) if voter else None,
    }


@require_safe
@_cached_for_visitors
def article_page(request: HttpRequest, language: str, category: str, slug: str) -> HttpResponse:
    shown = _shown_article(language, slug)
    if shown.category.slug != category:
        # Moved to another category since the link was made: the address it has now.
        return HttpResponseRedirect(shown.public_url(), status=301)
    context = _article_context(request, shown)
    translated = {other.language: other.public_url() for other in context["translations"]}
    return _render(request, language, "help/article.html", context, translated=translated)


@require_POST
@never_cache
def vote(request: HelpRequest, language: str, category: str, slug: str) -> HttpResponse:
    """A reader's answer to "was this helpful?" (a form post with its CSRF token, or htmx):
    the answer shown again, or the article page for browsers without JavaScript."""
    shown = _shown_article(language, slug)
    answer = request.POST.get("helpful", "")
    if answer not in ("yes", "no"):
        context = {**_article_context(request, shown), "vote_error": True}
        template = "help/_vote.html" if request.htmx else "help/article.html"
        return _render(request, language, template, context, status=400)
    voter = _voter(request, create=True)
    assert voter is not None  # made above when missing
    actions_knowledge.vote(shown, helpful=answer == "yes", voter=voter)
    if request.htmx:
        return _render(request, language, "help/_vote.html", _article_context(request, shown))
    return HttpResponseRedirect(f"{shown.public_url()}#helpful", status=303)


@require_safe
@_cached_for_visitors
def suggest(request: HttpRequest) -> HttpResponse:
    """Help centre articles for what a client is typing into a new ticket (``?q=``, and
    ``language``, the form's): a short list of links, for htmx to put beside the form."""
    language = request.GET.get("language", "")
    if language not in dict(settings.LANGUAGES):
        language = translation.get_language() or settings.LANGUAGE_CODE
    typed = request.GET.get("q", "")[: MAX_QUERY_LENGTH * 10]
    articles = suggest_articles(typed, language=language, public_only=True, limit=SUGGESTIONS)
    return _render(request, language, "help/_suggestions.html", {"articles": articles})
