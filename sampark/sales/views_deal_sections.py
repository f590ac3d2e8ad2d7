"""The Deals section of contact and company pages: loaded with htmx once the page is shown, so
the record page itself runs no deal queries; without script, its link opens it as a page."""

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
from sampark.sales.currency import base_currency
from sampark.sales.lists import ANY_STATUS, DealFilters, filtered_deals, for_cards, totals
from sampark.sales.models import Deal, DealStatus

# The section shows this many; the rest are a link to the deal list, filtered to the record.
SHOWN = 20


def _section(request: AuthenticatedRequest, record: Contact | Company) -> HttpResponse:
    on_contact = isinstance(record, Contact)
    filters = DealFilters(
        status=ANY_STATUS,
        contact=record.pk if on_contact else None,
        company=None if on_contact else record.pk,
    )
    deals = filtered_deals(request.user, filters)
    # Open deals first, soonest to close; then closed ones, the latest closed first.
    ordered = for_cards(deals, with_stage=True).order_by(
        Case(
            When(status=DealStatus.OPEN, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        ),
        "expected_close",
        "-closed_at",
        "-id",
    )
    shown = list(ordered[: SHOWN + 1])
    names = cached.user_names()
    for deal in shown:
        deal.owner_name = names.get(deal.owner_id, "")  # type: ignore[attr-defined]
    key = "contact" if on_contact else "company"
    context = {
        "record": record,
        "on": key,
        "deals": shown[:SHOWN],
        "more": len(shown) > SHOWN,
        "open_totals": totals(deals.filter(status=DealStatus.OPEN)),
        "base_currency": base_currency(),
        "all_url": f"{reverse('sales:deals')}?{key}={record.pk}&status={ANY_STATUS}",
        "create_url": f"{reverse('sales:deal_create')}?{key}={record.pk}",
        "can_add": can_add(request.user, Deal),
        "record_url": reverse(
            "contacts:detail" if on_contact else "contacts:company_detail", args=[record.pk]
        ),
    }
    return render_fragment_or_page(
        request, "sales/deals/_related.html", "sales/deals/related_page.html", context
    )


@login_required
@require_GET
def contact_deals(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The deals naming the contact, as the main person or one of the others."""
    return _section(request, access_record(request.user, Contact, pk))


@login_required
@require_GET
def company_deals(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _section(request, access_record(request.user, Company, pk))
