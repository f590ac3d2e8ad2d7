"""Tickets over the REST API:

- ``GET/POST /tickets`` — list (filters ``status``, ``queue``, ``assignee``, ``requester``,
  ``priority``, ``q``; keyset pages, recently active first) and open (channel ``api`` unless
  given);
- ``GET/PATCH/DELETE /tickets/{id}`` — PATCH and DELETE need ``If-Match`` (or a ``version``);
- ``GET/POST /tickets/{id}/messages`` — the thread, and a reply (mailed to the client) or an
  internal note;
- ``POST /tickets/{id}/assign``, ``POST /tickets/{id}/merge``;
- ``GET /ticket-categories``.

A ticket of another team is "not found", as in the web UI; the same actions decide what each
role may do.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import ConfigDict

from sampark.contacts.models import Contact
from sampark.core.api.auth import current_user
from sampark.core.api.errors import ApiError, documented
from sampark.core.api.pagination import KeysetPagination
from sampark.core.api.versions import expected_version, set_etag
from sampark.core.models import User
from sampark.core.records import access_record, can_add
from sampark.core.roles import Action
from sampark.service import actions
from sampark.service.lists import Filters, filtered_tickets
from sampark.service.models import (
    Category,
    MessageKind,
    Priority,
    Ticket,
    TicketChannel,
    TicketMessage,
    TicketStatus,
)

router = Router(tags=["tickets"])

STATUSES = ", ".join(TicketStatus.values)
CHANNELS = ", ".join(TicketChannel.values)
PRIORITIES = ", ".join(f"{value} ({label})" for value, label in Priority.choices)


class TicketOut(Schema):
    id: int = Field(description="Also the ticket's number, shown as #id.")
    subject: str
    requester: int | None = Field(description="The client's contact id; null once deleted.")
    company: int | None
    channel: str = Field(description=f"One of {CHANNELS}.")
    priority: int = Field(description=f"One of {PRIORITIES}.")
    category: int | None
    status: str = Field(description=f"One of {STATUSES}.")
    assignee: int | None
    language: str
    tags: list[str]
    deal: int | None
    transaction: int | None
    root_cause: str
    fix: str
    merged_into: int | None
    first_response_at: datetime | None
    last_client_message_at: datetime | None
    solved_at: datetime | None
    messages_count: int
    owner: int
    team: int | None = Field(description="The queue.")
    created_at: datetime
    updated_at: datetime
    version: int = Field(description="Send back as If-Match to change or delete the ticket.")

    @staticmethod
    def resolve_tags(ticket: Ticket) -> list[str]:
        return sorted((t.name for t in ticket.tags.all()), key=str.casefold)

    @staticmethod
    def resolve_requester(ticket: Ticket) -> int | None:
        return ticket.requester_id

    @staticmethod
    def resolve_company(ticket: Ticket) -> int | None:
        return ticket.company_id

    @staticmethod
    def resolve_category(ticket: Ticket) -> int | None:
        return ticket.category_id

    @staticmethod
    def resolve_assignee(ticket: Ticket) -> int | None:
        return ticket.assignee_id

    @staticmethod
    def resolve_deal(ticket: Ticket) -> int | None:
        return ticket.deal_id

    @staticmethod
    def resolve_transaction(ticket: Ticket) -> int | None:
        return ticket.transaction_id

    @staticmethod
    def resolve_merged_into(ticket: Ticket) -> int | None:
        return ticket.merged_into_id

    @staticmethod
    def resolve_owner(ticket: Ticket) -> int:
        return ticket.owner_id

    @staticmethod
    def resolve_team(ticket: Ticket) -> int | None:
        return ticket.team_id


class AttachmentOut(Schema):
    id: int
    name: str
    size: int
    content_type: str

    @staticmethod
    def resolve_name(attachment: Any) -> str:
        return str(attachment.original_name)


class MessageOut(Schema):
    id: int
    kind: str = Field(description="`client`, `reply` (public) or `note` (internal).")
    channel: str
    author: int | None = Field(description="The user who wrote it; null for the client's own.")
    contact: int | None = Field(description="The contact who wrote a client's message.")
    from_address: str
    body: str
    emailed: bool | None = Field(description="For a reply: whether the mail server took it.")
    attachments: list[AttachmentOut]
    created_at: datetime

    @staticmethod
    def resolve_author(message: TicketMessage) -> int | None:
        return message.author_id

    @staticmethod
    def resolve_contact(message: TicketMessage) -> int | None:
        return message.contact_id

    @staticmethod
    def resolve_emailed(message: TicketMessage) -> bool | None:
        return None if message.mail is None else message.mail.sent_at is not None

    @staticmethod
    def resolve_attachments(message: TicketMessage) -> list[Any]:
        return list(message.attachments.all())


class CategoryOut(Schema):
    id: int
    name: str
    description: str
    is_active: bool


# Inputs carry only what a user may set; values are checked by the model's rules, as the form.
class TicketIn(Schema):
    model_config = ConfigDict(extra="forbid")

    requester: int = Field(description="The client's contact id.")
    subject: str
    body: str = Field(description="What the client asked: the first message of the thread.")
    channel: str = Field(TicketChannel.API, description=f"One of {CHANNELS}.")
    priority: int = Field(Priority.NORMAL, description=f"One of {PRIORITIES}.")
    category: int | None = None
    team: int | None = Field(None, description="The queue; the owner's team when null.")
    assignee: int | None = None
    language: str | None = Field(None, description="The client's language when null.")
    tags: list[str] = []


class TicketPatch(Schema):
    model_config = ConfigDict(extra="forbid")

    subject: str | None = None
    status: str | None = None
    priority: int | None = None
    category: int | None = None
    team: int | None = None
    language: str | None = None
    tags: list[str] | None = None
    deal: int | None = None
    transaction: int | None = None
    root_cause: str | None = None
    fix: str | None = None
    version: int | None = Field(
        None, description="The version you read; or send it as If-Match instead."
    )


class MessageIn(Schema):
    model_config = ConfigDict(extra="forbid")

    kind: str = Field(MessageKind.REPLY, description="`reply` (mailed to the client) or `note`.")
    body: str
    status: str | None = Field(None, description="For a reply: the status to move the ticket to.")


class AssignIn(Schema):
    model_config = ConfigDict(extra="forbid")

    assignee: int | None = Field(description="A user id, or null for nobody.")
    team: int | None = Field(None, description="Move it to this queue as well.")


class SplitIn(Schema):
    model_config = ConfigDict(extra="forbid")

    message: int = Field(description="A client's message (not the first) to split off.")


class MergeIn(Schema):
    model_config = ConfigDict(extra="forbid")

    into: int = Field(description="The ticket that goes on.")


def _invalid(field: str, message: str) -> ApiError:
    return ApiError(
        422, "invalid", _("Some values are not valid; see fields."), fields={field: [message]}
    )


def _choice(name: str, value: object, allowed: list[Any]) -> None:
    if value is not None and value not in allowed:
        raise _invalid(
            name, _("Use one of: %(values)s.") % {"values": ", ".join(map(str, allowed))}
        )


def _user(pk: int | None, field: str) -> User | None:
    if pk is None:
        return None
    user = User.objects.filter(pk=pk, is_active=True).first()
    if user is None:
        raise _invalid(field, _("No such user."))
    return user


def _ids_to_values(values: dict[str, Any]) -> dict[str, Any]:
    """Foreign keys as the model's ``<name>_id`` (the model's validation checks they exist)."""
    for name in ("category", "team", "deal", "transaction"):
        if name in values:
            values[f"{name}_id"] = values.pop(name)
    return values


@router.get("/tickets", response={200: list[TicketOut], **documented(401, 422)})
@paginate(KeysetPagination)
def list_tickets(
    request: HttpRequest,
    status: str = "",
    queue: int | None = None,
    assignee: str = "",
    requester: int | None = None,
    priority: int | None = None,
    q: str = "",
) -> Any:
    """The tickets you may see, recently active first. `status`: one of the statuses, or
    `unsolved` (the default) or `any`; `assignee`: a user id, `me` or `none`."""
    _choice("status", status or None, [*TicketStatus.values, "unsolved", "any"])
    _choice("priority", priority, Priority.values)
    if assignee and not (assignee.isdigit() or assignee in ("me", "none")):
        raise _invalid("assignee", _("A user id, `me` or `none`."))
    user = current_user(request)
    filters = Filters(
        queue="" if queue is None else str(queue),
        status=status,
        priority="" if priority is None else str(priority),
        category="",
        q=q,
        sort="",
        client="" if requester is None else str(requester),
    )
    tickets = filtered_tickets(user, filters).prefetch_related("tags")
    if assignee == "me":
        tickets = tickets.filter(assignee=user)
    elif assignee == "none":
        tickets = tickets.filter(assignee__isnull=True)
    elif assignee:
        tickets = tickets.filter(assignee_id=int(assignee))
    return tickets


@router.post("/tickets", response={201: TicketOut, **documented(401, 403, 422)})
def create_ticket(
    request: HttpRequest, payload: TicketIn, response: HttpResponse
) -> Status[Ticket]:
    user = current_user(request)
    if not can_add(user, Ticket):
        raise PermissionDenied(_("Your role does not allow adding tickets."))
    values: dict[str, Any] = payload.model_dump(exclude_none=True)
    requester = Contact.objects.visible_to(user).filter(pk=values.pop("requester")).first()
    if requester is None:
        raise _invalid("requester", _("No such contact, or you may not see it."))
    _choice("channel", values.get("channel"), TicketChannel.values)
    _choice("priority", values.get("priority"), Priority.values)
    assignee = _user(values.pop("assignee", None), "assignee")
    if assignee is not None:
        values["assignee"] = assignee
    ticket = actions.open_ticket(
        by=user,
        requester=requester,
        subject=values.pop("subject"),
        body=values.pop("body"),
        tags=values.pop("tags"),
        **_ids_to_values(values),
    )
    set_etag(response, ticket)
    response["Location"] = f"{request.path.rstrip('/')}/{ticket.pk}"
    return Status(201, ticket)


@router.get("/tickets/{int:ticket_id}", response={200: TicketOut, **documented(401, 404)})
def get_ticket(request: HttpRequest, ticket_id: int, response: HttpResponse) -> Ticket:
    ticket = access_record(current_user(request), Ticket, ticket_id)
    set_etag(response, ticket)
    return ticket


@router.patch(
    "/tickets/{int:ticket_id}",
    response={200: TicketOut, **documented(401, 403, 404, 409, 422, 428)},
)
def update_ticket(
    request: HttpRequest, ticket_id: int, payload: TicketPatch, response: HttpResponse
) -> Ticket:
    """Change the fields sent; needs If-Match (or `version`) with the version you read."""
    user = current_user(request)
    ticket = access_record(user, Ticket, ticket_id, Action.CHANGE)
    values: dict[str, Any] = payload.model_dump(exclude_unset=True)
    version = expected_version(request, values.pop("version", None))
    _choice("status", values.get("status"), TicketStatus.values)
    _choice("priority", values.get("priority"), Priority.values)
    tags = values.pop("tags", None)
    ticket = actions.update_ticket(
        ticket, by=user, values=_ids_to_values(values), tags=tags, expected_version=version
    )
    set_etag(response, ticket)
    return ticket


@router.delete(
    "/tickets/{int:ticket_id}", response={204: None, **documented(401, 403, 404, 409, 422, 428)}
)
def delete_ticket(request: HttpRequest, ticket_id: int) -> Status[None]:
    """Delete the ticket and its thread; needs If-Match with the version you read."""
    user = current_user(request)
    ticket = access_record(user, Ticket, ticket_id, Action.DELETE)
    actions.delete_ticket(ticket, by=user, expected_version=expected_version(request))
    return Status(204, None)


@router.get(
    "/tickets/{int:ticket_id}/messages", response={200: list[MessageOut], **documented(401, 404)}
)
def list_messages(request: HttpRequest, ticket_id: int) -> list[TicketMessage]:
    """The whole thread, oldest first, internal notes included."""
    ticket = access_record(current_user(request), Ticket, ticket_id)
    thread = ticket.messages.select_related("mail").prefetch_related("attachments")
    return list(thread)


@router.post(
    "/tickets/{int:ticket_id}/messages",
    response={201: MessageOut, **documented(401, 403, 404, 422)},
)
def add_message(request: HttpRequest, ticket_id: int, payload: MessageIn) -> Status[TicketMessage]:
    """A reply (mailed to the client when they have an address) or an internal note."""
    user = current_user(request)
    ticket = access_record(user, Ticket, ticket_id)
    _choice("kind", payload.kind, [MessageKind.REPLY, MessageKind.NOTE])
    if payload.kind == MessageKind.NOTE:
        message = actions.add_note(ticket, by=user, body=payload.body)
    else:
        message = actions.reply(ticket, by=user, body=payload.body, status=payload.status)
    return Status(201, message)


@router.post(
    "/tickets/{int:ticket_id}/assign", response={200: TicketOut, **documented(401, 403, 404, 422)}
)
def assign_ticket(
    request: HttpRequest, ticket_id: int, payload: AssignIn, response: HttpResponse
) -> Ticket:
    """Put someone on the ticket (yourself, to take an unassigned ticket of your queue)."""
    user = current_user(request)
    ticket = access_record(user, Ticket, ticket_id)
    ticket = actions.assign(
        ticket, to=_user(payload.assignee, "assignee"), by=user, team_id=payload.team
    )
    set_etag(response, ticket)
    return ticket


@router.post(
    "/tickets/{int:ticket_id}/merge", response={200: TicketOut, **documented(401, 403, 404, 422)}
)
def merge_ticket(request: HttpRequest, ticket_id: int, payload: MergeIn) -> Ticket:
    """Fold this ticket into `into`; answers with the ticket that goes on."""
    user = current_user(request)
    ticket = access_record(user, Ticket, ticket_id, Action.CHANGE)
    into = access_record(user, Ticket, payload.into, Action.CHANGE)
    return actions.merge(ticket, into=into, by=user)


@router.post(
    "/tickets/{int:ticket_id}/split", response={201: TicketOut, **documented(401, 403, 404, 422)}
)
def split_ticket(request: HttpRequest, ticket_id: int, payload: SplitIn) -> Status[Ticket]:
    """Take a client's message into a new ticket of the same client; answers with the new one."""
    user = current_user(request)
    ticket = access_record(user, Ticket, ticket_id, Action.CHANGE)
    message = ticket.messages.filter(pk=payload.message).first()
    if message is None:
        raise _invalid("message", _("Choose one of the client's messages of this ticket."))
    return Status(201, actions.split(ticket, message, by=user))


@router.get("/ticket-categories", response={200: list[CategoryOut], **documented(401)})
def list_categories(request: HttpRequest) -> list[Category]:
    current_user(request)
    return list(Category.objects.order_by("name"))
