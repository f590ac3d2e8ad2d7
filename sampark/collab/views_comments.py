"""Comments and following on a record's page: thin views over ``sampark.collab.actions``.

A record page only includes ``collab/comments/_section.html``, which loads the comments from
here with htmx once the page is shown, so the page itself runs no comment queries, and the
section costs a fixed number of queries however many comments there are. Every view also
answers without htmx (a whole page, or a redirect).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sampark.collab import actions, targets
from sampark.collab.access import access_comment, may_delete, may_edit
from sampark.collab.forms import CommentForm
from sampark.collab.models import Comment, Follow
from sampark.core.http import AuthenticatedRequest, wants_fragment
from sampark.core.keyset import InvalidCursor, keyset_page
from sampark.core.models import User
from sampark.core.records import OwnedRecord, StaleVersion
from sampark.core.roles import Action

PAGE_SIZE = 30  # the newest comments; earlier ones load on request
PEOPLE_LIMIT = 10
FORM_ID = "#comment-form"


@dataclass(frozen=True)
class Entry:
    """One comment, with what the viewer may do to it."""

    comment: Comment
    can_edit: bool
    can_delete: bool


def _entry(request: AuthenticatedRequest, comment: Comment) -> Entry:
    return Entry(comment, may_edit(request.user, comment), may_delete(request.user, comment))


def _urls(record: OwnedRecord) -> dict[str, str]:
    args = [targets.of(record).kind, record.pk]
    return {
        "comments_url": reverse("collab:comments", args=args),
        "add_url": reverse("collab:comment_add", args=args),
        "follow_url": reverse("collab:follow", args=args),
        "record_url": targets.record_url(record),
    }


def _page(request: AuthenticatedRequest, record: OwnedRecord) -> dict[str, Any]:
    """The newest comments, shown oldest first, with a link to the ones before them."""
    comments = (
        Comment.objects.on(record)
        .select_related("author")
        .prefetch_related("mentions")
        .order_by("-created_at", "-id")
    )
    try:
        page = keyset_page(comments, cursor=request.GET.get("cursor"), limit=PAGE_SIZE)
    except InvalidCursor:
        page = keyset_page(comments, cursor=None, limit=PAGE_SIZE)
    earlier_url = None
    if page.next_cursor:
        earlier_url = f"{_urls(record)['comments_url']}?{urlencode({'cursor': page.next_cursor})}"
    entries = [_entry(request, comment) for comment in reversed(page.items)]
    return {"entries": entries, "earlier_url": earlier_url}


def _following(request: AuthenticatedRequest, record: OwnedRecord) -> bool:
    return Follow.objects.on(record).filter(user=request.user).exists()


def _context(
    request: AuthenticatedRequest, record: OwnedRecord, form: CommentForm | None = None
) -> dict[str, Any]:
    return {
        "record": record,
        "record_label": targets.label(record),
        "form": form or CommentForm(),
        "following": _following(request, record),
        **_page(request, record),
        **_urls(record),
    }


@login_required
@require_GET
def comments(request: AuthenticatedRequest, kind: str, pk: int) -> HttpResponse:
    record = targets.access_target(request.user, kind, pk)
    if wants_fragment(request):
        if request.GET.get("cursor"):
            template = "collab/comments/_items.html"  # "Earlier comments"
            context = _page(request, record)
        else:
            template = "collab/comments/_body.html"
            context = _context(request, record)
    else:
        template = "collab/comments/page.html"
        context = _context(request, record)
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
@require_http_methods(["GET", "POST"])
def comment_add(request: AuthenticatedRequest, kind: str, pk: int) -> HttpResponse:
    record = targets.access_target(request.user, kind, pk)
    if request.method != "POST":
        return render(request, "collab/comments/page.html", _context(request, record))
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            actions.add_comment(record, by=request.user, body=form.cleaned_data["body"])
        except ValidationError as error:
            form.add_action_error(error)
        else:
            if not request.htmx:
                messages.success(request, _("Comment added."))
                return redirect(targets.comments_url(record))
            return render(request, "collab/comments/_body.html", _context(request, record))
    if request.htmx:
        response = render(request, "collab/comments/_form.html", {"form": form, **_urls(record)})
        # The errors replace the form alone, not the comments above it.
        response["HX-Retarget"] = FORM_ID
        response["HX-Reswap"] = "outerHTML"
        return response
    return render(request, "collab/comments/page.html", _context(request, record, form))


@login_required
@require_GET
def comment_entry(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """One comment as in the list (what "Cancel" on an edit goes back to)."""
    comment, record = access_comment(request.user, pk)
    if not request.htmx:
        return redirect(f"{targets.record_url(record)}#comment-{comment.pk}")
    return render(request, "collab/comments/_comment.html", {"entry": _entry(request, comment)})


@login_required
@require_http_methods(["GET", "POST"])
def comment_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    comment, record = access_comment(request.user, pk, Action.CHANGE)
    template = "collab/comments/_edit.html" if request.htmx else "collab/comments/edit.html"
    context: dict[str, Any] = {"comment": comment, "record_url": targets.record_url(record)}
    if request.method != "POST":
        initial = {"body": comment.body, "version": comment.version}
        context["form"] = CommentForm(initial=initial, comment_id=comment.pk)
        return render(request, template, context)
    form = CommentForm(request.POST, comment_id=comment.pk)
    context["form"] = form
    if form.is_valid():
        try:
            actions.edit_comment(
                comment,
                by=request.user,
                body=form.cleaned_data["body"],
                expected_version=form.cleaned_data.get("version") or comment.version,
            )
        except ValidationError as error:
            form.add_action_error(error)
        except StaleVersion:
            form.add_error(
                None,
                _("This comment changed since you opened it. Cancel to see it, then edit again."),
            )
        else:
            if not request.htmx:
                messages.success(request, _("Comment saved."))
                return redirect(f"{targets.record_url(record)}#comment-{comment.pk}")
            comment, _record = access_comment(request.user, pk)
            entry = _entry(request, comment)
            return render(request, "collab/comments/_comment.html", {"entry": entry})
    return render(request, template, context)


@login_required
@require_http_methods(["GET", "POST"])
def comment_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    comment, record = access_comment(request.user, pk, Action.DELETE)
    back = targets.comments_url(record)
    if request.method != "POST":
        return render(
            request, "collab/comments/delete.html", {"comment": comment, "record_url": back}
        )
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = comment.version
    try:
        actions.delete_comment(comment, by=request.user, expected_version=version)
    except StaleVersion:
        if request.htmx:
            comment, _record = access_comment(request.user, pk)
            context = {"entry": _entry(request, comment), "stale": True}
            return render(request, "collab/comments/_comment.html", context)
        messages.error(request, _("The comment changed meanwhile; it was not deleted."))
        return redirect(back)
    if request.htmx:
        return HttpResponse("")  # the comment is swapped for nothing
    messages.success(request, _("Comment deleted."))
    return redirect(back)


@login_required
@require_POST
def follow(request: AuthenticatedRequest, kind: str, pk: int) -> HttpResponse:
    """Follow (``follow=1``) or stop following (anything else) a record."""
    record = targets.access_target(request.user, kind, pk)
    following = request.POST.get("follow") == "1"
    if following:
        actions.follow(request.user, record)
    else:
        actions.unfollow(request.user, record)
    if request.htmx:
        context = {"following": following, **_urls(record)}
        return render(request, "collab/comments/_follow.html", context)
    if following:
        messages.success(request, _("You now follow this record."))
    else:
        messages.success(request, _("You no longer follow this record."))
    return redirect(targets.comments_url(record))


@login_required
@require_GET
def people(request: AuthenticatedRequest) -> HttpResponse:
    """Active people whose username or name starts with ``q`` (an ``@`` in front is ignored),
    as ``<option>`` elements for the mention helper's ``<datalist>``."""
    query = request.GET.get("q", "").strip().lstrip("@")
    found: list[User] = []
    if query:
        found = list(
            User.objects.filter(is_active=True)
            .filter(
                Q(username__istartswith=query)
                | Q(first_name__istartswith=query)
                | Q(last_name__istartswith=query)
            )
            .order_by("username")[:PEOPLE_LIMIT]
        )
    return render(request, "collab/comments/_people.html", {"people": found})
