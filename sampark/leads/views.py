"""The lead pages: the list (filters, search, bulk assignment), a lead, its history, and the
create, edit and delete forms. Thin views over the permission layer and ``leads.actions``."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q, QuerySet
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sampark.contacts.actions import assignable_owners, owner_choices
from sampark.contacts.models import Activity
from sampark.core import cached
from sampark.core.counting import count_up_to
from sampark.core.forms import add_action_error
from sampark.core.history import history
from sampark.core.http import AuthenticatedRequest, next_url, render_fragment_or_page
from sampark.core.keyset import InvalidCursor, keyset_page, page_url
from sampark.core.models import AuditEntry, User
from sampark.core.records import StaleVersion, access_record, can, can_add
from sampark.core.roles import Action, Reach, reach
from sampark.leads import actions
from sampark.leads.actions_activities import delete_lead_activity, log_lead_activity, may_remove
from sampark.leads.emails import LeadEmailForm, email_lead
from sampark.leads.forms import LeadActivityForm, LeadBulkForm, LeadForm
from sampark.leads.models import Lead, LeadActivity, LeadQuerySet, LeadSource, LeadStatus
from sampark.mail.models import OutboundMail

PAGE_SIZE = 50
RECENT_EMAILS = 20
RECENT_ACTIVITIES = 50
# Counting every row of a long list on each page view is what makes CRMs slow: stop here.
COUNT_CAP = 1000


def filtered_leads(request: AuthenticatedRequest) -> tuple[LeadQuerySet, dict[str, str]]:
    """The leads the list's filters keep, newest first, and the filters as read."""
    params = {name: request.GET.get(name, "").strip() for name in ("q", "status", "source")}
    params["owner"] = request.GET.get("owner", "").strip()
    leads = Lead.objects.visible_to(request.user).matching(params["q"])
    if params["status"] in LeadStatus.values:
        leads = leads.filter(status=params["status"])
    elif params["status"] == "open":
        leads = leads.open()
    if params["source"] in LeadSource.values:
        leads = leads.filter(source=params["source"])
    if params["owner"] == "me":
        leads = leads.filter(owner=request.user)
    elif params["owner"].isdigit():
        leads = leads.filter(owner_id=int(params["owner"]))
    params["min_score"] = request.GET.get("min_score", "").strip()
    if params["min_score"].isdigit():
        leads = leads.filter(score__gte=int(params["min_score"]))
    else:
        params["min_score"] = ""
    return leads, params


def sort_url(request: AuthenticatedRequest, sort: str) -> str:
    """The list as it is filtered now, from its first page, sorted by ``sort``."""
    params = request.GET.copy()
    params.pop("cursor", None)
    params.pop("sort", None)
    if sort:
        params["sort"] = sort
    return f"{request.path}?{params.urlencode()}"


@login_required
def lead_list(request: AuthenticatedRequest) -> HttpResponse:
    leads, params = filtered_leads(request)
    count = count_up_to(leads, COUNT_CAP)
    sort = "score" if request.GET.get("sort") == "score" else ""
    if sort:
        leads = leads.by_score()
    try:
        page = keyset_page(leads, cursor=request.GET.get("cursor"), limit=PAGE_SIZE)
    except InvalidCursor:
        page = keyset_page(leads, cursor=None, limit=PAGE_SIZE)
    names = cached.user_names()
    for lead in page.items:
        lead.owner_name = names.get(lead.owner_id, "")
    can_assign = reach(request.user, Action.CHANGE) is not Reach.NONE and request.user.has_perm(
        "leads.change_lead"
    )
    context = {
        "page": page,
        "next_url": page_url(request, page.next_cursor) if page.next_cursor else None,
        "first_url": page_url(request, None) if "cursor" in request.GET else None,
        "count": min(count, COUNT_CAP),
        "more_than": count > COUNT_CAP,
        "filters": params,
        "filtered": any(params.values()),
        "sort": sort,
        "score_sort_url": sort_url(request, "" if sort else "score"),
        "statuses": LeadStatus.choices,
        "sources": LeadSource.choices,
        "owners": owner_choices(request.user),
        "can_add": can_add(request.user, Lead),
        "can_assign": can_assign,
        "back_url": request.get_full_path(),
    }
    # htmx asks for the results alone while the user types in the filter.
    return render_fragment_or_page(request, "leads/_results.html", "leads/list.html", context)


def _header(request: AuthenticatedRequest, lead: Lead, tab: str) -> dict[str, Any]:
    return {
        "lead": lead,
        "tab": tab,
        "owner_name": cached.user_names().get(lead.owner_id, ""),
        "team_name": cached.team_names().get(lead.team_id, "") if lead.team_id else "",
        "can_change": can(request.user, Action.CHANGE, lead) and not lead.is_converted,
        "can_convert": can(request.user, Action.CHANGE, lead) and not lead.is_converted,
        "can_delete": can(request.user, Action.DELETE, lead),
    }


def visible_outcome(request: AuthenticatedRequest, lead: Lead) -> dict[str, Any]:
    """What the lead became, each named only if the user may see it."""
    found: dict[str, Any] = {}
    for name in ("converted_contact", "converted_company", "converted_deal"):
        record = getattr(lead, name)
        found[name] = (
            record if record is not None and can(request.user, Action.VIEW, record) else None
        )
    return found


@login_required
def lead_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    lead = access_record(request.user, Lead, pk)
    return render(request, "leads/detail.html", _detail_context(request, lead))


def _detail_context(
    request: AuthenticatedRequest,
    lead: Lead,
    email_form: LeadEmailForm | None = None,
    activity_form: LeadActivityForm | None = None,
) -> dict[str, Any]:
    """The lead page: who they are, what became of them, and the exchanges with them with the
    forms to add to those (given back with their errors when a post was refused)."""
    user = request.user
    context = _header(request, lead, "details")
    context.update(visible_outcome(request, lead))
    form = lead.web_form
    context["web_form"] = form if form is not None and can(user, Action.VIEW, form) else None
    context["emails"] = OutboundMail.objects.for_record(lead)[:RECENT_EMAILS]
    if lead.email and can(user, Action.CHANGE, lead):
        context["email_form"] = email_form or LeadEmailForm()
    activities = list(lead.activities.select_related("author")[:RECENT_ACTIVITIES])
    context["activities"] = activities
    context["removable"] = {activity.pk for activity in activities if may_remove(activity, user)}
    if can_add(user, Activity):
        context["activity_form"] = activity_form or LeadActivityForm()
    return context


@login_required
@require_POST
def lead_log_activity(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    lead = access_record(request.user, Lead, pk)
    form = LeadActivityForm(request.POST)
    if form.is_valid():
        log_lead_activity(lead, by=request.user, **form.cleaned_data)
        messages.success(request, _("Interaction logged."))
        return redirect("leads:detail", lead.pk)
    return _invalid_exchange(request, lead, activity_form=form)


@login_required
@require_POST
def lead_delete_activity(request: AuthenticatedRequest, pk: int, activity_pk: int) -> HttpResponse:
    lead = access_record(request.user, Lead, pk)
    activity = get_object_or_404(LeadActivity, pk=activity_pk, lead=lead)
    delete_lead_activity(activity, by=request.user)
    messages.success(request, _("Interaction removed."))
    return redirect("leads:detail", lead.pk)


def _invalid_exchange(request: AuthenticatedRequest, lead: Lead, **forms: Any) -> HttpResponse:
    return render(request, "leads/detail.html", _detail_context(request, lead, **forms), status=422)


@login_required
@require_POST
def lead_email(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    lead = access_record(request.user, Lead, pk, Action.CHANGE)
    form = LeadEmailForm(request.POST)
    if form.is_valid():
        try:
            mail = email_lead(lead, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_action_error(form, error)
        else:
            if mail.sent_at is None:
                messages.error(
                    request, _("The email could not be sent: %(error)s") % {"error": mail.error}
                )
            else:
                messages.success(
                    request, _("Email sent to %(address)s.") % {"address": mail.to_address}
                )
            return redirect("leads:detail", lead.pk)
    return _invalid_exchange(request, lead, email_form=form)


@login_required
def lead_history(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    lead = access_record(request.user, Lead, pk)
    context = _header(request, lead, "history")
    entries = AuditEntry.objects.for_record(lead).select_related("actor")[:200]
    context["history"] = history(list(entries), Lead)
    return render(request, "leads/history.html", context)


def _owners(request: AuthenticatedRequest, lead: Lead | None = None) -> QuerySet[User]:
    """Whom the user may give a lead to, and its current owner (kept when saved unchanged)."""
    allowed = Q(pk__in=assignable_owners(request.user).values("pk"))
    return User.objects.filter(allowed | Q(pk=lead.owner_id) if lead else allowed)


@login_required
def lead_create(request: AuthenticatedRequest) -> HttpResponse:
    if not can_add(request.user, Lead):
        raise PermissionDenied(_("Your role does not allow adding leads."))
    form = LeadForm(
        request.POST or None,
        owners=_owners(request),
        initial={"owner": request.user.pk},
    )
    if request.method == "POST" and form.is_valid():
        try:
            lead = actions.create_lead(by=request.user, **form.action_values())
        except ValidationError as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("Lead created."))
            return redirect("leads:detail", lead.pk)
    return render(request, "leads/form.html", {"form": form})


@login_required
def lead_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    lead = access_record(request.user, Lead, pk, Action.CHANGE)
    if lead.is_converted:
        messages.info(request, _("A converted lead is kept as it was."))
        return redirect("leads:detail", lead.pk)
    form = LeadForm(
        request.POST or None,
        instance=lead,
        owners=_owners(request, lead),
        initial={"version": lead.version},
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_lead(
                lead,
                by=request.user,
                values=form.action_values(),
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            add_action_error(form, error)
        except StaleVersion:
            form.add_error(
                None,
                _(
                    "Someone else changed this lead while you were editing. "
                    "Reload the page to see their changes, then edit again."
                ),
            )
        else:
            messages.success(request, _("Lead saved."))
            return redirect("leads:detail", lead.pk)
    return render(request, "leads/form.html", {"form": form, "lead": lead})


@login_required
def lead_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    lead = access_record(request.user, Lead, pk, Action.DELETE)
    if request.method == "POST":
        actions.delete_lead(lead, by=request.user)
        messages.success(request, _("Lead deleted."))
        return redirect("leads:list")
    return render(request, "leads/delete.html", {"lead": lead})


@login_required
@require_POST
def lead_bulk_assign(request: AuthenticatedRequest) -> HttpResponse:
    """Hand the leads ticked on the list to another owner; each id goes through the permission
    layer again, and those the user may not change are skipped and counted."""
    form = LeadBulkForm(assignable_owners(request.user), request.POST)
    back = next_url(request, reverse("leads:list"))
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return redirect(back)
    try:
        outcome = actions.bulk_assign_owner(
            form.selected(), owner=form.cleaned_data["owner"], by=request.user
        )
    except PermissionDenied as error:
        messages.error(request, str(error))
        return redirect(back)
    level = messages.WARNING if outcome.skipped else messages.SUCCESS
    messages.add_message(request, level, outcome.summary())
    return redirect(back)
