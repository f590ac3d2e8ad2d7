"""Who is calling: a personal API token (``Authorization: Bearer``) or the browser session.

Tokens are for programs; the session is there so a signed-in user can try the API from the docs
page. A session write needs the CSRF token, as on any other page; a token write does not,
because a browser never sends the Authorization header on its own.
"""

from __future__ import annotations

from typing import Any, cast

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from sampark.core import tokens
from sampark.core.api.errors import ApiError
from sampark.core.models import ApiToken, User

# A read-scoped token may only ask; anything else changes something.
SAFE_METHODS = frozenset({"GET", "HEAD"})


class TokenAuth(HttpBearer):
    def __call__(self, request: HttpRequest) -> Any:
        header = request.headers.get(self.header, "")
        scheme, _space, raw = header.partition(" ")
        if scheme.lower() != self.openapi_scheme:
            return None  # no token: the session may still authenticate the request
        return self.authenticate(request, raw.strip())

    def authenticate(self, request: HttpRequest, token: str) -> User:
        found = tokens.authenticate(token)
        if found is None:
            # A bad token is an error even with a session cookie present: the caller meant it.
            raise ApiError(
                401,
                "unauthorized",
                _("This API token is not valid: it is mistyped, revoked, or its user is inactive."),
                headers={"WWW-Authenticate": 'Bearer realm="sampark", error="invalid_token"'},
            )
        if request.method not in SAFE_METHODS and not found.can_write:
            raise ApiError(
                403,
                "forbidden",
                _("This API token may only read. Create a read-and-write token to make changes."),
                headers={"WWW-Authenticate": 'Bearer realm="sampark", error="insufficient_scope"'},
            )
        request.user = found.user
        request.api_token = found  # type: ignore[attr-defined]
        return found.user


class SessionAuth(APIKeyCookie):
    """The signed-in browser user, with Django's CSRF check on writes."""

    def __init__(self) -> None:
        self.param_name = settings.SESSION_COOKIE_NAME
        super().__init__(csrf=True)

    def __call__(self, request: HttpRequest) -> Any:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            # Checked before CSRF so that a caller with no credentials at all gets a 401.
            return None
        if not getattr(request, "_ninja_csrf_exempt", False) and check_csrf(request):
            raise ApiError(
                403,
                "forbidden",
                _("The CSRF check failed. Reload the page and try again."),
            )
        return user

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        return getattr(request, "user", None)  # not reached: __call__ decides


def current_user(request: HttpRequest) -> User:
    """The authenticated user of an API request (the auth classes above guarantee one)."""
    return cast(User, request.auth)  # type: ignore[attr-defined]


def current_token(request: HttpRequest) -> ApiToken | None:
    return getattr(request, "api_token", None)
