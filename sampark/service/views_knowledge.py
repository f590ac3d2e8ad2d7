"""The knowledge base's pages for staff, under /service/kb/: the list (filters, search), an
article with its versions in other languages, the forms to write, translate and delete one,
its revisions with restore, and the suggestions beside a ticket's answer box. Thin views over
the permission layer and ``actions_knowledge``: what a user cannot see is "not found", what
they see but may not change is "forbidden"."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from sampark.contacts.search.text import MAX_QUERY_LENGTH
from sampark.core import cached
from sampark.core.forms import add_action_error
from sampark.core.http import AuthenticatedRequest, render_fragment_or_page
from sampark.core.keyset import InvalidCursor, keyset_page, page_url
from sampark.core.records import StaleVersion, access_record, can, can_add
from sampark.core.roles import Action
from sampark.core.views.workspace import readable_history
from sampark.service import actions_knowledge as actions
from sampark.service.forms_knowledge import ArticleForm
from sampark.service.lists_knowledge import ArticleFilters, filtered_articles
from sampark.service.models import (
    Article,
    ArticleStatus,
    ArticleVisibility,
    KnowledgeCategory,
)
from sampark.service.suggest_knowledge import suggest_articles

PAGE_SIZE = 50
SUGGESTIONS = 5
STALE = gettext_lazy(
    "Someone else changed this article while you were editing. "
    "Reload the page to see their changes, then edit again."
)


@login_required
@require_GET
def article_list(request: AuthenticatedRequest) -> HttpResponse:
    filters = ArticleFilters.read(request.GET)
    articles = filtered_articles(request.user, filters)
    try:
        page = keyset_page(articles, cursor=request.GET.get("cursor"), limit=PAGE_SIZE)
    except InvalidCursor:
        page = keyset_page(articles, cursor=None, limit=PAGE_SIZE)
    context = {
        "page": page,
        "next_url": page_url(request, page.next_cursor) if page.next_cursor else None,
        "first_url": page_url(request, None) if "cursor" in request.GET else None,
        "filters": filters,
        "filtered": bool(filters),
        "categories": KnowledgeCategory.objects.values_list("pk", "name"),
        "languages": settings.LANGUAGES,
        "statuses": ArticleStatus.choices,
        "visibilities": ArticleVisibility.choices,
        "can_add": can_add(request.user, Article),
        "can_manage_categories": actions.may_manage_categories(request.user),
    }
    # htmx asks for the results alone while the user filters.
    return render_fragment_or_page(
        request, "service/knowledge/_results.html", "service/knowledge/list.html", context
    )


def _header(request: AuthenticatedRequest, article: Article, tab: str) -> dict[str, Any]:
    user = request.user
    return {
        "article": article,
        "tab": tab,
        "owner_name": cached.user_names().get(article.owner_id, ""),
        "team_name": cached.team_names().get(article.team_id, "") if article.team_id else "",
        "may_change": can(user, Action.CHANGE, article),
        "may_delete": can(user, Action.DELETE, article),
    }


def _missing_languages(article: Article) -> list[tuple[str, str]]:
    """The site's languages the article has no version in yet (whoever wrote the others)."""
    present = set(
        Article.objects.filter(translation_group=article.translation_group).values_list(
            "language", flat=True
        )
    )
    return [(code, name) for code, name in settings.LANGUAGES if code not in present]


@login_required
@require_GET
def article_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    article = access_record(request.user, Article, pk)
    context = _header(request, article, "article")
    context["translations"] = list(
        Article.objects.visible_to(request.user)
        .translations_of(article)
        .order_by("language")
        .only("pk", "language", "title", "status")
    )
    context["translate_to"] = _missing_languages(article) if can_add(request.user, Article) else []
    return render(request, "service/knowledge/article.html", context)


@login_required
def article_create(request: AuthenticatedRequest) -> HttpResponse:
    if not can_add(request.user, Article):
        raise PermissionDenied(_("Your role does not allow writing articles."))
    form = ArticleForm(request.POST or None, initial={"language": request.user.language})
    if request.method == "POST" and form.is_valid():
        try:
            article = actions.create_article(by=request.user, **form.action_values())
        except ValidationError as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("Article saved."))
            return redirect(article)
    return _form_page(request, form, status=422 if form.errors else 200)


def _form_page(
    request: AuthenticatedRequest,
    form: ArticleForm,
    *,
    article: Article | None = None,
    original: Article | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {
        "form": form,
        "article": article,
        "original": original,
        "has_categories": KnowledgeCategory.objects.exists(),
        "can_manage_categories": actions.may_manage_categories(request.user),
    }
    return render(request, "service/knowledge/form.html", context, status=status)


@login_required
def article_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    article = access_record(request.user, Article, pk, Action.CHANGE)
    form = ArticleForm(request.POST or None, instance=article, initial={"version": article.version})
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_article(
                article,
                by=request.user,
                values=form.action_values(),
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            add_action_error(form, error)
        except StaleVersion:
            form.add_error(None, STALE)
        else:
            messages.success(request, _("Article saved."))
            return redirect(article)
    return _form_page(request, form, article=article, status=422 if form.errors else 200)


@login_required
def article_translate(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """A version of the article in another language: the form starts from the original's
    words, for the translator to replace."""
    original = access_record(request.user, Article, pk)
    if not can_add(request.user, Article):
        raise PermissionDenied(_("Your role does not allow writing articles."))
    missing = _missing_languages(original)
    if not missing:
        messages.info(request, _("This article is already in every language."))
        return redirect(original)
    wanted = request.GET.get("language", "")
    initial = {
        "language": wanted if wanted in dict(missing) else missing[0][0],
        "title": original.title,
        "body": original.body,
        "category": original.category_id,
        "visibility": original.visibility,
    }
    form = ArticleForm(request.POST or None, initial=initial, languages=missing)
    if request.method == "POST" and form.is_valid():
        try:
            article = actions.add_translation(original, by=request.user, **form.action_values())
        except ValidationError as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("Translation saved."))
            return redirect(article)
    return _form_page(request, form, original=original, status=422 if form.errors else 200)


@login_required
@require_POST
def article_status(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Publish, archive, or take back to draft, from the article's page."""
    article = access_record(request.user, Article, pk, Action.CHANGE)
    status = request.POST.get("status", "")
    version = request.POST.get("version", "")
    if status not in ArticleStatus.values or not version.isdigit():
        messages.error(request, _("Choose what to do with the article."))
        return redirect(article)
    try:
        actions.update_article(
            article, by=request.user, values={"status": status}, expected_version=int(version)
        )
    except StaleVersion:
        messages.error(request, STALE)
    else:
        messages.success(
            request, _("The article is now: %(status)s.") % {"status": article.get_status_display()}
        )
    return redirect(article)


@login_required
def article_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    article = access_record(request.user, Article, pk, Action.DELETE)
    if request.method == "POST":
        actions.delete_article(article, by=request.user)
        messages.success(request, _("Article deleted."))
        return redirect("service:kb_list")
    return render(request, "service/knowledge/delete.html", {"article": article})


@login_required
@require_GET
def article_history(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Its revisions (each can be read, and restored by whoever may change the article), and
    the audit trail of its other changes."""
    article = access_record(request.user, Article, pk)
    context = _header(request, article, "history")
    context["revisions"] = list(article.revisions.select_related("author"))
    context["history"] = readable_history(article)
    return render(request, "service/knowledge/history.html", context)


@login_required
@require_GET
def revision_detail(request: AuthenticatedRequest, pk: int, number: int) -> HttpResponse:
    article = access_record(request.user, Article, pk)
    context = _header(request, article, "history")
    context["revision"] = get_object_or_404(
        article.revisions.select_related("author"), number=number
    )
    context["latest"] = article.revisions.values_list("number", flat=True).first()
    return render(request, "service/knowledge/revision.html", context)


@login_required
@require_POST
def revision_restore(request: AuthenticatedRequest, pk: int, number: int) -> HttpResponse:
    article = access_record(request.user, Article, pk, Action.CHANGE)
    revision = get_object_or_404(article.revisions, number=number)
    version = request.POST.get("version", "")
    try:
        actions.restore_revision(
            article,
            revision,
            by=request.user,
            expected_version=int(version) if version.isdigit() else None,
        )
    except StaleVersion:
        messages.error(request, STALE)
        return redirect("service:kb_history", article.pk)
    messages.success(request, _("Revision %(number)d restored.") % {"number": revision.number})
    return redirect(article)


@login_required
@require_GET
def suggest(request: AuthenticatedRequest) -> HttpResponse:
    """Articles for what an agent is answering (``?q=`` the ticket's words, ``language`` its
    language): a short list of links, for htmx to put beside the answer box."""
    language = request.GET.get("language", "")
    if language not in dict(settings.LANGUAGES):
        language = request.user.language
    typed = request.GET.get("q", "")[: MAX_QUERY_LENGTH * 10]
    articles = suggest_articles(
        typed, language=language, public_only=False, user=request.user, limit=SUGGESTIONS
    )
    return render(request, "service/knowledge/_suggestions.html", {"articles": articles})
