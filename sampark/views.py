"""The home page: it draws on several domains, so it lives above them all."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from sampark.contacts.models import Contact
from sampark.core.http import AuthenticatedRequest
from sampark.core.roles import role_of


@login_required
def home(request: AuthenticatedRequest) -> HttpResponse:
    contacts = Contact.objects.visible_to(request.user)
    return render(
        request,
        "home.html",
        {
            "contact_count": contacts.count(),
            "recent_contacts": contacts.order_by("-updated_at")[:8],
            "role": role_of(request.user),
        },
    )
