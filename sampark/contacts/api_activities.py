"""Activities (the interaction timeline) over the REST API.

Mounted at the API's root, so its operations are:

- ``GET/POST /activities`` — list (filters ``contact``, ``company``, ``kind``; keyset pages)
  and log one;
- ``GET/PATCH/DELETE /activities/{id}`` — PATCH and DELETE need ``If-Match``;
- ``GET /contacts/{id}/timeline`` — a contact's timeline, newest first;
- ``GET /companies/{id}/timeline`` — a company's, including the activities on its people.

Timelines also carry what other domains add (``contacts.timeline_sources``: deals created, won,
lost, reopened) as entries of their own shape, told apart by ``kind``.

As everywhere in the API, what the caller may not see is "not found". Anyone who can see a
contact or company (and whose role may add records) can log an activity on it; only its author,
or a manager or admin of its team, can change or delete it. Each activity lists its attachments
with their download links; they are uploaded and removed through ``api_attachments``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import ConfigDict

from sampark.contacts import actions, timeline
from sampark.contacts.api_attachments import AttachmentOut
from sampark.contacts.models import (
    Activity,
    ActivityKind,
    ActivityQuerySet,
    Attachment,
    Company,
    Contact,
)
from sampark.contacts.timeline import TimelinePage
from sampark.core.api.auth import current_user
from sampark.core.api.errors import ApiError, documented
from sampark.core.api.pagination import KeysetPagination, PageParams, cursor_error
from sampark.core.api.versions import expected_version, set_etag
from sampark.core.keyset import InvalidCursor
from sampark.core.records import access_record
from sampark.core.roles import Action

router = Router(tags=["activities"])

KINDS = ", ".join(ActivityKind.values)


class ActivityOut(Schema):
    id: int
    kind: str = Field(description=f"One of {KINDS}.")
    direction: str = Field(description="inbound, outbound or internal.")
    subject: str
    body: str = Field(description="Sanitised HTML: p, br, strong, em, ul, ol, li and links.")
    occurred_at: datetime
    contact: int | None = Field(description="The contact's id, or null.")
    company: int | None = Field(description="The company's id, or null.")
    duration_seconds: int | None = Field(description="Calls: how long it lasted.")
    outcome: str = Field(
        description="Calls: connected, no_answer, voicemail, busy, wrong_number or empty."
    )
    from_address: str = Field(description="Emails: the sender.")
    to_addresses: list[str]
    cc_addresses: list[str]
    message_id: str = Field(description="Emails: the Message-ID header; unique when set.")
    starts_at: datetime | None = Field(description="Meetings.")
    ends_at: datetime | None = Field(description="Meetings: not before starts_at.")
    location: str
    video_url: str
    attendees: list[str]
    handle: str = Field(description="Chats, SMS and social: the number, username or channel.")
    attachments: list[AttachmentOut]
    owner: int = Field(description="The author's user id.")
    team: int | None = Field(description="The team that sees it: the record's, when logged.")
    created_at: datetime
    updated_at: datetime
    version: int = Field(description="Send back as If-Match to change or delete the activity.")

    @staticmethod
    def resolve_contact(activity: Activity) -> int | None:
        return activity.contact_id

    @staticmethod
    def resolve_company(activity: Activity) -> int | None:
        return activity.company_id

    @staticmethod
    def resolve_owner(activity: Activity) -> int:
        return activity.owner_id

    @staticmethod
    def resolve_team(activity: Activity) -> int | None:
        return activity.team_id

    @staticmethod
    def resolve_attachments(activity: Activity) -> list[Attachment]:
        return list(activity.attachments.all())


class ActivityIn(Schema):
    """Values are checked by the same rules as the web form (the model's clean)."""

    model_config = ConfigDict(extra="forbid")

    kind: str = Field(description=f"One of {KINDS}.")
    contact: int | None = Field(None, description="The contact's id; this or company or both.")
    company: int | None = Field(None, description="The company's id.")
    direction: str | None = Field(
        None, description="inbound, outbound or internal; a note is internal unless told."
    )
    subject: str = ""
    body: str = Field("", description="Plain text, or HTML (sanitised when stored).")
    occurred_at: datetime | None = Field(None, description="Now, when left out.")
    duration_seconds: int | None = None
    outcome: str = ""
    from_address: str = ""
    to_addresses: list[str] = []
    cc_addresses: list[str] = []
    message_id: str = ""
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    location: str = ""
    video_url: str = ""
    attendees: list[str] = []
    handle: str = ""


class ActivityPatch(Schema):
    """Only the fields sent change; an activity stays on its contact or company."""

    model_config = ConfigDict(extra="forbid")

    kind: str | None = None
    direction: str | None = None
    subject: str | None = None
    body: str | None = None
    occurred_at: datetime | None = None
    duration_seconds: int | None = None
    outcome: str | None = None
    from_address: str | None = None
    to_addresses: list[str] | None = None
    cc_addresses: list[str] | None = None
    message_id: str | None = None
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    location: str | None = None
    video_url: str | None = None
    attendees: list[str] | None = None
    handle: str | None = None
    version: int | None = Field(
        None, description="The version you read; or send it as If-Match instead."
    )


def _readable(activities: ActivityQuerySet) -> ActivityQuerySet:
    return activities.prefetch_related("attachments")


def _of_kind(activities: ActivityQuerySet, kind: str | None) -> ActivityQuerySet:
    if kind is None:
        return activities
    if kind not in ActivityKind.values:
        raise ApiError(
            422,
            "invalid",
            _("Some values are not valid; see fields."),
            fields={"kind": [_("Use one of: %(kinds)s.") % {"kinds": KINDS}]},
        )
    return activities.filter(kind=kind)


@router.get("/activities", response={200: list[ActivityOut], **documented(401, 422)})
@paginate(KeysetPagination)
def list_activities(
    request: HttpRequest,
    contact: int | None = None,
    company: int | None = None,
    kind: str | None = None,
) -> ActivityQuerySet:
    """The activities you may see, newest first. `company` matches activities logged on the
    company itself; its timeline (with its people's) is `/companies/{id}/timeline`."""
    activities = Activity.objects.visible_to(current_user(request))
    if contact is not None:
        activities = activities.filter(contact_id=contact)
    if company is not None:
        activities = activities.filter(company_id=company)
    return _readable(_of_kind(activities, kind))


@router.post("/activities", response={201: ActivityOut, **documented(401, 403, 404, 422)})
def create_activity(
    request: HttpRequest, payload: ActivityIn, response: HttpResponse
) -> Status[Activity]:
    """Log an activity on a contact and/or company you can see."""
    user = current_user(request)
    values: dict[str, Any] = {
        k: v for k, v in payload.model_dump(exclude_unset=True).items() if v is not None
    }
    contact_id, company_id = values.pop("contact", None), values.pop("company", None)
    contact = access_record(user, Contact, contact_id) if contact_id is not None else None
    company = access_record(user, Company, company_id) if company_id is not None else None
    kind = values.pop("kind")
    activity = actions.log_activity(by=user, kind=kind, contact=contact, company=company, **values)
    set_etag(response, activity)
    response["Location"] = f"{request.path.rstrip('/')}/{activity.pk}"
    return Status(201, activity)


@router.get("/activities/{int:activity_id}", response={200: ActivityOut, **documented(401, 404)})
def get_activity(request: HttpRequest, activity_id: int, response: HttpResponse) -> Activity:
    activity = access_record(current_user(request), Activity, activity_id)
    set_etag(response, activity)
    return activity


@router.patch(
    "/activities/{int:activity_id}",
    response={200: ActivityOut, **documented(401, 403, 404, 409, 422, 428)},
)
def update_activity(
    request: HttpRequest, activity_id: int, payload: ActivityPatch, response: HttpResponse
) -> Activity:
    """Change the fields sent; needs If-Match (or `version`) with the version you read."""
    user = current_user(request)
    activity = access_record(user, Activity, activity_id, Action.CHANGE)
    values: dict[str, Any] = payload.model_dump(exclude_unset=True)
    version = expected_version(request, values.pop("version", None))
    actions.update_activity(activity, by=user, values=values, expected_version=version)
    set_etag(response, activity)
    return activity


@router.delete(
    "/activities/{int:activity_id}",
    response={204: None, **documented(401, 403, 404, 409, 422, 428)},
)
def delete_activity(request: HttpRequest, activity_id: int) -> Status[None]:
    """Delete the activity and its attachments; needs If-Match with the version you read."""
    user = current_user(request)
    activity = access_record(user, Activity, activity_id, Action.DELETE)
    version = expected_version(request)
    actions.delete_activity(activity, by=user, expected_version=version)
    return Status(204, None)


class TimelineEventOut(Schema):
    """An entry another part of Sampark adds to the timeline (deals, so far)."""

    kind: str = Field(description="Where it comes from: deal.")
    id: int = Field(description="Unique within its kind (deal: the id of the deal's move).")
    occurred_at: datetime
    event: str = Field(description="What happened; deal: created, won, lost or reopened.")
    label: str = Field(description="What happened, in your language: “Deal won”.")
    title: str = Field(description="What it is about: the deal's name.")
    summary: str = Field(description="One line in your language, or empty.")
    url: str = Field(description="The page of what it is about.")
    by: str = Field(description="Who did it; empty when unknown.")


class TimelineOut(Schema):
    items: list[ActivityOut | TimelineEventOut] = Field(
        description="Activities (kind: call, email…) and other entries (kind: deal), newest first."
    )
    next_cursor: str | None = Field(
        description="Pass as cursor to get the next page; null on the last page."
    )


def _timeline(
    request: HttpRequest, record: Contact | Company, kind: str | None, page: PageParams
) -> TimelinePage:
    if kind is not None and not timeline.is_kind(kind):
        kinds = ", ".join(value for value, _label in timeline.kinds())
        raise ApiError(
            422,
            "invalid",
            _("Some values are not valid; see fields."),
            fields={"kind": [_("Use one of: %(kinds)s.") % {"kinds": kinds}]},
        )
    activities = _readable(timeline.record_activities(current_user(request), record))
    try:
        return timeline.read_page(
            current_user(request),
            record,
            activities,
            kind=kind or "",
            cursor=page.cursor,
            limit=page.limit,
        )
    except InvalidCursor:
        raise cursor_error() from None


@router.get(
    "/contacts/{int:contact_id}/timeline",
    response={200: TimelineOut, **documented(401, 404, 422)},
)
def contact_timeline(
    request: HttpRequest, contact_id: int, page: Query[PageParams], kind: str | None = None
) -> TimelinePage:
    """The contact's activities you may see, and the deals naming them, newest first.
    `kind` narrows it to one kind of activity, or to `deal`."""
    contact = access_record(current_user(request), Contact, contact_id)
    return _timeline(request, contact, kind, page)


@router.get(
    "/companies/{int:company_id}/timeline",
    response={200: TimelineOut, **documented(401, 404, 422)},
)
def company_timeline(
    request: HttpRequest, company_id: int, page: Query[PageParams], kind: str | None = None
) -> TimelinePage:
    """The company's activities and those on its people, and the deals naming the company,
    newest first. `kind` narrows it to one kind of activity, or to `deal`."""
    company = access_record(current_user(request), Company, company_id)
    return _timeline(request, company, kind, page)
