"""Tasks and meeting slots over the REST API.

Mounted at the API's root, so its operations are:

- ``GET/POST /tasks`` — list (filters ``assignee`` = ``me`` or a user id, ``status``,
  ``contact``, ``company``, ``due_before``, ``due_after``; keyset pages, soonest due first) and
  create one;
- ``GET/PATCH/PUT/DELETE /tasks/{id}`` — PATCH, PUT and DELETE need ``If-Match``;
- ``POST /tasks/{id}/complete`` — mark it done (again: no change); ``If-Match`` optional;
- ``GET /contacts/{id}/tasks`` — a contact's tasks;
- ``GET /contacts/{id}/slots`` — meeting times that suit both you and the contact.

The assignee is the task's owner, so the usual rule applies: you see your team's tasks, and
change your own (a manager, their team's). An agent gives tasks only to themselves, a manager to
members of their teams, an admin to anyone; a contact or company you may not see is refused
with the words used for one that does not exist.
"""

# No ``from __future__ import annotations`` here: ninja's pagination wrapper reads the
# operations' annotations in its own module's namespace, where a string "datetime.datetime"
# means nothing. Evaluated at definition, they need no resolving.
import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import ConfigDict

from sampark.agenda import actions
from sampark.agenda.models import Task, TaskQuerySet, TaskStatus
from sampark.agenda.slots import suggest_slots
from sampark.agenda.timefmt import format_when
from sampark.contacts.models import Company, Contact
from sampark.core.api.auth import current_user
from sampark.core.api.errors import ApiError, documented
from sampark.core.api.pagination import KeysetPagination
from sampark.core.api.versions import expected_version, set_etag
from sampark.core.models import User
from sampark.core.records import access_record
from sampark.core.roles import Action

router = Router(tags=["tasks"])

STATUSES = ", ".join(TaskStatus.values)

# Query parameters with their constraints and descriptions (for the OpenAPI schema).
ASSIGNEE = Query(None, description="me, or a user id.")
STATUS = Query(None, description=f"One of {STATUSES}.")
DURATION = Query(30, ge=5, le=480, description="The meeting's length in minutes.")
DAYS = Query(7, ge=1, le=31, description="How many days to look ahead.")
COUNT = Query(8, ge=1, le=50, description="At most this many slots.")
START = Query(None, description="The first day; your today if left out.")


class TaskOut(Schema):
    id: int
    title: str
    notes: str
    assignee: int = Field(description="The user the task is assigned to (its owner).")
    team: int | None = Field(description="The team that sees the task.")
    contact: int | None
    company: int | None
    due_at: datetime.datetime | None
    priority: str = Field(description="low, normal, high or urgent.")
    status: str = Field(description=f"One of {STATUSES}.")
    completed_at: datetime.datetime | None
    progress: int = Field(description="Per cent, 0 to 100.")
    recurrence: str = Field(description="none, daily, weekdays, weekly, monthly or yearly.")
    previous: int | None = Field(description="The occurrence this one follows, if recurring.")
    remind_at: datetime.datetime | None
    reminded_at: datetime.datetime | None = Field(description="When the reminder went out.")
    created_at: datetime.datetime
    updated_at: datetime.datetime
    version: int = Field(description="Send back as If-Match to change or delete the task.")

    @staticmethod
    def resolve_assignee(task: Task) -> int:
        return task.owner_id

    @staticmethod
    def resolve_team(task: Task) -> int | None:
        return task.team_id

    @staticmethod
    def resolve_contact(task: Task) -> int | None:
        return task.contact_id

    @staticmethod
    def resolve_company(task: Task) -> int | None:
        return task.company_id

    @staticmethod
    def resolve_previous(task: Task) -> int | None:
        return task.previous_id


class TaskIn(Schema):
    """Values are checked by the same rules as the web form (the model's and the actions')."""

    model_config = ConfigDict(extra="forbid")

    title: str
    notes: str = ""
    assignee: int | None = Field(None, description="A user id; yourself when left out.")
    contact: int | None = Field(None, description="The contact's id, or none.")
    company: int | None = Field(None, description="The company's id, or none.")
    due_at: datetime.datetime | None = Field(None, description="With a time zone; without, yours.")
    priority: str = Field("normal", description="low, normal, high or urgent.")
    status: str = Field("open", description=f"One of {STATUSES}.")
    progress: int = Field(0, description="Per cent, 0 to 100.")
    recurrence: str = Field("none", description="none, daily, weekdays, weekly, monthly or yearly.")
    remind_at: datetime.datetime | None = Field(None, description="When to remind the assignee.")


class TaskReplace(TaskIn):
    """Every field is replaced: one left out takes its default, as on creation."""

    version: int | None = Field(
        None, description="The version you read; or send it as If-Match instead."
    )


class TaskPatch(Schema):
    """Only the fields sent change."""

    model_config = ConfigDict(extra="forbid")

    title: str | None = None
    notes: str | None = None
    assignee: int | None = None
    contact: int | None = None
    company: int | None = None
    due_at: datetime.datetime | None = None
    priority: str | None = None
    status: str | None = None
    progress: int | None = None
    recurrence: str | None = None
    remind_at: datetime.datetime | None = None
    version: int | None = Field(
        None, description="The version you read; or send it as If-Match instead."
    )


class SlotOut(Schema):
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    your_time: str = Field(description="The start on your clock, in your language.")
    their_time: str = Field(description="The start on the contact's clock.")


class HolidayOut(Schema):
    date: datetime.date
    name: str
    country: str


class SlotsOut(Schema):
    slots: list[SlotOut]
    your_time_zone: str
    their_time_zone: str
    their_time_zone_known: bool = Field(
        description="False when the contact has no time zone and yours was assumed."
    )
    skipped_holidays: list[HolidayOut] = Field(
        description="Public holidays in the range that took a working day from either side."
    )


def _invalid(field: str, message: str) -> ApiError:
    return ApiError(
        422, "invalid", _("Some values are not valid; see fields."), fields={field: [message]}
    )


def _as_api_fields(error: ValidationError) -> ValidationError:
    """The action's field names as the API spells them (``owner`` is ``assignee`` here)."""
    if not hasattr(error, "error_dict"):
        return error
    return ValidationError(
        {("assignee" if k == "owner" else k): v for k, v in error.error_dict.items()}
    )


def _resolve(user: User, values: dict[str, Any]) -> dict[str, Any]:
    """Turn the ids sent into records, each checked; every bad one reported at once."""
    errors: dict[str, list[str]] = {}
    if "assignee" in values:
        pk = values.pop("assignee")
        if pk is None:
            values["owner"] = user
        else:
            values["owner"] = User.objects.filter(pk=pk).first()
            if values["owner"] is None:
                errors["assignee"] = [_("There is no such user.")]
    try:
        if values.get("contact") is not None:
            values["contact"] = actions.visible_or_error(
                user, Contact, values["contact"], "contact"
            )
    except ValidationError as error:
        errors.update(error.message_dict)
    try:
        if values.get("company") is not None:
            values["company"] = actions.visible_or_error(
                user, Company, values["company"], "company"
            )
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    return values


@router.get("/tasks", response={200: list[TaskOut], **documented(401, 422)})
@paginate(KeysetPagination)
def list_tasks(
    request: HttpRequest,
    assignee: str | None = ASSIGNEE,
    status: str | None = STATUS,
    contact: int | None = None,
    company: int | None = None,
    due_before: datetime.datetime | None = None,
    due_after: datetime.datetime | None = None,
) -> TaskQuerySet:
    """The tasks you may see, soonest due first (undated ones last)."""
    user = current_user(request)
    tasks = Task.objects.visible_to(user)
    if assignee == "me":
        tasks = tasks.assigned_to(user)
    elif assignee is not None:
        if not assignee.isdigit():
            raise _invalid("assignee", _("Use me, or a user id."))
        tasks = tasks.filter(owner_id=int(assignee))
    if status is not None:
        if status not in TaskStatus.values:
            raise _invalid("status", _("Use one of: %(values)s.") % {"values": STATUSES})
        tasks = tasks.filter(status=status)
    if contact is not None:
        tasks = tasks.filter(contact_id=contact)
    if company is not None:
        tasks = tasks.filter(company_id=company)
    if due_before is not None:
        tasks = tasks.filter(due_at__lt=due_before)
    if due_after is not None:
        tasks = tasks.filter(due_at__gte=due_after)
    return tasks.soonest_first()


@router.post("/tasks", response={201: TaskOut, **documented(401, 403, 422)})
def create_task(request: HttpRequest, payload: TaskIn, response: HttpResponse) -> Status[Task]:
    """Create a task, for yourself unless `assignee` names someone you may give tasks to."""
    user = current_user(request)
    try:
        values = _resolve(user, payload.model_dump())
        task = actions.create_task(by=user, **values)
    except ValidationError as error:
        raise _as_api_fields(error) from None
    set_etag(response, task)
    response["Location"] = f"{request.path.rstrip('/')}/{task.pk}"
    return Status(201, task)


@router.get("/tasks/{int:task_id}", response={200: TaskOut, **documented(401, 404)})
def get_task(request: HttpRequest, task_id: int, response: HttpResponse) -> Task:
    task = access_record(current_user(request), Task, task_id)
    set_etag(response, task)
    return task


def _change(request: HttpRequest, task_id: int, values: dict[str, Any]) -> Task:
    user = current_user(request)
    task = access_record(user, Task, task_id, Action.CHANGE)
    version = expected_version(request, values.pop("version", None))
    try:
        return actions.update_task(
            task, by=user, values=_resolve(user, values), expected_version=version
        )
    except ValidationError as error:
        raise _as_api_fields(error) from None


@router.patch(
    "/tasks/{int:task_id}", response={200: TaskOut, **documented(401, 403, 404, 409, 422, 428)}
)
def patch_task(
    request: HttpRequest, task_id: int, payload: TaskPatch, response: HttpResponse
) -> Task:
    """Change the fields sent; needs If-Match (or `version`) with the version you read."""
    values = payload.model_dump(exclude_unset=True)
    if "assignee" in values and values["assignee"] is None:
        raise _invalid("assignee", _("A task is always assigned to someone."))
    task = _change(request, task_id, values)
    set_etag(response, task)
    return task


@router.put(
    "/tasks/{int:task_id}", response={200: TaskOut, **documented(401, 403, 404, 409, 422, 428)}
)
def replace_task(
    request: HttpRequest, task_id: int, payload: TaskReplace, response: HttpResponse
) -> Task:
    """Replace the task; fields left out take their defaults (the assignee: you)."""
    task = _change(request, task_id, payload.model_dump())
    set_etag(response, task)
    return task


@router.delete(
    "/tasks/{int:task_id}", response={204: None, **documented(401, 403, 404, 409, 422, 428)}
)
def delete_task(request: HttpRequest, task_id: int) -> Status[None]:
    """Delete the task; needs If-Match with the version you read."""
    user = current_user(request)
    task = access_record(user, Task, task_id, Action.DELETE)
    actions.delete_task(task, by=user, expected_version=expected_version(request))
    return Status(204, None)


@router.post(
    "/tasks/{int:task_id}/complete",
    response={200: TaskOut, **documented(401, 403, 404, 409, 422)},
)
def complete_task(request: HttpRequest, task_id: int, response: HttpResponse) -> Task:
    """Mark the task done; a recurring one brings its next occurrence. Completing a done task
    changes nothing. If-Match is optional: send it to refuse a task changed since you read it."""
    user = current_user(request)
    task = access_record(user, Task, task_id, Action.CHANGE)
    version = expected_version(request) if "If-Match" in request.headers else None
    task = actions.complete_task(task, by=user, expected_version=version)
    set_etag(response, task)
    return task


@router.get(
    "/contacts/{int:contact_id}/tasks",
    response={200: list[TaskOut], **documented(401, 404, 422)},
)
@paginate(KeysetPagination)
def contact_tasks(request: HttpRequest, contact_id: int) -> TaskQuerySet:
    """The contact's tasks you may see, soonest due first."""
    user = current_user(request)
    contact = access_record(user, Contact, contact_id)
    return Task.objects.visible_to(user).on_contact(contact).soonest_first()


@router.get(
    "/contacts/{int:contact_id}/slots", response={200: SlotsOut, **documented(401, 404, 422)}
)
def contact_slots(
    request: HttpRequest,
    contact_id: int,
    duration: int = DURATION,
    days: int = DAYS,
    count: int = COUNT,
    start: datetime.date | None = START,
) -> Any:
    """Meeting start times inside both your working hours and the contact's (09:00 to 17:00 on
    each clock; their country's weekend and public holidays; clear of your meetings)."""
    user = current_user(request)
    contact = access_record(user, Contact, contact_id)
    found = suggest_slots(
        user,
        contact,
        duration=datetime.timedelta(minutes=duration),
        start_date=start,
        days=days,
        count=count,
    )
    return {
        "slots": [
            {
                "starts_at": slot.starts_at,
                "ends_at": slot.ends_at,
                "your_time": format_when(slot.starts_at, found.user_zone),
                "their_time": format_when(slot.starts_at, found.contact_zone),
            }
            for slot in found.slots
        ],
        "your_time_zone": found.user_zone,
        "their_time_zone": found.contact_zone,
        "their_time_zone_known": found.contact_zone_known,
        "skipped_holidays": found.skipped_holidays,
    }
