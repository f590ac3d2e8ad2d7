"""Converting a lead: the page that shows what will happen, and the one step that does it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from sampark.core.forms import add_action_error
from sampark.core.http import AuthenticatedRequest
from sampark.core.records import StaleVersion, access_record, can_add
from sampark.core.roles import Action
from sampark.leads import actions
from sampark.leads.forms import ConvertForm
from sampark.leads.matching import plan_conversion
from sampark.leads.models import Lead
from sampark.sales.currency import base_currency
from sampark.sales.models import Deal, Pipeline

DEAL_FIELDS = ("create_deal", "pipeline", "deal_name", "amount", "currency", "expected_close")


def _initial(lead: Lead) -> dict[str, object]:
    return {
        "version": lead.version,
        "deal_name": lead.company_name or lead.name,
        "amount": lead.budget,
        "currency": lead.budget_currency or base_currency(),
        "pipeline": Pipeline.objects.filter(is_active=True).first(),
    }


@login_required
@require_http_methods(["GET", "POST"])
def lead_convert(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    lead = access_record(request.user, Lead, pk, Action.CHANGE)
    if lead.is_converted:
        messages.info(request, _("This lead was already converted."))
        return redirect("leads:detail", lead.pk)
    form = ConvertForm(request.POST or None, initial=_initial(lead))
    can_add_deal = can_add(request.user, Deal) and Pipeline.objects.filter(is_active=True).exists()
    if not can_add_deal:
        for name in DEAL_FIELDS:
            del form.fields[name]
    if request.method == "POST" and form.is_valid():
        try:
            lead = actions.convert_lead(lead, by=request.user, **form.action_values())
        except actions.AlreadyConverted:
            messages.info(request, _("This lead was already converted."))
            return redirect("leads:detail", lead.pk)
        except StaleVersion:
            form.add_error(
                None,
                _("Someone else changed this lead meanwhile. Reload the page, then convert it."),
            )
        except ValidationError as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("Lead converted."))
            return redirect("contacts:detail", lead.converted_contact_id)
    context = {
        "lead": lead,
        "form": form,
        "plan": plan_conversion(lead, request.user),
        "can_add_deal": can_add_deal,
    }
    return render(request, "leads/convert.html", context)
