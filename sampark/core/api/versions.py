"""Optimistic concurrency over HTTP: a record's version is its ETag, and writes must name it.

A client reads a record (``ETag: "3"``) and sends the version back with its change, as
``If-Match: "3"`` or a ``version`` field. If someone else wrote in between, the change is refused
with 409 instead of silently overwriting theirs; a write that names no version at all is refused
with 428, so "last writer wins" can never happen by accident.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from sampark.core.api.errors import ApiError
from sampark.core.records import OwnedRecord


def etag(version: int) -> str:
    return f'"{version}"'


def set_etag(response: HttpResponse, record: OwnedRecord) -> None:
    response["ETag"] = etag(record.version)


def _if_match(request: HttpRequest) -> int | None:
    header = request.headers.get("If-Match")
    if header is None:
        return None
    value = header.strip()
    # Only one strong ETag is meaningful here; "*" or a list would not pin a version.
    if len(value) >= 2 and value[0] == value[-1] == '"':
        value = value[1:-1]
    if value.isdigit():
        return int(value)
    raise ApiError(
        422,
        "invalid",
        _("Some values are not valid; see fields."),
        fields={"If-Match": [_('Send the ETag you read, such as If-Match: "3".')]},
    )


def expected_version(request: HttpRequest, body_version: int | None = None) -> int:
    """The version the client says it is changing, from If-Match or the body; 428 if neither."""
    header = _if_match(request)
    if header is not None and body_version is not None and header != body_version:
        raise ApiError(
            422,
            "invalid",
            _("Some values are not valid; see fields."),
            fields={"version": [_("This differs from the version in the If-Match header.")]},
        )
    version = header if header is not None else body_version
    if version is None:
        raise ApiError(
            428,
            "precondition_required",
            _(
                "Say which version you are changing: send the ETag you read as "
                'If-Match: "<version>", or a version field.'
            ),
        )
    return version
