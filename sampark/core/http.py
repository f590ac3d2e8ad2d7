"""Request types for views behind ``login_required``, so the type checker knows the user; and
the answers every htmx-driven page gives alike."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
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


def wants_fragment(request: AuthenticatedRequest) -> bool:
    """htmx asks for part of the page (results while the user types, a section once the page
    is shown); restoring history it asks for the whole page."""
    return bool(request.htmx) and not request.htmx.history_restore_request


def render_fragment_or_page(
    request: AuthenticatedRequest,
    fragment: str,
    page: str,
    context: dict[str, Any],
    status: int = 200,
) -> HttpResponse:
    """``fragment`` for htmx, else the whole ``page``; the two are cached apart."""
    template = fragment if wants_fragment(request) else page
    response = render(request, template, context, status=status)
    patch_vary_headers(response, ["HX-Request"])
    return response
