"""Marketing segments over the REST API (``/api/v1/segments``).

- ``GET /segments`` — every segment (the firm shares them), by name (keyset pages);
- ``POST /segments`` — build one: ``{"name": "…", "kind": "dynamic", "rules": {"match": "all",
  "conditions": [{"field": "country", "op": "is", "value": ["BD"]}]}}``;
- ``GET/PATCH/DELETE /segments/{id}`` — PATCH and DELETE need ``If-Match`` (or, for PATCH, a
  ``version`` field); the builder, an admin or a manager changes a segment;
- ``GET /segments/{id}/count`` and ``GET /segments/{id}/members`` — who is in it, of the
  contacts you may see (a segment never shows anyone you could not see without it);
- ``POST /segments/{id}/members`` and ``/members/remove`` — put contacts on a fixed list or take
  them off;
- ``POST /segments/count`` — how many contacts unsaved rules keep (the rule builder's live
  count); ``GET /segments/fields`` — what rules may test, for API clients and the rule builder.

The handlers are thin: ``sampark.marketing.actions`` checks, versions and audits every write. A
problem inside the rules is reported where it is, as ``rules.conditions.0.value``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import ConfigDict

from sampark.contacts.conditions import ConditionField, RuleError, available, check
from sampark.contacts.conditions.fields import OP_LABELS
from sampark.contacts.models import ContactQuerySet
from sampark.core.api.auth import current_user
from sampark.core.api.errors import documented
from sampark.core.api.pagination import KeysetPagination
from sampark.core.api.versions import etag, expected_version
from sampark.core.models import User
from sampark.core.roles import Action
from sampark.marketing import access, actions
from sampark.marketing.membership import count_matching, members
from sampark.marketing.models import Segment, SegmentKind
from sampark.marketing.models.segments import SegmentQuerySet

router = Router(tags=["segments"])

KIND = "dynamic (members follow the rules) or static (a fixed list, filled by hand)."
RULES = (
    'Nested groups of conditions: {"match": "all" or "any", "conditions": [{"field": …, "op": '
    '…, "value": …}, …]}; see /segments/fields for the fields and comparisons. '
    "Dynamic segments only."
)


class SegmentOut(Schema):
    id: int
    name: str = Field(description="A starter segment not renamed is named in your language.")
    description: str
    kind: str = Field(description=KIND)
    rules: dict[str, Any] = Field(description=RULES)
    starter: str = Field(description="The key of the starter segment this was shipped as, or ''.")
    owner: int | None = Field(description="Who built it (user id); null for starter segments.")
    may_change: bool = Field(description="Whether you may change or delete it.")
    created_at: datetime
    updated_at: datetime
    version: int = Field(description="Send back as If-Match to change or delete the segment.")

    @staticmethod
    def resolve_name(segment: Segment) -> str:
        return segment.label

    @staticmethod
    def resolve_owner(segment: Segment) -> int | None:
        return segment.owner_id

    @staticmethod
    def resolve_may_change(segment: Segment, context: dict[str, Any]) -> bool:
        return access.may_change(current_user(context["request"]), segment)


class SegmentIn(Schema):
    model_config = ConfigDict(extra="forbid")

    name: str
    description: str = ""
    kind: str = Field(SegmentKind.DYNAMIC.value, description=KIND)
    rules: dict[str, Any] | None = Field(None, description=f"{RULES} Left out: every client.")


class SegmentChange(Schema):
    model_config = ConfigDict(extra="forbid")

    name: str | None = None
    description: str | None = None
    rules: dict[str, Any] | None = Field(None, description=RULES)
    version: int | None = Field(None, description="The version you read, if not in If-Match.")


class RulesIn(Schema):
    model_config = ConfigDict(extra="forbid")

    rules: dict[str, Any] = Field(description=RULES)


class CountOut(Schema):
    count: int = Field(description="How many of the contacts you may see are in it.")


class MemberOut(Schema):
    id: int
    display_name: str
    email: str
    country: str = Field(description="ISO 3166 two-letter code, or empty.")
    language: str
    lifecycle_stage: str


class ContactsIn(Schema):
    model_config = ConfigDict(extra="forbid")

    contacts: list[int] = Field(description="Contact ids; those you may not see are ignored.")


class AddedOut(Schema):
    added: int = Field(description="How many were put on the list (not those already on it).")


class RemovedOut(Schema):
    removed: int


class OperatorOut(Schema):
    op: str
    label: str


class ChoiceOut(Schema):
    value: str
    label: str


class ConditionFieldOut(Schema):
    key: str = Field(description="The condition's field.")
    label: str
    group: str = Field(description="Where a rule builder lists it: Contact, Trading, …")
    kind: str
    operators: list[OperatorOut] = Field(description="The comparisons allowed, as op.")
    takes_days: bool = Field(description="Whether days (only the last N days count) applies.")
    help_text: str
    choices: list[ChoiceOut] | None = Field(
        description="The values on offer; null when any value of the kind goes."
    )


def _member(request: HttpRequest) -> User:
    user = current_user(request)
    if not access.may_view(user):
        raise PermissionDenied(_("Your role does not allow this."))
    return user


def _segments() -> SegmentQuerySet:
    return Segment.objects.order_by("name", "id")


def _with_etag(response: HttpResponse, segment: Segment) -> Segment:
    response["ETag"] = etag(segment.version)
    return segment


def _field_out(field: ConditionField) -> ConditionFieldOut:
    choices = field.choices() if field.choices is not None else None
    return ConditionFieldOut(
        key=field.key,
        label=str(field.label),
        group=str(field.group),
        kind=field.kind.value,
        operators=[OperatorOut(op=op.value, label=str(OP_LABELS[op])) for op in field.operators],
        takes_days=field.takes_days,
        help_text=str(field.help_text),
        choices=None
        if choices is None
        else [ChoiceOut(value=value, label=str(label)) for value, label in choices],
    )


@router.get("", response={200: list[SegmentOut], **documented(401, 403, 422)})
@paginate(KeysetPagination)
def list_segments(request: HttpRequest) -> SegmentQuerySet:
    """Every segment, by name: the firm shares them (who is in one depends on who asks)."""
    _member(request)
    return _segments()


@router.post("", response={201: SegmentOut, **documented(401, 403, 422)})
def create_segment(
    request: HttpRequest, payload: SegmentIn, response: HttpResponse
) -> Status[Segment]:
    """Build a segment by rules, or a fixed list (kind static) to fill by hand."""
    segment = actions.create_segment(by=_member(request), **payload.model_dump())
    response["Location"] = f"{request.path.rstrip('/')}/{segment.pk}"
    return Status(201, _with_etag(response, segment))


@router.get("/fields", response={200: list[ConditionFieldOut], **documented(401, 403)})
def list_condition_fields(request: HttpRequest) -> list[ConditionFieldOut]:
    """What a rule may test, with the comparisons and values each field allows."""
    _member(request)
    return [_field_out(field) for field in available().values()]


@router.post("/count", response={200: CountOut, **documented(401, 403, 422)})
def count_rules(request: HttpRequest, payload: RulesIn) -> dict[str, int]:
    """How many of the contacts you may see unsaved rules keep: the rule builder's live count."""
    user = _member(request)
    try:
        rule = check(payload.rules)
    except RuleError as error:
        # Where the actions report them, so a client handles both alike.
        raise ValidationError(actions.rule_problems(error)) from None
    return {"count": count_matching(rule, user)}


@router.get("/{int:segment_id}", response={200: SegmentOut, **documented(401, 404)})
def get_segment(request: HttpRequest, segment_id: int, response: HttpResponse) -> Segment:
    return _with_etag(response, access.access_segment(current_user(request), segment_id))


@router.patch(
    "/{int:segment_id}",
    response={200: SegmentOut, **documented(401, 403, 404, 409, 422, 428)},
)
def change_segment(
    request: HttpRequest, segment_id: int, payload: SegmentChange, response: HttpResponse
) -> Segment:
    """Rename, describe or change the rules; needs If-Match (or version)."""
    user = current_user(request)
    segment = access.access_segment(user, segment_id, Action.CHANGE)
    version = expected_version(request, payload.version)
    values = payload.model_dump(exclude_unset=True, exclude={"version"})
    return _with_etag(
        response,
        actions.update_segment(segment, by=user, values=values, expected_version=version),
    )


@router.delete(
    "/{int:segment_id}",
    response={204: None, **documented(401, 403, 404, 409, 422, 428)},
)
def delete_segment(request: HttpRequest, segment_id: int) -> Status[None]:
    """Delete a segment no other segment uses; needs If-Match."""
    user = current_user(request)
    segment = access.access_segment(user, segment_id, Action.DELETE)
    actions.delete_segment(segment, by=user, expected_version=expected_version(request))
    return Status(204, None)


@router.get("/{int:segment_id}/count", response={200: CountOut, **documented(401, 404)})
def count_members(request: HttpRequest, segment_id: int) -> dict[str, int]:
    user = current_user(request)
    return {"count": members(access.access_segment(user, segment_id), user).count()}


@router.get(
    "/{int:segment_id}/members", response={200: list[MemberOut], **documented(401, 404, 422)}
)
@paginate(KeysetPagination)
def list_members(request: HttpRequest, segment_id: int) -> ContactQuerySet:
    """The contacts in the segment that you may see, by name."""
    user = current_user(request)
    segment = access.access_segment(user, segment_id)
    return members(segment, user).order_by("display_name", "id")


@router.post(
    "/{int:segment_id}/members",
    response={200: AddedOut, **documented(401, 403, 404, 422)},
)
def add_members(request: HttpRequest, segment_id: int, payload: ContactsIn) -> dict[str, int]:
    """Put contacts on a fixed list; a segment by rules is a 422 (its rules decide)."""
    user = current_user(request)
    segment = access.access_segment(user, segment_id, Action.CHANGE)
    return {"added": actions.add_members(segment, payload.contacts, by=user)}


@router.post(
    "/{int:segment_id}/members/remove",
    response={200: RemovedOut, **documented(401, 403, 404, 422)},
)
def remove_members(request: HttpRequest, segment_id: int, payload: ContactsIn) -> dict[str, int]:
    """Take contacts off a fixed list; a segment by rules is a 422 (its rules decide)."""
    user = current_user(request)
    segment = access.access_segment(user, segment_id, Action.CHANGE)
    return {"removed": actions.remove_members(segment, payload.contacts, by=user)}
