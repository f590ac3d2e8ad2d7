from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sampark.agenda.models import Task
from sampark.contacts import actions, conditions
from sampark.contacts.forms import ContactBulkForm, ContactForm
from sampark.contacts.lists import (
    CONTACTS,
    MANY_ROWS,
    filtered_contacts,
    list_fields,
    with_company_names,
)
from sampark.contacts.models import Activity, Contact, LifecycleStage
from sampark.core import cached
from sampark.core.counting import count_up_to
from sampark.core.history import history
from sampark.core.http import (
    AuthenticatedRequest,
    next_url,
    render_fragment_or_page,
    wants_fragment,
)
from sampark.core.keyset import InvalidCursor, keyset_page, page_url
from sampark.core.models import AuditEntry
from sampark.core.records import StaleVersion, access_record, can, can_add
from sampark.core.roles import Action, Reach, reach
from sampark.customfields import listing
from sampark.customfields import values as custom_values
from sampark.customfields.models import CustomObject
from sampark.lib.locale_format import format_time_in
from sampark.listviews.state import list_state

PAGE_SIZE = 50
# Counting every row of a large list on each page view is what makes CRMs slow: stop here. Past
# it, the list is also read along its sort order's index (see core/planner.py).
COUNT_CAP = MANY_ROWS


@login_required
def contact_list(request: AuthenticatedRequest) -> HttpResponse:
    # A saved view (?view=) brings its own filters, sort and columns: see listviews/state.py.
    shown = list_state(request, CONTACTS)
    params = shown.params
    fields = custom_values.definitions(CustomObject.CONTACT)
    # Count first (up to the cap, through the filters' indexes): how many match decides how the
    # page is best read (see core/planner.py).
    contacts, custom = filtered_contacts(request.user, params)
    count = count_up_to(contacts, COUNT_CAP)
    if count > COUNT_CAP:
        contacts, custom = filtered_contacts(request.user, params, many=True)
    contacts = contacts.only(*list_fields(shown.columns))
    if "company" in shown.column_keys:
        contacts = with_company_names(contacts, request.user)
    try:
        page = keyset_page(contacts, cursor=request.GET.get("cursor"), limit=PAGE_SIZE)
    except InvalidCursor:
        page = keyset_page(contacts, cursor=None, limit=PAGE_SIZE)
    names = cached.user_names()
    for contact in page.items:
        contact.owner_name = names.get(contact.owner_id, "")
    context = {
        "page": page,
        "next_url": page_url(request, page.next_cursor) if page.next_cursor else None,
        "first_url": page_url(request, None) if "cursor" in request.GET else None,
        "count": min(count, COUNT_CAP),
        "more_than": count > COUNT_CAP,
        "query": params.get("q", ""),
        "stage": params.get("stage", ""),
        "sort": params.get("sort", "name"),
        "stages": LifecycleStage.choices,
        "tag": params.get("tag", ""),
        "segment": params.get("segment", ""),
        "segments": _segment_choices(),
        "custom_filters": custom,
        "custom_sorts": listing.sort_choices(fields),
        "tags": actions.tag_choices(request.user),
        "can_add": can_add(request.user, Contact),
        "list_state": shown,
        "columns": shown.columns,
        **_bulk_context(request),
    }
    # The saved-views bar follows the filters on screen.
    context["oob_views"] = wants_fragment(request)
    return render_fragment_or_page(request, "contacts/_results.html", "contacts/list.html", context)


def _segment_choices() -> list[tuple[str, str]]:
    """The segments to filter by, when the marketing app has registered them with the rule
    engine (the contacts app does not import it)."""
    segment = conditions.available().get("segment")
    return segment.choices() if segment is not None and segment.choices is not None else []


def _bulk_context(request: AuthenticatedRequest) -> dict[str, object]:
    """What the list's bulk actions need: shown only to those who may change or delete some."""
    user = request.user
    can_change = reach(user, Action.CHANGE) is not Reach.NONE and user.has_perm(
        "contacts.change_contact"
    )
    can_delete = reach(user, Action.DELETE) is not Reach.NONE and user.has_perm(
        "contacts.delete_contact"
    )
    return {
        "bulk_change": can_change,
        "bulk_delete": can_delete,
        "owners": actions.owner_choices(user) if can_change else (),
        "back_url": request.get_full_path(),
    }


@login_required
def contact_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    contact = access_record(request.user, Contact, pk)
    context = _detail_context(request, contact, "details")
    context["emails"] = list(contact.emails.all())
    context["phones"] = list(contact.phones.all())
    context["addresses"] = list(contact.addresses.all())
    context["tags"] = list(contact.tags.all())
    context["custom_values"] = custom_values.shown(CustomObject.CONTACT, contact.custom)
    # Only companies the user may see, as with the referral below. A contact has a few, so
    # each is checked by the permission rule itself rather than joined to every visible company.
    context["affiliations"] = [
        affiliation
        for affiliation in contact.affiliations.select_related("company")
        if can(request.user, Action.VIEW, affiliation.company)
    ]
    # Named only if the user may see them: a referral from another team stays private.
    context["referred_by"] = (
        Contact.objects.visible_to(request.user).filter(pk=contact.referred_by_id).first()
        if contact.referred_by_id
        else None
    )
    # The header's next open task and last interaction: a query each, however many there are.
    context["next_task"] = (
        Task.objects.visible_to(request.user).on_contact(contact).open().soonest_first().first()
    )
    context["last_contact"] = (
        Activity.objects.visible_to(request.user)
        .on_contact(contact)
        .order_by("-occurred_at", "-id")
        .only("kind", "occurred_at")
        .first()
    )
    return render(request, "contacts/detail.html", context)


@login_required
def contact_history(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    contact = access_record(request.user, Contact, pk)
    context = _detail_context(request, contact, "history")
    entries = AuditEntry.objects.for_record(contact).select_related("actor")[:200]
    context["history"] = history(
        list(entries), Contact, custom_values.history_formats(CustomObject.CONTACT)
    )
    return render(request, "contacts/history.html", context)


def _detail_context(request: AuthenticatedRequest, contact: Contact, tab: str) -> dict[str, object]:
    local_time = format_time_in(timezone.now(), contact.time_zone) if contact.time_zone else None
    # The header names the owner and team from the cache: two queries fewer on every tab.
    owner = cached.user_names().get(contact.owner_id, "")
    team = cached.team_names().get(contact.team_id, "") if contact.team_id else ""
    return {
        "contact": contact,
        "owner_name": owner,
        "team_name": team,
        "local_time": local_time,
        "tab": tab,
        "can_change": can(request.user, Action.CHANGE, contact),
        "can_delete": can(request.user, Action.DELETE, contact),
    }


@login_required
def contact_create(request: AuthenticatedRequest) -> HttpResponse:
    if not can_add(request.user, Contact):
        raise PermissionDenied(_("Your role does not allow adding contacts."))
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            contact = actions.create_contact(by=request.user, **form.action_values())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Contact created."))
            return redirect("contacts:detail", contact.pk)
    return render(request, "contacts/form.html", {"form": form})


@login_required
def contact_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    contact = access_record(request.user, Contact, pk, Action.CHANGE)
    form = ContactForm(request.POST or None, instance=contact, initial={"version": contact.version})
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_contact(
                contact,
                by=request.user,
                values=form.action_values(),
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        except StaleVersion:
            form.add_error(
                None,
                _(
                    "Someone else changed this contact while you were editing. "
                    "Reload the page to see their changes, then edit again."
                ),
            )
        else:
            messages.success(request, _("Contact saved."))
            return redirect("contacts:detail", contact.pk)
    return render(request, "contacts/form.html", {"form": form, "contact": contact})


@login_required
def contact_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    contact = access_record(request.user, Contact, pk, Action.DELETE)
    if request.method == "POST":
        actions.delete_contact(contact, by=request.user)
        messages.success(request, _("Contact deleted."))
        return redirect("contacts:list")
    return render(request, "contacts/delete.html", {"contact": contact})


@login_required
@require_POST
def contact_bulk(request: AuthenticatedRequest) -> HttpResponse:
    """Assign, tag or delete the contacts ticked on the list; deleting asks to confirm first.

    Each id goes through the permission layer again: those the user may not see or change are
    skipped and reported, the others changed one by one through the usual actions.
    """
    user = request.user
    form = ContactBulkForm(actions.assignable_owners(user), request.POST)
    back = next_url(request, reverse("contacts:list"))
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return redirect(back)
    data = form.cleaned_data
    ids = form.selected()
    action = data["action"]
    if action == ContactBulkForm.DELETE and not data["confirm"]:
        targets = actions.bulk_targets(user, ids, Action.DELETE)
        skipped = [actions.skip_message(r, len(i)) for r, i in targets.skipped.items()]
        context = {"targets": targets.done, "skipped": skipped, "back_url": back}
        return render(request, "contacts/bulk_delete.html", context)
    try:
        if action == ContactBulkForm.DELETE:
            outcome = actions.bulk_delete_contacts(ids, by=user)
        elif action == ContactBulkForm.ASSIGN:
            outcome = actions.bulk_assign_owner(ids, owner=data["owner"], by=user)
        else:
            outcome = actions.bulk_add_tag(ids, tag=data["tag"], by=user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(back)
    level = messages.WARNING if outcome.skipped else messages.SUCCESS
    messages.add_message(request, level, outcome.summary(deleted=action == ContactBulkForm.DELETE))
    return redirect(back)
