"""Next-best offers on a contact's page: a section loaded with htmx once the page is shown."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from sampark.contacts.models import Contact
from sampark.core.http import AuthenticatedRequest
from sampark.core.records import access_record
from sampark.offers.recommend import for_contact


@login_required
@require_GET
def contact_offers(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    # A contact the user may not see is missing (404), as everywhere: guessing ids reveals
    # nothing, not even that a client has offers.
    contact = access_record(request.user, Contact, pk)
    context = {"contact": contact, "offers": for_contact(contact, user=request.user)}
    return render(request, "offers/_offers.html", context)
