"""The calendar feed: a page to make or revoke one's feed address, and the feed itself."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from sampark.agenda import feeds
from sampark.core.http import AuthenticatedRequest


@login_required
@require_http_methods(["GET", "POST"])
def calendar_settings(request: AuthenticatedRequest) -> HttpResponse:
    """Make a feed address (shown once), or revoke the current one."""
    feed_url = None
    revoked = False
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            revoked = feeds.revoke_feeds(request.user, by=request.user) > 0
        else:
            _feed, raw = feeds.issue_feed(request.user, by=request.user)
            feed_url = request.build_absolute_uri(reverse("agenda:calendar_feed", args=[raw]))
    context = {"feed": feeds.active_feed(request.user), "feed_url": feed_url, "revoked": revoked}
    response = render(request, "agenda/calendar.html", context)
    response["Cache-Control"] = "private, no-store"  # the page may carry the secret address
    return response


@never_cache
@require_GET
def calendar_feed(request: HttpRequest, secret: str) -> HttpResponse:
    """The ICS feed; no sign-in (calendar apps have none), the secret in the address is the key."""
    feed = feeds.feed_for(secret)
    if feed is None:
        raise Http404(_("No such calendar feed."))
    body = feeds.build_calendar(feed.user, host=request.get_host().split(":")[0])
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="sampark.ics"'
    return response
