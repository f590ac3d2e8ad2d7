"""Consent on a contact's page (where they stand per channel, the history, recording a
consent a colleague was given, asking for a double opt-in), and the suppression list."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sampark.contacts.models import Contact
from sampark.core.http import AuthenticatedRequest
from sampark.core.records import access_record
from sampark.core.roles import Action, Role, role_of
from sampark.marketing import access, actions_consent
from sampark.marketing.models import (
    Channel,
    ConsentEvent,
    ConsentSource,
    ConsentStatus,
    Suppression,
    SuppressionReason,
)
from sampark.marketing.reachability import standing

HISTORY = 20


def _section(
    request: AuthenticatedRequest, contact: Contact, problems: dict[str, list[str]] | None = None
) -> HttpResponse:
    labels = dict(Channel.choices)
    rows = [
        (row.channel, labels[row.channel], row.consent, row.verdict) for row in standing(contact)
    ]
    context = {
        "contact": contact,
        "rows": rows,
        "history": ConsentEvent.objects.filter(contact=contact).select_related("by")[:HISTORY],
        "channels": Channel.choices,
        "statuses": ConsentStatus.choices,
        "can_record": access.may_add(request.user),
        "problems": problems or {},
    }
    return render(request, "marketing/consent/_contact.html", context)


@login_required
@require_GET
def contact_consent(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _section(request, access_record(request.user, Contact, pk))


@login_required
@require_POST
def record_consent(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """A colleague records what the client said (on the phone, on paper, in the branch)."""
    contact = access_record(request.user, Contact, pk, Action.CHANGE)
    try:
        actions_consent.record_consent(
            contact,
            request.POST.get("channel", ""),
            request.POST.get("status", ""),
            source=ConsentSource.AGENT,
            wording=request.POST.get("wording", ""),
            by=request.user,
        )
    except ValidationError as error:
        return _section(request, contact, error.message_dict)
    return _section(request, contact)


@login_required
@require_POST
def ask_opt_in(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Send the contact a link to confirm they want our email (double opt-in)."""
    contact = access_record(request.user, Contact, pk, Action.CHANGE)
    try:
        actions_consent.request_opt_in(
            contact,
            wording=_("I agree to hear from you by email: news, offers and events."),
            source=ConsentSource.AGENT,
            by=request.user,
        )
    except ValidationError as error:
        return _section(request, contact, error.message_dict)
    return _section(request, contact)


@login_required
@require_http_methods(["GET", "POST"])
def suppressions(request: AuthenticatedRequest) -> HttpResponse:
    if not access.may_view(request.user):
        raise Http404
    problems: dict[str, list[str]] = {}
    if request.method == "POST":
        if not access.may_add(request.user):
            raise PermissionDenied(_("Read-only users cannot change the suppression list."))
        try:
            actions_consent.suppress(
                request.POST.get("channel", ""),
                request.POST.get("address", ""),
                SuppressionReason.MANUAL,
                by=request.user,
                detail=request.POST.get("detail", ""),
            )
        except ValidationError as error:
            problems = error.message_dict
        else:
            messages.success(request, _("The address is suppressed."))
            return redirect("marketing:suppressions")
    query = request.GET.get("q", "").strip().lower()
    rows = Suppression.objects.select_related("created_by")
    if query:
        rows = rows.filter(address__contains=query)
    context = {
        "rows": rows[:200],
        "query": query,
        "channels": Channel.choices,
        "problems": problems,
        "posted": request.POST,
        "can_add": access.may_add(request.user),
        "can_lift": role_of(request.user) in (Role.ADMIN, Role.MANAGER),
    }
    return render(request, "marketing/consent/suppressions.html", context)


@login_required
@require_POST
def lift(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    suppression = Suppression.objects.filter(pk=pk).first()
    if suppression is None or not access.may_view(request.user):
        raise Http404
    actions_consent.lift_suppression(suppression, by=request.user)
    messages.success(
        request, _("%(address)s may be reached again.") % {"address": suppression.address}
    )
    return redirect("marketing:suppressions")
