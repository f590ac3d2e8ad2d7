"""The ticket pages: the queues (list with filters and bulk changes), a ticket with its thread
and answer box, and the forms around it. Thin views over the permission layer and
``service.actions``."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, Q, QuerySet
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sampark.contacts.actions import assignable_owners
from sampark.contacts.attachments import download_response
from sampark.contacts.models import Contact
from sampark.core import cached
from sampark.core.counting import count_up_to
from sampark.core.forms import add_action_error
from sampark.core.history import history
from sampark.core.http import (
    AuthenticatedRequest,
    next_url,
    render_fragment_or_page,
    wants_fragment,
)
from sampark.core.keyset import InvalidCursor, keyset_page, page_url
from sampark.core.models import AuditEntry, Team, User
from sampark.core.records import StaleVersion, access_record, can, can_add
from sampark.core.roles import Action
from sampark.core.views.workspace import is_admin
from sampark.listviews.state import list_state
from sampark.service import actions, canned, mailing, routing, sla
from sampark.service.forms import (
    AnswerForm,
    AssignForm,
    MergeForm,
    NewTicketForm,
    TicketBulkForm,
    TicketForm,
)
from sampark.service.lists import TICKETS, filtered_tickets, read_filters
from sampark.service.models import (
    UNSOLVED,
    Availability,
    Category,
    MessageKind,
    Priority,
    Ticket,
    TicketAttachment,
    TicketMessage,
    TicketStatus,
)

PAGE_SIZE = 50
# Counting every row of a long queue on each page view is what makes desks slow: stop here.
COUNT_CAP = 1000


def _assignees(user: User, ticket: Ticket | None = None) -> QuerySet[User]:
    """Whom ``user`` may put on a ticket, and its current assignee (kept if left unchanged)."""
    allowed = Q(pk__in=assignable_owners(user).values("pk")) | Q(pk=user.pk)
    if ticket is not None and ticket.assignee_id:
        allowed |= Q(pk=ticket.assignee_id)
    return User.objects.filter(allowed, is_active=True).order_by("first_name", "username")


@login_required
def ticket_list(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    # A saved view (?view=) brings its own filters, sort and columns: see listviews/state.py.
    shown = list_state(request, TICKETS)
    filters = read_filters(shown.params)
    tickets = filtered_tickets(user, filters)
    count = count_up_to(tickets, COUNT_CAP)
    try:
        page = keyset_page(tickets, cursor=request.GET.get("cursor"), limit=PAGE_SIZE)
    except InvalidCursor:
        page = keyset_page(tickets, cursor=None, limit=PAGE_SIZE)
    can_bulk = user.has_perm("service.change_ticket")
    names = cached.user_names()
    teams = cached.team_names()
    clients = _client_names([t.requester_id for t in page.items if t.requester_id])
    for ticket in page.items:
        ticket.assignee_name = names.get(ticket.assignee_id, "") if ticket.assignee_id else ""
        ticket.queue_name = teams.get(ticket.team_id, "") if ticket.team_id else ""
        ticket.client_name = clients.get(ticket.requester_id or 0, "")
    context: dict[str, Any] = {
        "page": page,
        "next_url": page_url(request, page.next_cursor) if page.next_cursor else None,
        "first_url": page_url(request, None) if "cursor" in request.GET else None,
        "count": min(count, COUNT_CAP),
        "more_than": count > COUNT_CAP,
        "filters": filters,
        "statuses": TicketStatus.choices,
        "unsolved": UNSOLVED,
        "priorities": Priority.choices,
        "categories": Category.objects.order_by("name").values_list("pk", "name"),
        "queues": Team.objects.order_by("name").values_list("pk", "name"),
        "assignees": [(u.pk, str(u)) for u in _assignees(user)] if can_bulk else [],
        "can_add": can_add(user, Ticket),
        "can_bulk": can_bulk,
        "works_tickets": routing.works_tickets(user),
        "availabilities": Availability.choices,
        "my_availability": routing.availability_of(user),
        "is_admin": is_admin(user),
        "back_url": request.get_full_path(),
        "list_state": shown,
        "columns": shown.columns,
    }
    # htmx asks for the results alone while the user filters.
    context["oob_views"] = wants_fragment(request)  # the saved-views bar follows the filters
    return render_fragment_or_page(
        request, "service/_ticket_results.html", "service/ticket_list.html", context
    )


def _client_names(ids: list[int]) -> dict[int, str]:
    """Clients' names by id, in one query: a ticket shows who asked, even to someone who may
    not open the contact's own record (its link is only given to those who may)."""
    return dict(Contact.objects.filter(pk__in=ids).values_list("pk", "display_name"))


@login_required
@require_POST
def ticket_bulk(request: AuthenticatedRequest) -> HttpResponse:
    form = TicketBulkForm(_assignees(request.user), request.POST)
    back = next_url(request, reverse("service:home"))
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return redirect(back)
    outcome = actions.bulk_change(form.selected(), by=request.user, values=form.changes())
    text = _("%(done)d changed, %(skipped)d skipped (not yours to change).") % {
        "done": outcome.done,
        "skipped": outcome.skipped,
    }
    messages.add_message(request, messages.WARNING if outcome.skipped else messages.SUCCESS, text)
    return redirect(back)


@login_required
def ticket_create(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    if not can_add(user, Ticket):
        raise PermissionDenied(_("Your role does not allow adding tickets."))
    initial: dict[str, Any] = {"language": user.language}
    if request.GET.get("contact", "").isdigit():
        initial["requester"] = int(request.GET["contact"])
    form = NewTicketForm(user, _assignees(user), request.POST or None, request.FILES or None)
    form.initial.update(initial)
    if request.method == "POST" and form.is_valid():
        values = form.action_values()
        try:
            ticket = actions.open_ticket(
                by=user,
                subject=values.pop("subject"),
                body=values.pop("body"),
                requester=values.pop("requester"),
                attachments=values.pop("attachments"),
                tags=values.pop("tags"),
                **values,
            )
        except ValidationError as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("Ticket %(number)s opened.") % {"number": ticket.number})
            return redirect(ticket)
    return render(request, "service/ticket_form.html", {"form": form})


def _thread(ticket: Ticket) -> list[TicketMessage]:
    thread = ticket.messages.select_related("author", "contact", "mail").prefetch_related(
        Prefetch("attachments", queryset=TicketAttachment.objects.order_by("id"))
    )
    return list(thread)


def _page(
    request: AuthenticatedRequest,
    ticket: Ticket,
    answer_form: AnswerForm | None = None,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    may_reply = can(user, Action.CHANGE, ticket)
    may_note = actions.may_note(user, ticket)
    requester = ticket.requester
    context = {
        "ticket": ticket,
        "tab": "thread",
        "thread": _thread(ticket),
        "requester_visible": requester is not None and can(user, Action.VIEW, requester),
        "owner_name": cached.user_names().get(ticket.owner_id, ""),
        "queue_name": cached.team_names().get(ticket.team_id, "") if ticket.team_id else "",
        "tags": [t.name for t in ticket.tags.all()],
        "sla_targets": sla.states(ticket),
        "canned": canned.offered(user, ticket) if may_reply or may_note else [],
        "acknowledged": mailing.acknowledgement_sent(ticket),
        "may_change": may_reply,
        "may_delete": can(user, Action.DELETE, ticket),
        "may_take": actions.may_take(user, ticket),
        "answer_form": (answer_form or AnswerForm(may_reply=may_reply))
        if (may_reply or may_note) and ticket.merged_into_id is None
        else None,
        "assign_form": AssignForm(
            _assignees(user, ticket),
            initial={"assignee": ticket.assignee_id},
        )
        if may_reply
        else None,
        "merge_form": MergeForm() if may_reply and ticket.merged_into_id is None else None,
        "other_tickets": Ticket.objects.visible_to(user)
        .filter(requester_id=ticket.requester_id, status__in=UNSOLVED)
        .exclude(pk=ticket.pk)
        .only("id", "subject", "status")[:5]
        if ticket.requester_id
        else [],
    }
    return render(request, "service/ticket_detail.html", context, status=status)


@login_required
def ticket_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    ticket = access_record(request.user, Ticket, pk)
    return _page(request, ticket)


@login_required
@require_POST
def ticket_reply(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    user = request.user
    ticket = access_record(user, Ticket, pk)
    may_reply = can(user, Action.CHANGE, ticket)
    form = AnswerForm(request.POST, request.FILES, may_reply=may_reply)
    if form.is_valid():
        data = form.cleaned_data
        try:
            if data["kind"] == MessageKind.NOTE:
                actions.add_note(
                    ticket, by=user, body=data["body"], attachments=data["attachments"]
                )
                messages.success(request, _("Note added."))
            else:
                sent = actions.reply(
                    ticket,
                    by=user,
                    body=data["body"],
                    status=data.get("status") or None,
                    attachments=data["attachments"],
                )
                _say_how_it_went(request, sent)
        except ValidationError as error:
            add_action_error(form, error)
        else:
            return redirect(ticket)
    return _page(request, ticket, answer_form=form, status=422)


def _say_how_it_went(request: AuthenticatedRequest, message: TicketMessage) -> None:
    mail = message.mail
    if mail is None:
        messages.success(request, _("Reply added. The client has no email address to send it to."))
    elif mail.sent_at is None:
        messages.error(
            request,
            _("Reply kept, but the email could not be sent: %(error)s") % {"error": mail.error},
        )
    else:
        messages.success(request, _("Reply sent to %(address)s.") % {"address": mail.to_address})


@login_required
@require_POST
def ticket_assign(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    user = request.user
    ticket = access_record(user, Ticket, pk)
    if request.POST.get("take"):
        actions.assign(ticket, to=user, by=user)
        messages.success(request, _("The ticket is yours."))
        return redirect(ticket)
    form = AssignForm(_assignees(user, ticket), request.POST)
    if form.is_valid():
        team = form.cleaned_data["team"]
        actions.assign(
            ticket,
            to=form.cleaned_data["assignee"],
            by=user,
            team_id=team.pk if team else None,
        )
        messages.success(request, _("Assignment saved."))
    else:
        messages.error(request, _("Choose someone you may hand tickets to."))
    return redirect(ticket)


@login_required
@require_POST
def ticket_merge(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    user = request.user
    ticket = access_record(user, Ticket, pk, Action.CHANGE)
    form = MergeForm(request.POST)
    if form.is_valid():
        try:
            into = access_record(user, Ticket, form.cleaned_data["into"], Action.CHANGE)
            actions.merge(ticket, into=into, by=user)
        except Http404:
            messages.error(request, _("There is no ticket with that number that you may see."))
        except (ValidationError, PermissionDenied) as error:
            for text in getattr(error, "messages", [str(error)]):
                messages.error(request, text)
        else:
            messages.success(request, _("Merged into %(number)s.") % {"number": into.number})
            return redirect(into)
    else:
        messages.error(request, _("Give the number of the ticket to merge into."))
    return redirect(ticket)


@login_required
@require_POST
def ticket_split(request: AuthenticatedRequest, pk: int, message_pk: int) -> HttpResponse:
    user = request.user
    ticket = access_record(user, Ticket, pk, Action.CHANGE)
    message = get_object_or_404(TicketMessage, pk=message_pk, ticket=ticket)
    try:
        new = actions.split(ticket, message, by=user)
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
        return redirect(ticket)
    messages.success(request, _("Split off into %(number)s.") % {"number": new.number})
    return redirect(new)


@login_required
def ticket_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    user = request.user
    ticket = access_record(user, Ticket, pk, Action.CHANGE)
    form = TicketForm(user, request.POST or None, instance=ticket)
    if request.method == "POST" and form.is_valid():
        values, tags = form.action_values()
        try:
            actions.update_ticket(
                ticket,
                by=user,
                values=values,
                tags=tags,
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            add_action_error(form, error)
        except StaleVersion:
            form.add_error(
                None,
                _(
                    "Someone else changed this ticket while you were editing. "
                    "Reload the page to see their changes, then edit again."
                ),
            )
        else:
            messages.success(request, _("Ticket saved."))
            return redirect(ticket)
    return render(request, "service/ticket_form.html", {"form": form, "ticket": ticket})


@login_required
def ticket_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    ticket = access_record(request.user, Ticket, pk, Action.DELETE)
    if request.method == "POST":
        actions.delete_ticket(ticket, by=request.user)
        messages.success(request, _("Ticket deleted."))
        return redirect("service:home")
    return render(request, "service/ticket_delete.html", {"ticket": ticket})


@login_required
def ticket_history(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    ticket = access_record(request.user, Ticket, pk)
    entries = AuditEntry.objects.for_record(ticket).select_related("actor")[:200]
    context = {"ticket": ticket, "tab": "history", "history": history(list(entries), Ticket)}
    return render(request, "service/ticket_history.html", context)


@login_required
def ticket_attachment(request: AuthenticatedRequest, pk: int) -> FileResponse:
    """A file of a ticket's message, for whoever may see the ticket."""
    attachment = get_object_or_404(TicketAttachment.objects.select_related("message"), pk=pk)
    access_record(request.user, Ticket, attachment.message.ticket_id)
    return download_response(attachment)
