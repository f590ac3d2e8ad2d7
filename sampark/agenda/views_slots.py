""" "Suggest a meeting time" on a contact's page, and booking one of the suggestions.

Booking logs a meeting through the contacts app's own ``log_activity``, so it lands on the
timeline, in the audit trail and in My day like any meeting logged by hand.
"""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sampark.agenda.forms import BookSlotForm, SlotQueryForm
from sampark.agenda.slots import suggest_slots
from sampark.contacts.actions import log_activity
from sampark.contacts.models import Activity, ActivityKind, Contact
from sampark.core.http import AuthenticatedRequest, render_fragment_or_page
from sampark.core.records import access_record, can, can_add
from sampark.core.roles import Action


def _can_book(request: AuthenticatedRequest, contact: Contact) -> bool:
    return can_add(request.user, Activity) and can(request.user, Action.VIEW, contact)


@login_required
def contact_slots(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    contact = access_record(request.user, Contact, pk)
    form = SlotQueryForm(request.GET or None)
    minutes, days = form.values()
    suggestion = suggest_slots(
        request.user, contact, duration=datetime.timedelta(minutes=minutes), days=days
    )
    context = {
        "contact": contact,
        "form": form if form.is_bound else SlotQueryForm(initial={"minutes": 30, "days": 7}),
        "suggestion": suggestion,
        "minutes": minutes,
        "can_book": _can_book(request, contact),
        "slots_url": reverse("agenda:contact_slots", args=[contact.pk]),
        "book_url": reverse("agenda:contact_book_slot", args=[contact.pk]),
        "contact_url": reverse("contacts:detail", args=[contact.pk]),
    }
    return render_fragment_or_page(
        request, "agenda/slots/_slots.html", "agenda/slots/page.html", context
    )


@login_required
@require_POST
def contact_book_slot(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    contact = access_record(request.user, Contact, pk)
    if not _can_book(request, contact):
        raise PermissionDenied(_("Your role does not allow logging interactions."))
    form = BookSlotForm(request.POST)
    meeting = None
    error = ""
    if form.is_valid():
        starts_at = form.cleaned_data["starts_at"]
        try:
            meeting = log_activity(
                by=request.user,
                kind=ActivityKind.MEETING,
                contact=contact,
                subject=_("Meeting with %(name)s") % {"name": contact},
                occurred_at=starts_at,
                starts_at=starts_at,
                ends_at=starts_at + datetime.timedelta(minutes=form.cleaned_data["minutes"]),
            )
        except ValidationError as problem:
            error = " ".join(problem.messages)
    else:
        error = _("This time could not be booked. Ask for suggestions again.")
    if not request.htmx:
        if meeting is not None:
            messages.success(request, _("Meeting booked."))
        else:
            messages.error(request, error)
        return redirect("contacts:detail", contact.pk)
    context = {"contact": contact, "meeting": meeting, "error": error}
    # 200 either way: htmx swaps in only successful answers, and this one says what went wrong.
    return render(request, "agenda/slots/_booked.html", context)
