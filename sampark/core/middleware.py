from __future__ import annotations

import zoneinfo
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation

from sampark.core import access, audit, cached
from sampark.core.models import Channel

Handler = Callable[[HttpRequest], HttpResponse]


class UserPreferencesMiddleware:
    """A signed-in user's own language and time zone win over the browser's."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated:
            translation.activate(user.language)
            request.LANGUAGE_CODE = user.language
            timezone.activate(zoneinfo.ZoneInfo(user.time_zone))
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()


class AccessProfileMiddleware:
    """A signed-in user's role, permissions and teams come from the session (see core/access)."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            access.apply_profile(request.user, request.session)
        return self.get_response(request)


class AuditChannelMiddleware:
    """Changes made while serving a request are attributed to the web UI or the API."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        channel = Channel.API if request.path.startswith("/api/") else Channel.UI
        with audit.via(channel):
            return self.get_response(request)


class HeldLookupsMiddleware:
    """Each cached lookup (custom fields, tags offered, people's names…) is read from the shared
    cache once per request and then kept in memory: a list page asks for some of them several
    times, and each read of the cache is a file or a round trip to Redis (see core/cached.py)."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with cached.held():
            return self.get_response(request)
