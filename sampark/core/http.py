"""Request types for views behind ``login_required``, so the type checker knows the user."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme
from django_htmx.middleware import HtmxDetails

from sampark.core.models import User


class AuthenticatedRequest(HttpRequest):
    user: User  # narrowed: login_required guarantees a signed-in user
    htmx: HtmxDetails


def next_url(request: HttpRequest, fallback: str, *, url: str | None = None) -> str:
    """Where a form sends the user back to: its ``next`` field (or ``url``) when that points to
    this site, else ``fallback``; so a crafted link cannot send anyone elsewhere."""
    url = request.POST.get("next", "") if url is None else url
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return fallback
