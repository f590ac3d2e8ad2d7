"""How Sampark's REST API behaves: auth, one error shape, docs. Routes come from each domain."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.urls import URLPattern, URLResolver, path, re_path
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Swagger
from ninja.errors import ValidationError, ValidationErrorContext

from sampark.core.api import errors
from sampark.core.api.auth import SessionAuth, TokenAuth

DESCRIPTION = """\
Sampark's REST API.

**Authentication.** Send a personal API token as `Authorization: Bearer <token>` (create one in
Settings, or with `sampark token create --user NAME --scope read_write`). A token with scope
`read` may only GET. When signed in to Sampark in this browser, "Try it out" uses your session.

**Errors** always look like
`{"error": {"code": "not_found", "message": "…", "fields": {"email": ["…"]}}}`.

**Lists** are paged by cursor: pass a page's `next_cursor` as `cursor` to get the next one;
`next_cursor` is null on the last page. `limit` sets the page size.

**Concurrent edits.** Reading a record returns `ETag: "<version>"`. PATCH and DELETE must send
it back as `If-Match: "<version>"` (or, for PATCH, a `version` field): without it the answer is
428; if the record changed since, 409 and nothing is written.
"""


class SamparkAPI(NinjaAPI):
    """NinjaAPI whose every error, even a wrong method or an unknown path, has the one shape."""

    def validation_error_from_error_contexts(
        self, error_contexts: list[ValidationErrorContext[Any]]
    ) -> ValidationError:
        found: list[dict[str, Any]] = []
        for context in error_contexts:
            error = super().validation_error_from_error_contexts([context])
            # A body read into one schema parameter is that schema; its name is ours, not the
            # client's, so ("body", "payload", "email") is the client's field "email".
            wrapper = getattr(context.model, "__read_from_single_attr__", None)
            for item in error.errors:
                loc = tuple(item.get("loc", ()))
                if wrapper and loc[:2] == ("body", wrapper):
                    item["field"] = ".".join(str(part) for part in loc[2:]) or NON_FIELD_ERRORS
                found.append(item)
        return ValidationError(found)

    def _get_urls(self) -> list[URLResolver | URLPattern]:
        urls: list[URLResolver | URLPattern] = []
        for url in super()._get_urls():
            if isinstance(url, URLPattern) and url.name == "api-root":
                # Kept by name: ninja reverses it to learn the API's prefix.
                urls.append(path("", _not_found, name="api-root"))
                continue
            if isinstance(url, URLPattern):
                url.callback = _shaped_405(url.callback)
            urls.append(url)
        urls.append(re_path(r"^.*$", _not_found, name="not-found"))
        return urls


def _not_found(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    return errors.error_response(
        errors.ApiError(404, "not_found", _("There is nothing at this address in the API."))
    )


def _method_not_allowed(request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
    if response.status_code != 405 or response.get("Content-Type", "").startswith(
        "application/json"
    ):
        return response
    return errors.error_response(
        errors.ApiError(
            405,
            "method_not_allowed",
            _("This address does not accept %(method)s.") % {"method": request.method},
            headers={"Allow": response.get("Allow", "")},
        )
    )


def _shaped_405(view: Callable[..., Any]) -> Callable[..., Any]:
    # ninja answers a wrong method with a bare HttpResponseNotAllowed, outside any handler.
    if inspect.iscoroutinefunction(view):

        @functools.wraps(view)
        async def async_wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            return _method_not_allowed(request, await view(request, *args, **kwargs))

        return async_wrapper

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        return _method_not_allowed(request, view(request, *args, **kwargs))

    return wrapper


def build_api(*, urls_namespace: str = "api") -> SamparkAPI:
    """An API with Sampark's auth, errors and docs, but no routes (tests build their own too)."""
    built = SamparkAPI(
        title="Sampark API",
        version="1",
        description=DESCRIPTION,
        urls_namespace=urls_namespace,
        auth=[TokenAuth(), SessionAuth()],
        # The docs page and schema are open: they describe code that is public anyway, every
        # operation they list still needs a token or a session, and client generators can fetch
        # the schema without credentials.
        # The page needs no CSP exception: ninja serves Swagger UI from our static files, its
        # settings sit in a JSON data block (not script), and its start-up code is a file, so
        # script-src 'self' and style-src 'self' suffice (checked in a real Chromium: no
        # violations, and "Try it out" works with the session and CSRF token). validatorUrl is
        # off so the page makes no request to swagger.io, which the CSP would block anyway.
        docs=Swagger(settings={"validatorUrl": None, "persistAuthorization": False}),
    )
    errors.install(built)
    return built
