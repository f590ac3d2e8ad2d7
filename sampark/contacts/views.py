from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from sampark.contacts import actions
from sampark.contacts.forms import ContactForm
from sampark.contacts.models import Company, Contact, LifecycleStage
from sampark.core.history import history
from sampark.core.http import AuthenticatedRequest
from sampark.core.keyset import InvalidCursor, keyset_page
from sampark.core.models import AuditEntry
from sampark.core.records import StaleVersion, access_record, can, can_add
from sampark.core.roles import Action
from sampark.lib.locale_format import format_time_in

# The list's sort orders; each is served by an index (see Contact.Meta.indexes).
SORTS = {
    "name": ("display_name",),
    "updated": ("-updated_at",),
    "stage": ("lifecycle_stage", "display_name"),
}
PAGE_SIZE = 50
# Counting every row of a large list on each page view is what makes CRMs slow: stop here.
COUNT_CAP = 1000


@login_required
def contact_list(request: AuthenticatedRequest) -> HttpResponse:
    query = request.GET.get("q", "")
    stage = request.GET.get("stage", "")
    sort = request.GET.get("sort", "name")
    contacts = Contact.objects.visible_to(request.user).matching(query)
    if stage in LifecycleStage.values:
        contacts = contacts.filter(lifecycle_stage=stage)
    contacts = contacts.order_by(*SORTS.get(sort, SORTS["name"]))
    try:
        page = keyset_page(
            contacts.select_related("owner"), cursor=request.GET.get("cursor"), limit=PAGE_SIZE
        )
    except InvalidCursor:
        page = keyset_page(contacts.select_related("owner"), cursor=None, limit=PAGE_SIZE)
    count = contacts.order_by()[: COUNT_CAP + 1].count()
    context = {
        "page": page,
        "next_url": _with_cursor(request, page.next_cursor) if page.next_cursor else None,
        "first_url": _with_cursor(request, None) if "cursor" in request.GET else None,
        "count": min(count, COUNT_CAP),
        "more_than": count > COUNT_CAP,
        "query": query,
        "stage": stage,
        "sort": sort,
        "stages": LifecycleStage.choices,
        "can_add": can_add(request.user, Contact),
    }
    # htmx asks for the results alone while the user types in the filter (but the whole page
    # when it restores history).
    partial = request.htmx and not request.htmx.history_restore_request
    response = render(
        request, "contacts/_results.html" if partial else "contacts/list.html", context
    )
    patch_vary_headers(response, ["HX-Request"])
    return response


def _with_cursor(request: AuthenticatedRequest, cursor: str | None) -> str:
    """This list's URL with its filters, at the page after ``cursor`` (or the first page)."""
    params = request.GET.copy()
    params.pop("cursor", None)
    if cursor:
        params["cursor"] = cursor
    return f"{request.path}?{params.urlencode()}"


@login_required
def contact_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    contact = access_record(request.user, Contact, pk)
    context = _detail_context(request, contact, "details")
    context["emails"] = list(contact.emails.all())
    context["phones"] = list(contact.phones.all())
    context["tags"] = list(contact.tags.all())
    # Only companies the user may see, as with the referral below.
    companies = Company.objects.visible_to(request.user).values("pk")
    context["affiliations"] = list(
        contact.affiliations.filter(company__in=companies).select_related("company")
    )
    # Named only if the user may see them: a referral from another team stays private.
    context["referred_by"] = (
        Contact.objects.visible_to(request.user).filter(pk=contact.referred_by_id).first()
        if contact.referred_by_id
        else None
    )
    return render(request, "contacts/detail.html", context)


@login_required
def contact_history(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    contact = access_record(request.user, Contact, pk)
    context = _detail_context(request, contact, "history")
    entries = AuditEntry.objects.for_record(contact).select_related("actor")[:200]
    context["history"] = history(list(entries), Contact)
    return render(request, "contacts/history.html", context)


def _detail_context(request: AuthenticatedRequest, contact: Contact, tab: str) -> dict[str, object]:
    local_time = format_time_in(timezone.now(), contact.time_zone) if contact.time_zone else None
    return {
        "contact": contact,
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
