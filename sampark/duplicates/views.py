"""The Possible duplicates queue, the merge page and the warning on the new-contact form."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from sampark.contacts.actions import normalise_emails, normalise_phones
from sampark.contacts.models import Contact, ContactEmail
from sampark.core.http import AuthenticatedRequest
from sampark.core.keyset import InvalidCursor, keyset_page, page_url
from sampark.core.records import StaleVersion, access_record, can
from sampark.core.roles import Action
from sampark.duplicates import actions, fields
from sampark.duplicates.access import access_merge, access_pair, loser_names, model_of
from sampark.duplicates.models import Pair, RecordKind
from sampark.duplicates.reasons import describe

PAGE_SIZE = 25
KINDS = {"contacts": RecordKind.CONTACT, "companies": RecordKind.COMPANY}


@dataclass(frozen=True)
class QueueRow:
    pair: Pair
    reasons: list[str]
    can_decide: bool
    merge_url: str


def _record_url(kind: str, pk: int) -> str:
    name = "contacts:detail" if kind == RecordKind.CONTACT else "contacts:company_detail"
    return reverse(name, args=[pk])


def _merge_url(kind: str, ids: list[int], winner: int | None = None) -> str:
    slug = "contacts" if kind == RecordKind.CONTACT else "companies"
    query = [("ids", pk) for pk in ids] + ([("winner", winner)] if winner else [])
    return f"{reverse('duplicates:merge', args=[slug])}?{urlencode(query)}"


@login_required
@require_GET
def queue(request: AuthenticatedRequest) -> HttpResponse:
    kind = request.GET.get("kind", RecordKind.CONTACT)
    if kind not in RecordKind.values:
        kind = RecordKind.CONTACT
    pairs = Pair.objects.open_for(request.user, kind)
    try:
        page = keyset_page(pairs, cursor=request.GET.get("cursor"), limit=PAGE_SIZE)
    except InvalidCursor:
        page = keyset_page(pairs, cursor=None, limit=PAGE_SIZE)
    # Who may decide is read from the records' owner and team, without loading them.
    model = model_of(kind)
    ids = {pk for p in page.items for pk in (p.a_id, p.b_id)}
    owners = {
        pk: model(pk=pk, owner_id=owner, team_id=team)
        for pk, owner, team in model.objects.filter(pk__in=ids).values_list(
            "pk", "owner_id", "team_id"
        )
    }
    rows = [
        QueueRow(
            pair,
            [describe(r) for r in pair.reasons],
            any(
                can(request.user, Action.CHANGE, owners[pk])
                for pk in (pair.a_id, pair.b_id)
                if pk in owners
            ),
            _merge_url(kind, [pair.a_id, pair.b_id]),
        )
        for pair in page.items
    ]
    return render(
        request,
        "duplicates/queue.html",
        {
            "rows": rows,
            "kind": kind,
            "kinds": RecordKind.choices,
            "detail": "contacts:detail"
            if kind == RecordKind.CONTACT
            else "contacts:company_detail",
            "next_url": page_url(request, page.next_cursor) if page.next_cursor else None,
            "first_url": page_url(request, None) if "cursor" in request.GET else None,
        },
    )


@login_required
@require_POST
def dismiss(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    pair, _a, _b = access_pair(request.user, pk, Action.CHANGE)
    actions.dismiss_pair(pair, by=request.user)
    if request.htmx:
        return HttpResponse("")  # the row goes from the queue
    messages.success(request, _("Marked as not a duplicate; it will not be proposed again."))
    return redirect(f"{reverse('duplicates:queue')}?{urlencode({'kind': pair.kind})}")


def _ids(raw: list[str]) -> list[int]:
    ids: list[int] = []
    for value in raw:
        if value.isdigit() and 0 < int(value) < 2**63 and int(value) not in ids:
            ids.append(int(value))
    return ids


@login_required
def merge(request: AuthenticatedRequest, kind: str) -> HttpResponse:
    record_kind = KINDS.get(kind)
    source = request.POST if request.method == "POST" else request.GET
    ids = _ids(source.getlist("ids"))[: fields.MAX_RECORDS]
    if record_kind is None or len(ids) < 2:
        messages.error(request, _("Choose two or more records to merge."))
        return redirect("duplicates:queue")
    model = model_of(record_kind)
    records = {pk: access_record(request.user, model, pk) for pk in ids}
    winner_ids = _ids([source.get("winner", "")])
    winner = records.get(winner_ids[0]) if winner_ids else None
    winner = winner or records[ids[0]]
    ordered = [winner, *(records[pk] for pk in ids if pk != winner.pk)]
    errors: list[str] = []
    if request.method == "POST":
        choices = {
            row.name: int(value)
            for row in fields.rows(ordered, record_kind, set())
            if (value := request.POST.get(f"field:{row.name}", "")).isdigit()
        }
        try:
            done = actions.merge_records(
                record_kind, ordered[0], ordered[1:], choices=choices, by=request.user
            )
        except ValidationError as error:
            errors = error.messages
        except StaleVersion:
            errors = [_("One of these records was changed meanwhile. Look again, then merge.")]
        else:
            messages.success(request, _("Merged. You can undo it from this page."))
            return redirect("duplicates:merge_detail", done.pk)
    return render(
        request,
        "duplicates/merge.html",
        {
            "kind": kind,
            "records": ordered,
            "ids": ids,
            "rows": fields.rows(ordered, record_kind, _visible_related(request, ordered)),
            "united": _united_labels(record_kind),
            "columns": [(r, _merge_url(record_kind, ids, r.pk)) for r in ordered],
            "may_merge": can(request.user, Action.CHANGE, winner)
            and all(can(request.user, Action.DELETE, r) for r in ordered[1:]),
            "errors": errors,
            "detail": "contacts:detail"
            if record_kind == RecordKind.CONTACT
            else "contacts:company_detail",
        },
    )


def _visible_related(request: AuthenticatedRequest, records: list[Any]) -> set[tuple[str, int]]:
    """The referring contacts or parent companies of ``records`` that the user may see."""
    model = type(records[0])
    attname = "referred_by_id" if model is Contact else "parent_id"
    ids = {getattr(r, attname) for r in records} - {None}
    visible = model.objects.visible_to(request.user).filter(pk__in=ids).values_list("pk", flat=True)
    return {(model._meta.label_lower, pk) for pk in visible}


def _united_labels(kind: str) -> list[str]:
    if kind == RecordKind.CONTACT:
        return [_("Emails"), _("Phones"), _("Tags"), _("Addresses")]
    return [_("Tags"), _("Addresses")]


@login_required
@require_GET
def merge_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    done, winner = access_merge(request.user, pk)
    return render(
        request,
        "duplicates/merge_detail.html",
        {
            "merge": done,
            "winner": winner,
            "winner_url": _record_url(done.kind, done.winner_id) if winner else None,
            "losers": loser_names(request.user, done),
            "refusal": actions.undo_refusal(done),
        },
    )


@login_required
@require_POST
def undo(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    done, _winner = access_merge(request.user, pk)
    try:
        actions.undo_merge(done, by=request.user)
    except (actions.UndoRefused, ValidationError) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(request, _("The merge was undone: the records are back as they were."))
    return redirect("duplicates:merge_detail", done.pk)


@login_required
@require_GET
def check_contact(request: AuthenticatedRequest) -> HttpResponse:
    """The new-contact form asks, as the email or phone is typed, whom the user may see who
    already has it. A warning only: saving is never blocked."""
    emails = _valid(
        lambda: normalise_emails(
            [request.GET.get("email", ""), *request.GET.get("other_emails", "").splitlines()]
        )
    )
    country = request.GET.get("country", "")
    phones = _valid(
        lambda: normalise_phones(
            [request.GET.get("phone", ""), *request.GET.get("other_phones", "").splitlines()],
            country=country,
        )
    )
    found: list[tuple[Contact, str]] = []
    if emails or phones:
        match = Q(pk__in=[])
        for address in emails[:10]:
            holders = ContactEmail.objects.with_address(address).values("contact_id")
            match |= Q(pk__in=holders)
        if phones:
            match |= Q(phones__number__in=phones[:10])
        contacts = Contact.objects.visible_to(request.user).filter(match).distinct()[:5]
        for contact in contacts.prefetch_related("emails", "phones"):
            shared_email = {e.address.casefold() for e in contact.emails.all()} & {
                e.casefold() for e in emails
            }
            found.append((contact, "email" if shared_email else "phone"))
    return render(request, "duplicates/_already_known.html", {"found": found})


def _valid(read: Any) -> list[str]:
    try:
        return list(read())
    except ValidationError:
        return []  # the form reports a bad address itself
