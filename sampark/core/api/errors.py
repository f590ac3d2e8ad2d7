"""One error shape for the whole API, whatever went wrong and wherever.

Every error body is ``{"error": {"code", "message", "fields"}}``: ``code`` is a stable snake_case
word for programs, ``message`` a translated sentence for people, ``fields`` maps an input field
to its messages (empty when the error is not about one field). Clients handle one shape.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping, Sequence
from http import HTTPStatus
from typing import TYPE_CHECKING, Any

from django.core.exceptions import (
    NON_FIELD_ERRORS,
    PermissionDenied,
    RequestDataTooBig,
    SuspiciousOperation,
)
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from ninja import Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from sampark.core.records import StaleVersion

if TYPE_CHECKING:
    from ninja import NinjaAPI

logger = logging.getLogger("sampark.api")

# Where ninja says an invalid value came from; the client only needs the field's own name.
_SOURCES = frozenset({"body", "query", "path", "header", "cookie", "form", "file"})


class ErrorDetail(Schema):
    code: str
    message: str
    fields: dict[str, list[str]]
    current_version: int | None = None


class ErrorOut(Schema):
    """The body of every error response (documented in the OpenAPI schema)."""

    error: ErrorDetail


class ApiError(Exception):
    """An error the API reports as it is: status, code, message, and optionally fields."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        *,
        fields: Mapping[str, Sequence[str]] | None = None,
        extra: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.fields = {name: list(messages) for name, messages in (fields or {}).items()}
        self.extra = dict(extra or {})
        self.headers = dict(headers or {})


def error_body(
    code: str,
    message: str,
    fields: Mapping[str, Sequence[str]] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    detail: dict[str, Any] = {
        "code": code,
        "message": message,
        "fields": {name: list(messages) for name, messages in (fields or {}).items()},
    }
    detail.update(extra)
    return {"error": detail}


def error_response(error: ApiError) -> HttpResponse:
    # A plain JsonResponse, not api.create_response, so views outside an operation (the URL
    # catch-all, 405s) can answer in the same shape.
    response = JsonResponse(
        error_body(error.code, error.message, error.fields, **error.extra), status=error.status
    )
    for name, value in error.headers.items():
        response[name] = value
    return response


def status_code_name(status: int) -> str:
    """``409`` -> ``"conflict"``: the HTTP reason phrase as a code, for errors without their own."""
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        return "error"
    return re.sub(r"[^a-z0-9]+", "_", phrase.lower()).strip("_")


def field_name(error: Mapping[str, Any]) -> str:
    """Where an invalid value was, as the client's field name (``body.email`` -> ``email``).

    ``SamparkAPI`` puts the name in ``error["field"]`` when it knows better (a body read into
    one schema parameter); otherwise the source (body, query, …) is dropped from the location.
    """
    if "field" in error:
        return str(error["field"])
    parts = [str(part) for part in error.get("loc", ())]
    if parts and parts[0] in _SOURCES:
        parts = parts[1:]
    return ".".join(parts) or NON_FIELD_ERRORS


# Pydantic's messages are English only; the common ones get Django's (translated) wording.
def _pydantic_message(error: Mapping[str, Any]) -> str:
    kind = error.get("type", "")
    if kind == "missing":
        return _("This field is required.")
    if kind == "extra_forbidden":
        return _("This field is not accepted here.")
    if kind in {"int_parsing", "int_type", "int_from_float"}:
        return _("Enter a whole number.")
    return str(error.get("msg", _("This value is not valid.")))


def validation_fields(errors: Iterable[Mapping[str, Any]]) -> dict[str, list[str]]:
    fields: dict[str, list[str]] = {}
    for error in errors:
        fields.setdefault(field_name(error), []).append(_pydantic_message(error))
    return fields


def _invalid_input(fields: Mapping[str, Sequence[str]]) -> ApiError:
    return ApiError(422, "invalid", _("Some values are not valid; see fields."), fields=fields)


def to_api_error(request: HttpRequest, exc: Exception) -> ApiError:
    """The ``ApiError`` an exception is reported as; anything unforeseen is a logged 500."""
    if isinstance(exc, ApiError):
        return exc
    if isinstance(exc, NinjaValidationError):
        return _invalid_input(validation_fields(exc.errors))
    if isinstance(exc, DjangoValidationError):
        if hasattr(exc, "error_dict"):
            return _invalid_input(exc.message_dict)
        return _invalid_input({NON_FIELD_ERRORS: exc.messages})
    if isinstance(exc, StaleVersion):
        return ApiError(
            409,
            "conflict",
            _(
                "Someone else changed this record since you read it (it is now at version "
                "%(version)s). Read it again, then repeat your change."
            )
            % {"version": exc.current},
            extra={"current_version": exc.current},
            headers={"ETag": f'"{exc.current}"'} if exc.current else None,
        )
    if isinstance(exc, Http404):
        # One fixed message: a record that exists but is hidden looks exactly like a missing one.
        return ApiError(404, "not_found", _("No such record, or you may not see it."))
    if isinstance(exc, PermissionDenied):
        return ApiError(
            403, "forbidden", str(exc) or _("Your role does not allow this on this record.")
        )
    if isinstance(exc, AuthenticationError):
        return ApiError(
            401,
            "unauthorized",
            _("Send a valid API token as “Authorization: Bearer <token>”, or sign in."),
            headers={"WWW-Authenticate": 'Bearer realm="sampark"'},
        )
    if isinstance(exc, HttpError):
        if exc.status_code == 400 and str(exc).startswith("Cannot parse request body"):
            # ninja's parser could not read the body; say so in the reader's language.
            return ApiError(400, "bad_request", _("The request body is not valid JSON."))
        return ApiError(exc.status_code, status_code_name(exc.status_code), str(exc))
    if isinstance(exc, RequestDataTooBig):
        return ApiError(413, "too_large", _("The request is larger than this server accepts."))
    if isinstance(exc, SuspiciousOperation):
        # Raised while reading the request (too many fields or files, say): the client's doing,
        # so 400 as Django answers outside the API, not a 500 that says we failed.
        return ApiError(400, "bad_request", _("The request could not be read as it was sent."))
    logger.error("Unexpected error in %s %s", request.method, request.path, exc_info=exc)
    return ApiError(
        500,
        "server_error",
        _("Something went wrong on our side. It has been logged; please try again later."),
    )


def handle(request: HttpRequest, exc: Exception | type[Exception]) -> HttpResponse:
    # ninja's handler type allows a class; it always passes an instance, but be exact.
    return error_response(to_api_error(request, exc if isinstance(exc, Exception) else exc()))


def install(api: NinjaAPI) -> None:
    """Route every exception an operation raises through ``handle``."""
    for exc_class in (
        Exception,
        ApiError,
        NinjaValidationError,
        DjangoValidationError,
        StaleVersion,
        Http404,
        PermissionDenied,
        HttpError,
        AuthenticationError,
    ):
        api.add_exception_handler(exc_class, handle)


def documented(*codes: int) -> dict[int, type[ErrorOut]]:
    """OpenAPI responses for the error statuses an operation can answer with."""
    return dict.fromkeys(codes, ErrorOut)
