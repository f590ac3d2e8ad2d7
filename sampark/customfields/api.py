"""/api/v1/custom-fields: what custom fields each kind of record has (admins define them in
Settings). Their values are read and written as ``custom`` on the records themselves."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from sampark.core.api.auth import current_user
from sampark.core.api.errors import documented
from sampark.core.api.pagination import KeysetPagination
from sampark.customfields import listing
from sampark.customfields.models import CustomField, CustomObject
from sampark.customfields.values import definitions

router = Router(tags=["custom fields"])

FILTER_HELP = (
    " Custom fields filter with `cf_<key>=value` (is; for several-choice fields, includes), and "
    "`cf_<key>_min` / `cf_<key>_max` for numbers, money and dates; `sort=cf_<key>` sorts by one "
    "(records without a value last)."
)


class OptionOut(Schema):
    key: str
    label: str


class CustomFieldOut(Schema):
    key: str = Field(description="The key of the value in a record's `custom`.")
    object: str = Field(description="contact or company.")
    label: str
    kind: str = Field(
        description="text, number, money, date (YYYY-MM-DD), choice (an option key), "
        "multi_choice (a list of option keys), boolean or url."
    )
    options: list[OptionOut]
    required: bool
    help_text: str
    currency: str = Field(description="For money: the ISO currency of the amounts.")
    show_in_list: bool


@router.get("", response={200: list[CustomFieldOut], **documented(401, 422)})
@paginate(KeysetPagination)
def list_custom_fields(request: HttpRequest, object: str = "") -> QuerySet[CustomField]:
    """Every custom field, or those of one kind of record (`object=contact`)."""
    current_user(request)
    fields = CustomField.objects.order_by("object", "position", "id")
    if object:
        if object not in CustomObject.values:
            raise ValidationError(
                {
                    "object": _("Use one of: %(values)s.")
                    % {"values": ", ".join(CustomObject.values)}
                }
            )
        fields = fields.filter(object=object)
    return fields


def filtered[Q_T: QuerySet[Any]](request: HttpRequest, queryset: Q_T, obj: str, sort: str) -> Q_T:
    """A record list narrowed and sorted by the custom-field parameters of the request; a bad
    value is a 422 naming its parameter."""
    fields = definitions(obj)
    result = listing.apply_filters(queryset, fields, request.GET)
    if result.errors:
        raise ValidationError(result.errors)
    if sort:
        ordered = listing.order_by(result.queryset, fields, sort)
        if ordered is None:
            raise ValidationError(
                {"sort": _("No custom field to sort by is called “%(sort)s”.") % {"sort": sort}}
            )
        return ordered
    return result.queryset
