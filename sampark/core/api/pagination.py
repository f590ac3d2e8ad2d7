"""The API's pagination: ``?cursor=&limit=`` in, ``{"items", "next_cursor"}`` out.

Use it on a list operation that returns an ordered QuerySet::

    @router.get("", response=list[ThingOut])
    @paginate(KeysetPagination)
    def list_things(request): return Thing.objects.visible_to(current_user(request))
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Schema
from ninja.errors import ValidationError as NinjaValidationError
from ninja.pagination import PaginationBase

from sampark.core.keyset import InvalidCursor, keyset_page


class PageParams(PaginationBase.Input):
    cursor: str | None = Field(
        None, description="The next_cursor of the previous page; leave out for the first."
    )
    limit: int = Field(
        settings.API_PAGE_SIZE,
        ge=1,
        le=settings.API_MAX_PAGE_SIZE,
        description="How many items per page.",
    )


class KeysetPagination(PaginationBase):
    """The API's pagination: ``?cursor=&limit=`` in, ``{"items", "next_cursor"}`` out."""

    # Assigned rather than nested so the OpenAPI component is "PageParams", not "Input".
    Input = PageParams  # type: ignore[assignment]

    class Output(Schema):
        items: list[Any]
        next_cursor: str | None = Field(
            description="Pass as cursor to get the next page; null on the last page."
        )

    items_attribute = "items"

    def paginate_queryset(
        self, queryset: QuerySet[Any], pagination: Any, request: HttpRequest, **params: Any
    ) -> dict[str, Any]:
        try:
            page = keyset_page(queryset, cursor=pagination.cursor, limit=pagination.limit)
        except InvalidCursor:
            raise cursor_error() from None
        return {"items": page.items, "next_cursor": page.next_cursor}


def cursor_error() -> NinjaValidationError:
    """The 422 for a cursor that some other list made (or that was altered), on ``cursor``."""
    return NinjaValidationError(
        [
            {
                "loc": ("query", "cursor"),
                "type": "invalid_cursor",
                "msg": _("This cursor does not belong to this list. Start again without it."),
            }
        ]
    )
