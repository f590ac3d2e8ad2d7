"""Settings → Lead scoring (admins only): the rules, the model and its retraining; and the
score section of a lead's page, for whoever may see the lead.

Plain forms and redirects; every write goes through the actions.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from sampark.core.forms import add_action_error
from sampark.core.http import AuthenticatedRequest
from sampark.core.records import access_record
from sampark.core.views.workspace import require_role, settings_page
from sampark.leads.models import Lead
from sampark.lib.locale_format import format_number
from sampark.scoring import actions
from sampark.scoring.actions import MANAGE_SCORING
from sampark.scoring.factors import column_label, factors_in_words, signed
from sampark.scoring.forms import RuleForm
from sampark.scoring.history import auc_text, history, usable, why_rules
from sampark.scoring.models import (
    KINDS,
    OPERATORS,
    RuleField,
    RuleOperator,
    ScoringModel,
    ScoringRule,
)
from sampark.scoring.scores import stored

TAB = "scoring"
SHOWN_COEFFICIENTS = 20


def _page(request: AuthenticatedRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    return settings_page(request, f"scoring/{template}", TAB, context)


def status(model: ScoringModel | None) -> dict[str, Any]:
    """Where scores come from now, and why, for the settings page and a lead's page."""
    found = history()
    return {
        "history": found,
        "model": model,
        "uses_model": usable(model),
        "has_rules": ScoringRule.objects.filter(is_active=True).exists(),
        "note": why_rules(model, found),
        "auc": auc_text(model) if model else "",
    }


def _rule_guide() -> list[tuple[str, list[str]]]:
    """What each field's rules may say, for the page's guide."""
    return [
        (str(label), [str(RuleOperator(op).label) for op in OPERATORS[KINDS[value]]])
        for value, label in RuleField.choices
    ]


@login_required
@require_http_methods(["GET", "POST"])
def scoring_settings(request: AuthenticatedRequest) -> HttpResponse:
    """The rules with a form that adds one (posted here), and the model."""
    require_role(request.user, MANAGE_SCORING)
    form = RuleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.create_rule(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("The rule was added; leads are being scored again."))
            return redirect("scoring_settings:home")
    model = ScoringModel.objects.current()
    ranked = model.linear().ranked()[:SHOWN_COEFFICIENTS] if model else []
    coefficients = [(column_label(column), signed(weight, 2)) for column, weight in ranked]
    return _page(
        request,
        "settings.html",
        {
            "form": form,
            "rules": ScoringRule.objects.all(),
            "coefficients": coefficients,
            "guide": _rule_guide(),
            **status(model),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def rule_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    require_role(request.user, MANAGE_SCORING)
    rule = get_object_or_404(ScoringRule, pk=pk)
    form = RuleForm(request.POST or None, instance=rule)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_rule(rule, by=request.user, values=form.cleaned_data)
        except ValidationError as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("The rule was saved; leads are being scored again."))
            return redirect("scoring_settings:home")
    return _page(request, "rule.html", {"form": form, "rule": rule})


@login_required
@require_POST
def rule_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    require_role(request.user, MANAGE_SCORING)
    rule = get_object_or_404(ScoringRule, pk=pk)
    actions.delete_rule(rule, by=request.user)
    messages.success(request, _("The rule was deleted; leads are being scored again."))
    return redirect("scoring_settings:home")


@login_required
@require_POST
def retrain(request: AuthenticatedRequest) -> HttpResponse:
    require_role(request.user, MANAGE_SCORING)
    outcome = actions.retrain(by=request.user)
    if outcome.model is None:
        messages.warning(request, outcome.history.shortfall())
    elif usable(outcome.model):
        messages.success(
            request,
            _(
                "A new model was trained on %(count)s leads (holdout AUC %(auc)s); leads are "
                "being scored again."
            )
            % {"count": format_number(outcome.model.n_samples), "auc": auc_text(outcome.model)},
        )
    else:
        messages.warning(request, status(outcome.model)["note"])
    return redirect("scoring_settings:home")


@login_required
def lead_score(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The score section of a lead's page (an htmx fragment): the score, where it came from,
    and its top factors."""
    lead = access_record(request.user, Lead, pk)
    detail = stored(lead)
    context = {
        "lead": lead,
        "detail": detail,
        "factors": factors_in_words(detail.factors) if detail else [],
        **status(ScoringModel.objects.current()),
    }
    return render(request, "scoring/_lead_score.html", context)
