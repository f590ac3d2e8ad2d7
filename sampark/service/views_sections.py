"""The Tickets section of contact and company pages: a client's open tickets first, loaded with
htmx once the page is shown (so the record page runs no ticket queries); without script, its
link opens it as a page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Case, IntegerField, Value, When
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from sampark.contacts.models import Company, Contact
from sampark.core import cached
from sampark.core.http import AuthenticatedRequest, render_fragment_or_page
from sampark.core.records import access_record, can_add
from sampark.service.models import UNSOLVED, Ticket

# The section shows this many; the rest are a link to the ticket list, filtered to the record.
SHOWN = 10


def _section(request: AuthenticatedRequest, record: Contact | Company) -> HttpResponse:
    on_contact = isinstance(record, Contact)
    key = "client" if on_contact else "company"
    tickets = Ticket.objects.visible_to(request.user).filter(
        **({"requester": record} if on_contact else {"company": record})
    )
    ordered = tickets.order_by(
        Case(
            When(status__in=UNSOLVED, then=Value(0)), default=Value(1), output_field=IntegerField()
        ),
        "-updated_at",
        "-id",
    )
    shown = list(ordered[: SHOWN + 1])
    names = cached.user_names()
    for ticket in shown:
        ticket.assignee_name = names.get(ticket.assignee_id or 0, "")  # type: ignore[attr-defined]
    context = {
        "record": record,
        "tickets": shown[:SHOWN],
        "more": len(shown) > SHOWN,
        "open_count": tickets.filter(status__in=UNSOLVED).count(),
        "all_url": f"{reverse('service:home')}?{key}={record.pk}&status=any",
        "create_url": f"{reverse('service:ticket_create')}?contact={record.pk}"
        if on_contact
        else None,
        "can_add": can_add(request.user, Ticket),
        "record_url": reverse(
            "contacts:detail" if on_contact else "contacts:company_detail", args=[record.pk]
        ),
    }
    return render_fragment_or_page(
        request, "service/tickets/_related.html", "service/tickets/related_page.html", context
    )


@login_required
@require_GET
def contact_tickets(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The tickets the contact asked."""
    return _section(request, access_record(request.user, Contact, pk))


@login_required
@require_GET
def company_tickets(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The tickets asked for the company."""
    return _section(request, access_record(request.user, Company, pk))
