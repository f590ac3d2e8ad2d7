"""Every write to tickets: opened (by hand, by email, later the web form, portal and API),
changed, assigned or taken, answered, noted, written to by the client, merged, deleted.

The conversation drives the status, as a service desk expects: an agent's public reply takes a
new ticket to open (or to pending or solved, as the agent chooses when sending); the client
writing again brings a pending or solved ticket back to open. Each write is audited through
``core.records``; the thread's own bookkeeping (counts, when the client last wrote) is not.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sampark.collab.models import NotificationKind
from sampark.collab.notifications import notify_after_commit
from sampark.contacts import actions as contact_actions
from sampark.contacts.models import Contact
from sampark.core.models import User
from sampark.core.records import (
    StaleVersion,
    can,
    create_record,
    delete_record,
    update_record,
)
from sampark.core.roles import Action
from sampark.lib import filetypes
from sampark.service import routing, search_documents, sla
from sampark.service.models import (
    MessageKind,
    Priority,
    Ticket,
    TicketAttachment,
    TicketChannel,
    TicketMessage,
    TicketStatus,
)

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise as _StrPromise


# Set by the conversation or by assignment, never by an edit of the ticket's fields.
_FIXED = frozenset({"assignee", "owner", "merged_into", "mailbox", "requester"})
# A client's answer brings these back to the firm's desk.
_WAITING = (TicketStatus.PENDING, TicketStatus.SOLVED, TicketStatus.ON_HOLD)
MAX_BULK = 500


@dataclass(frozen=True)
class Mail:
    """How a message travelled by email, for threading the answers to it."""

    message_id: str = ""
    from_name: str = ""
    from_address: str = ""
    to: Sequence[str] = field(default_factory=tuple)


# --------------------------------------------------------------------------------------------
# Opening and changing


def open_ticket(
    *,
    by: User,
    subject: str,
    body: str,
    requester: Contact | None,
    channel: str = TicketChannel.PHONE,
    attachments: Sequence[UploadedFile] = (),
    tags: Iterable[str] | None = None,
    mail: Mail | None = None,
    **values: Any,
) -> Ticket:
    """A new ticket with the client's request as the first message of its thread.

    ``by`` received it (an agent typing in a call; a mailbox's owner for mail), and owns it
    unless ``owner`` is given; an ``assignee`` given also becomes its owner.
    """
    names = _checked(tags, subject=subject, body=body)
    checked = contact_actions.check_attachments(attachments)
    if requester is not None and "company" not in values and "company_id" not in values:
        values["company_id"] = _main_company(requester)
    if requester is not None and "language" not in values:
        values["language"] = requester.language
    if values.get("assignee") is not None:
        # Someone is on it from the start, as when a new ticket is assigned.
        values["owner"] = values["assignee"]
        values.setdefault("status", TicketStatus.OPEN)
    now = timezone.now()
    with contact_actions.files_kept_only_on_success() as stored, transaction.atomic():
        ticket = create_record(
            Ticket,
            by=by,
            subject=subject,
            requester=requester,
            channel=channel,
            last_client_message_at=now,
            **values,
        )
        if names:
            ticket.tags.set(contact_actions.resolve_tags(names))
        _add_message(
            ticket,
            kind=MessageKind.CLIENT,
            body=body,
            channel=channel,
            author=None if mail else by,
            contact=requester,
            mail=mail,
            checked=checked,
            stored=stored,
            at=now,
        )
        if ticket.assignee is None and (agent := routing.pick_agent(ticket)) is not None:
            hand_to(ticket, agent, by=by)
        written(ticket)
    if ticket.assignee is not None and ticket.assignee != by:
        _tell_assignee(ticket, by)
    return ticket


def written(ticket: Ticket) -> None:
    """What follows every change of a ticket, in its transaction: its due times and its
    search document."""
    sla.refresh(ticket)
    search_documents.index(ticket)


def _checked(tags: Iterable[str] | None, **text: str) -> list[str] | None:
    """The clean tag names; every bad field (tags, an empty subject or message) at once."""
    errors: dict[str, list[str]] = {}
    for name, value in text.items():
        if not value.strip():
            errors[name] = [_("This field is required.")]
    names = None
    try:
        names = contact_actions.clean_tag_names(tags) if tags is not None else None
    except ValidationError as error:
        errors["tags"] = error.messages
    if errors:
        raise ValidationError(errors)
    return names


def _main_company(contact: Contact) -> int | None:
    """The company a client's ticket is for: the one they are listed with first."""
    return (
        contact.affiliations.order_by("id").values_list("company_id", flat=True).first()
        if contact.pk
        else None
    )


def update_ticket(
    ticket: Ticket,
    *,
    by: User,
    values: dict[str, Any],
    tags: Iterable[str] | None = None,
    expected_version: int | None = None,
) -> Ticket:
    """Change the fields given (status, priority, queue, category, what it relates to, the
    problem's cause and fix); ``tags`` None leaves the tags as they are."""
    if fixed := _FIXED & values.keys():
        raise ValueError(f"Not settable by an edit: {', '.join(sorted(fixed))}")
    if not can(by, Action.CHANGE, ticket):
        raise PermissionDenied(_("Your role does not allow this on this record."))
    return _update(ticket, by=by, values=values, tags=tags, expected_version=expected_version)


def _update(
    ticket: Ticket,
    *,
    by: User,
    values: dict[str, Any],
    tags: Iterable[str] | None = None,
    expected_version: int | None = None,
) -> Ticket:
    """The change itself, for the checked ``update_ticket`` and for what the desk's own rules
    change whoever holds the ticket (the client answering reopens it; a missed SLA raises it)."""
    names = _checked(tags, subject=values.get("subject", ticket.subject))
    values = {**values, **_status_times(ticket, values.get("status", ticket.status))}
    before = ticket.status
    with transaction.atomic():
        ticket = update_record(ticket, by=by, values=values, expected_version=expected_version)
        if names is not None:
            ticket.tags.set(contact_actions.resolve_tags(names))
        sla.track_pause(ticket, before, ticket.status, timezone.now())
        if ticket.status == TicketStatus.SOLVED and before != TicketStatus.SOLVED:
            # How did it go? Asked a little after it is committed (service/csat.py: the task
            # send_satisfaction_survey, which asks once per solving, while unrated).
            from sampark.service import csat

            solved = ticket.pk
            transaction.on_commit(lambda: csat.ask_later(solved))
        written(ticket)
    return ticket


def escalate_priority(ticket: Ticket, *, by: User) -> Ticket:
    """One step more urgent (a missed SLA target's escalation); urgent stays urgent."""
    if ticket.priority >= Priority.URGENT:
        return ticket
    return _update(ticket, by=by, values={"priority": ticket.priority + 1})


def _status_times(ticket: Ticket, status: str) -> dict[str, Any]:
    """When the ticket was solved follows its status: set on solving, cleared on reopening."""
    if status in (TicketStatus.SOLVED, TicketStatus.CLOSED):
        return {} if ticket.solved_at else {"solved_at": timezone.now()}
    return {"solved_at": None} if ticket.solved_at else {}


def delete_ticket(ticket: Ticket, *, by: User, expected_version: int | None = None) -> None:
    if not can(by, Action.DELETE, ticket):
        raise PermissionDenied(_("Your role does not allow this on this record."))
    with transaction.atomic():
        search_documents.unindex(ticket)
        delete_record(ticket, by=by, expected_version=expected_version)


# --------------------------------------------------------------------------------------------
# Assignment


def may_take(user: User, ticket: Ticket) -> bool:
    """Whether ``user`` may take this ticket for themselves: one nobody is on yet, in a queue
    they see, while their role lets them work tickets at all. Agents change only their own
    records; taking an unassigned ticket of their team's queue is how one becomes theirs."""
    return (
        ticket.assignee_id is None
        and ticket.is_unsolved
        and routing.works_tickets(user)
        and ticket.team_id in user.team_ids()
    )


def may_note(user: User, ticket: Ticket) -> bool:
    """Whether ``user`` may add an internal note: anyone who sees the ticket and may work
    tickets. A note tells the people on it something; it changes nothing of the ticket."""
    return can(user, Action.CHANGE, ticket) or routing.works_tickets(user)


def assign(ticket: Ticket, *, to: User | None, by: User, team_id: int | None = None) -> Ticket:
    """Put ``to`` on the ticket (None: nobody), optionally into another queue. The assignee
    becomes the owner, so the permission layer gives them the ticket; unassigning keeps the
    owner, so the ticket stays someone's until the next person takes it."""
    taking = to == by and may_take(by, ticket)
    if not (taking or can(by, Action.CHANGE, ticket)):
        raise PermissionDenied(_("You may not assign this ticket."))
    if (
        to is not None
        and to != by
        and not contact_actions.assignable_owners(by).filter(pk=to.pk).exists()
    ):
        raise PermissionDenied(_("You may not hand tickets to this person."))
    values: dict[str, Any] = {"assignee": to}
    if to is not None:
        values["owner"] = to
        if team_id is None and ticket.team_id not in to.team_ids():
            values["team_id"] = next(iter(to.team_ids()), ticket.team_id)
    if team_id is not None:
        values["team_id"] = team_id
    if ticket.status == TicketStatus.NEW and to is not None:
        values["status"] = TicketStatus.OPEN
    with transaction.atomic():
        ticket = update_record(ticket, by=by, values=values)
        written(ticket)
    if to is not None and to != by:
        _tell_assignee(ticket, by)
    return ticket


def hand_to(ticket: Ticket, agent: User, *, by: User) -> None:
    """Put ``agent`` on the ticket because a rule of the desk says so (the queue's routing, an
    SLA's escalation), not because ``by`` may: in the caller's transaction, nobody told."""
    values: dict[str, Any] = {"assignee": agent, "owner": agent}
    if ticket.status == TicketStatus.NEW:
        values["status"] = TicketStatus.OPEN
    update_record(ticket, by=by, values=values)


def _tell_assignee(ticket: Ticket, by: User) -> None:
    _tell(
        ticket,
        NotificationKind.ASSIGNED,
        gettext_lazy("{by} assigned you the ticket {number}: {subject}"),
        by,
    )


def _tell(
    ticket: Ticket, kind: NotificationKind, text: _StrPromise, by: User | None = None
) -> None:
    """Tell the ticket's assignee (in their language, once this commits) what ``text`` says,
    with the ticket's ``{number}`` and ``{subject}`` and who did it (``{by}``)."""
    if ticket.assignee is None or ticket.assignee == by:
        return
    notify_after_commit(
        ticket.assignee,
        kind=kind,
        message=format_lazy(text, by=str(by), number=ticket.number, subject=ticket.subject),
        url=ticket.get_absolute_url(),
    )


@dataclass
class BulkOutcome:
    done: int = 0
    skipped: int = 0


def bulk_change(ids: Iterable[int], *, by: User, values: dict[str, Any]) -> BulkOutcome:
    """Apply ``values`` (status, priority, or an ``assignee``) to each ticket ``by`` may change;
    the others are skipped and counted."""
    wanted = list(dict.fromkeys(ids))[:MAX_BULK]
    outcome = BulkOutcome(skipped=len(wanted))
    assignee = values.pop("assignee", None)
    for ticket in Ticket.objects.visible_to(by, Action.CHANGE).filter(pk__in=wanted):
        try:
            if assignee is not None:
                assign(ticket, to=assignee, by=by)
            if values:
                update_ticket(ticket, by=by, values=dict(values))
        except (ValidationError, StaleVersion, PermissionDenied):
            continue
        outcome.done += 1
        outcome.skipped -= 1
    return outcome


# --------------------------------------------------------------------------------------------
# The conversation


def reply(
    ticket: Ticket,
    *,
    by: User,
    body: str,
    status: str | None = None,
    attachments: Sequence[UploadedFile] = (),
    send_email: bool = True,
) -> TicketMessage:
    """A public reply from the agent ``by``, mailed to the client when they have an address;
    the ticket moves to ``status`` (default: open, if it was new)."""
    if not can(by, Action.CHANGE, ticket):
        raise PermissionDenied(_("You may not answer this ticket; take it or ask its owner."))
    _checked(None, body=body)
    if status is not None and status not in TicketStatus.values:
        raise ValidationError({"status": _("Choose a valid status.")})
    checked = contact_actions.check_attachments(attachments)
    next_status = status or (TicketStatus.OPEN if ticket.status == TicketStatus.NEW else None)
    with contact_actions.files_kept_only_on_success() as stored, transaction.atomic():
        message = _add_message(
            ticket,
            kind=MessageKind.REPLY,
            body=body,
            channel=ticket.channel,
            author=by,
            checked=checked,
            stored=stored,
        )
        if ticket.first_response_at is None:
            Ticket.objects.filter(pk=ticket.pk).update(first_response_at=message.created_at)
            ticket.first_response_at = message.created_at
        if next_status and next_status != ticket.status:
            _update(ticket, by=by, values={"status": next_status})
        else:
            written(ticket)
    if send_email:
        from sampark.service import mailing

        mailing.send_reply(ticket, message, by=by)
    return message


def add_note(
    ticket: Ticket, *, by: User, body: str, attachments: Sequence[UploadedFile] = ()
) -> TicketMessage:
    """An internal note: seen by the team, never by the client; tells the assignee."""
    if not may_note(by, ticket):
        raise PermissionDenied(_("Your role does not allow notes on tickets."))
    _checked(None, body=body)
    checked = contact_actions.check_attachments(attachments)
    with contact_actions.files_kept_only_on_success() as stored, transaction.atomic():
        message = _add_message(
            ticket,
            kind=MessageKind.NOTE,
            body=body,
            channel=ticket.channel,
            author=by,
            checked=checked,
            stored=stored,
        )
    _tell(
        ticket,
        NotificationKind.COMMENT,
        gettext_lazy("{by} added a note to {number}: {subject}"),
        by,
    )
    return message


def system_note(ticket: Ticket, body: str) -> TicketMessage:
    """A note Sampark itself adds (a ticket following a closed one, say): no author."""
    return _add_message(
        ticket,
        kind=MessageKind.NOTE,
        body=body,
        channel=ticket.channel,
        author=None,
        checked=[],
        stored=[],
    )


def client_wrote(
    ticket: Ticket,
    *,
    by: User,
    body: str,
    contact: Contact | None,
    channel: str,
    mail: Mail | None = None,
    attachments: Sequence[UploadedFile] = (),
) -> TicketMessage:
    """The client (or someone on the thread) wrote again: their message joins the thread and a
    ticket waiting on them, or solved, is open again. ``by``: whom the system writes as."""
    checked = contact_actions.check_attachments(attachments)
    with contact_actions.files_kept_only_on_success() as stored, transaction.atomic():
        message = _add_message(
            ticket,
            kind=MessageKind.CLIENT,
            body=body,
            channel=channel,
            author=None,
            contact=contact,
            mail=mail,
            checked=checked,
            stored=stored,
        )
        Ticket.objects.filter(pk=ticket.pk).update(last_client_message_at=message.created_at)
        if ticket.status in _WAITING:
            _update(ticket, by=by, values={"status": TicketStatus.OPEN})
        else:
            written(ticket)
    _tell(
        ticket, NotificationKind.FOLLOWED, gettext_lazy("The client answered {number}: {subject}")
    )
    return message


def _add_message(
    ticket: Ticket,
    *,
    kind: str,
    body: str,
    channel: str,
    author: User | None,
    checked: list[tuple[UploadedFile, filetypes.FileType, str]],
    stored: list[str],
    contact: Contact | None = None,
    mail: Mail | None = None,
    at: Any = None,
) -> TicketMessage:
    mail = mail or Mail()
    message = TicketMessage.objects.create(
        ticket=ticket,
        kind=kind,
        channel=channel,
        author=author,
        contact=contact,
        body=body,
        message_id=mail.message_id,
        from_name=mail.from_name[:200],
        from_address=mail.from_address[:254],
        to_addresses=list(mail.to),
        created_at=at or timezone.now(),
    )

    def make(name: str, size: int, content_type: str) -> TicketAttachment:
        return TicketAttachment(
            message=message, original_name=name, size=size, content_type=content_type
        )

    contact_actions.store_uploads(checked, stored, make)
    # The thread moved: the ticket rises in lists sorted by recent activity.
    Ticket.objects.filter(pk=ticket.pk).update(
        messages_count=F("messages_count") + 1, updated_at=message.created_at
    )
    ticket.updated_at = message.created_at
    return message


# --------------------------------------------------------------------------------------------
# Merging


def merge(ticket: Ticket, *, into: Ticket, by: User) -> Ticket:
    """Fold ``ticket`` (the same problem asked twice) into ``into``: its thread moves over, a
    note on each says so, and it is closed pointing to where it went. Needs both changeable."""
    if ticket.pk == into.pk:
        raise ValidationError({"into": _("A ticket cannot be merged into itself.")})
    if into.merged_into_id is not None:
        raise ValidationError({"into": _("That ticket was itself merged into another.")})
    if not (can(by, Action.CHANGE, ticket) and can(by, Action.CHANGE, into)):
        raise PermissionDenied(_("You may merge only tickets you may change."))
    with transaction.atomic():
        moved = TicketMessage.objects.filter(ticket=ticket).update(ticket=into)
        Ticket.objects.filter(pk=into.pk).update(messages_count=F("messages_count") + moved)
        Ticket.objects.filter(pk=ticket.pk).update(messages_count=0)
        ticket.refresh_from_db()
        update_record(
            ticket,
            by=by,
            values={
                "merged_into": into,
                "status": TicketStatus.CLOSED,
                **_status_times(ticket, TicketStatus.CLOSED),
            },
        )
        _add_message(
            into,
            kind=MessageKind.NOTE,
            body=_("%(number)s was merged into this ticket; its messages are above.")
            % {"number": ticket.number},
            channel=into.channel,
            author=by,
            checked=[],
            stored=[],
        )
        written(ticket)
        written(into)
    return into


def split(ticket: Ticket, message: TicketMessage, *, by: User) -> Ticket:
    """Take a client's message that asks something else out of ``ticket`` into a new ticket of
    the same client, in the same queue: from that message on, the two are answered apart. A
    note on each says where the other is."""
    if not can(by, Action.CHANGE, ticket):
        raise PermissionDenied(_("You may split only tickets you may change."))
    if message.ticket_id != ticket.pk or message.kind != MessageKind.CLIENT:
        raise ValidationError({"message": _("Choose one of the client's messages of this ticket.")})
    if not ticket.messages.filter(created_at__lt=message.created_at).exists():
        raise ValidationError({"message": _("The first message is the ticket itself.")})
    subject = _("%(subject)s (split from %(number)s)") % {
        "subject": ticket.subject,
        "number": ticket.number,
    }
    with transaction.atomic():
        new = create_record(
            Ticket,
            by=by,
            owner=ticket.owner,
            team_id=ticket.team_id,
            assignee=ticket.assignee,
            subject=subject[:300],
            requester=ticket.requester,
            company_id=ticket.company_id,
            channel=message.channel,
            priority=ticket.priority,
            category_id=ticket.category_id,
            language=ticket.language,
            mailbox_id=ticket.mailbox_id,
            status=TicketStatus.OPEN if ticket.assignee_id else TicketStatus.NEW,
            last_client_message_at=message.created_at,
        )
        TicketMessage.objects.filter(pk=message.pk).update(ticket=new)
        Ticket.objects.filter(pk=new.pk).update(messages_count=1)
        Ticket.objects.filter(pk=ticket.pk).update(messages_count=F("messages_count") - 1)
        for on, other, text in (
            (ticket, new, _("A message was split off into %(number)s.")),
            (new, ticket, _("Split off from %(number)s.")),
        ):
            _add_message(
                on,
                kind=MessageKind.NOTE,
                body=text % {"number": other.number},
                channel=on.channel,
                author=by,
                checked=[],
                stored=[],
            )
        written(ticket)
        written(new)
    new.refresh_from_db()
    return new
