"""One's own notifications: the header bell, the list, and the email digest preference.

Every query here is filtered by the signed-in user as recipient: someone else's notification is
a 404, whatever its id. The bell is loaded by the page with htmx (and refreshed each minute), so
an ordinary page view does not pay for counting.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sampark.collab import actions
from sampark.collab.forms import DigestForm
from sampark.collab.models import DigestFrequency, DigestPreference, Notification
from sampark.collab.notifications import mark_read
from sampark.core.http import AuthenticatedRequest
from sampark.core.keyset import InvalidCursor, keyset_page

PAGE_SIZE = 30


@login_required
@require_GET
def bell(request: AuthenticatedRequest) -> HttpResponse:
    if not request.htmx:
        return redirect("collab:notifications")
    unread = Notification.objects.for_user(request.user).unread().count()
    response = render(request, "collab/notifications/_bell.html", {"unread": unread})
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def notification_list(request: AuthenticatedRequest) -> HttpResponse:
    mine = Notification.objects.for_user(request.user)
    try:
        page = keyset_page(mine, cursor=request.GET.get("cursor"), limit=PAGE_SIZE)
    except InvalidCursor:
        page = keyset_page(mine, cursor=None, limit=PAGE_SIZE)
    older_url = None
    if page.next_cursor:
        older_url = f"{reverse('collab:notifications')}?{urlencode({'cursor': page.next_cursor})}"
    context: dict[str, Any] = {"notifications": page.items, "older_url": older_url}
    if request.htmx and request.GET.get("cursor") and not request.htmx.history_restore_request:
        response = render(request, "collab/notifications/_items.html", context)
    else:
        context["any_unread"] = mine.unread().exists()
        response = render(request, "collab/notifications/list.html", context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
@require_GET
def notification_open(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Mark the notification read and go where it points."""
    notification = Notification.objects.for_user(request.user).filter(pk=pk).first()
    if notification is None:
        raise Http404(_("No such notification."))
    mark_read(request.user, [notification.pk])
    if notification.url and url_has_allowed_host_and_scheme(
        notification.url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(notification.url)
    return redirect("collab:notifications")


@login_required
@require_POST
def mark_all_read(request: AuthenticatedRequest) -> HttpResponse:
    count = mark_read(request.user)
    if count:
        messages.success(request, _("All notifications are marked as read."))
    return redirect("collab:notifications")


@login_required
@require_http_methods(["GET", "POST"])
def digest_preference(request: AuthenticatedRequest) -> HttpResponse:
    """The digest setting shown on the profile page (loaded there with htmx), and its saving."""
    stored = DigestPreference.objects.filter(user=request.user).first()
    current = stored.frequency if stored else DigestFrequency.DAILY
    form = DigestForm(request.POST or None, initial={"frequency": current})
    saved = False
    if request.method == "POST" and form.is_valid():
        actions.set_digest_frequency(request.user, form.cleaned_data["frequency"])
        if not request.htmx:
            messages.success(request, _("Your email digest setting was saved."))
            return redirect("profile")
        saved = True
    template = "collab/digest/_form.html" if request.htmx else "collab/digest/page.html"
    response = render(request, template, {"form": form, "saved": saved})
    patch_vary_headers(response, ["HX-Request"])
    return response
