"""Settings → Sales, for admins only: pipelines and their stages, lost reasons, exchange rates.

Plain forms and redirects, no script: reordering is an up or a down button. Every write goes
through the actions (actions_settings.py, actions_rates.py); a refusal (a stage that still has
deals, say) comes back as a message on the page it was asked from.
"""

from __future__ import annotations

from typing import Any

from babel import numbers
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from sampark.core.forms import add_action_error
from sampark.core.http import AuthenticatedRequest
from sampark.core.views.workspace import readable_history, require_role, settings_page
from sampark.lib.locale_format import cldr_locale, format_date, native_digits
from sampark.sales import actions_rates, actions_settings
from sampark.sales.actions_settings import MANAGE_SALES_SETTINGS
from sampark.sales.currency import base_currency
from sampark.sales.forms_settings import ExchangeRateForm, LostReasonForm, PipelineForm, StageForm
from sampark.sales.models import Deal, DealStatus, ExchangeRate, LostReason, Pipeline, Stage

TAB = "sales"
STEPS = {"up": -1, "down": 1}


def _page(
    request: AuthenticatedRequest, template: str, section: str, context: dict[str, Any]
) -> HttpResponse:
    return settings_page(
        request, f"sales/settings/{template}", TAB, {"section": section, **context}
    )


def _step(request: AuthenticatedRequest) -> int | None:
    return STEPS.get(request.POST.get("direction", ""))


def _refused(request: AuthenticatedRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


# ---------- pipelines ----------


@login_required
@require_http_methods(["GET", "POST"])
def pipeline_list(request: AuthenticatedRequest) -> HttpResponse:
    """The pipelines, and a form that adds one (posted here)."""
    require_role(request.user, MANAGE_SALES_SETTINGS)
    form = PipelineForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            pipeline = actions_settings.create_pipeline(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_action_error(form, error)
        else:
            messages.success(
                request,
                _("The pipeline %(name)s was added: now give it its stages.") % {"name": pipeline},
            )
            return redirect("sales_settings:pipeline", pipeline.pk)
    # Counted apart rather than joined: a join of stages and deals would count stages times deals.
    stage_counts = dict(Stage.objects.values_list("pipeline").annotate(n=Count("id")).order_by())
    deal_counts = dict(Deal.objects.values_list("pipeline").annotate(n=Count("id")).order_by())
    pipelines = [
        (pipeline, stage_counts.get(pipeline.pk, 0), deal_counts.get(pipeline.pk, 0))
        for pipeline in Pipeline.objects.all()
    ]
    return _page(request, "pipelines.html", "pipelines", {"pipelines": pipelines, "form": form})


def _pipeline_context(pipeline: Pipeline, **forms: Any) -> dict[str, Any]:
    stages = pipeline.stages.annotate(deal_count=Count("deals")).order_by("position", "id")
    return {
        "pipeline": pipeline,
        "title": str(pipeline),
        "stages": stages,
        "deal_count": Deal.objects.filter(pipeline=pipeline).count(),
        "form": forms.get("form") or PipelineForm(instance=pipeline, prefix="pipeline"),
        "stage_form": forms.get("stage_form") or StageForm(prefix="stage"),
        "history": readable_history(pipeline),
    }


@login_required
@require_http_methods(["GET", "POST"])
def pipeline_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The pipeline's name, state and stages; posting the form renames or (de)activates it."""
    require_role(request.user, MANAGE_SALES_SETTINGS)
    pipeline = get_object_or_404(Pipeline, pk=pk)
    title = str(pipeline)  # the bound form changes ``pipeline`` as it validates
    form = PipelineForm(request.POST or None, instance=pipeline, prefix="pipeline")
    if request.method == "POST" and form.is_valid():
        try:
            actions_settings.update_pipeline(pipeline, by=request.user, values=form.cleaned_data)
        except ValidationError as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("The pipeline %(name)s was saved.") % {"name": pipeline})
            return redirect("sales_settings:pipeline", pipeline.pk)
    context = {**_pipeline_context(pipeline, form=form), "title": title}
    return _page(request, "pipeline.html", "pipelines", context)


@login_required
@require_http_methods(["GET", "POST"])
def pipeline_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    require_role(request.user, MANAGE_SALES_SETTINGS)
    pipeline = get_object_or_404(Pipeline, pk=pk)
    if request.method == "POST":
        try:
            actions_settings.delete_pipeline(pipeline, by=request.user)
        except ValidationError as error:
            _refused(request, error)
            return redirect("sales_settings:pipeline", pipeline.pk)
        messages.success(request, _("The pipeline %(name)s was deleted.") % {"name": pipeline})
        return redirect("sales_settings:pipelines")
    context = {"pipeline": pipeline, "deal_count": Deal.objects.filter(pipeline=pipeline).count()}
    return _page(request, "pipeline_delete.html", "pipelines", context)


# ---------- stages ----------


@login_required
@require_POST
def stage_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    require_role(request.user, MANAGE_SALES_SETTINGS)
    pipeline = get_object_or_404(Pipeline, pk=pk)
    form = StageForm(request.POST, prefix="stage")
    if form.is_valid():
        try:
            stage = actions_settings.add_stage(pipeline, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("The stage %(name)s was added.") % {"name": stage})
            return redirect("sales_settings:pipeline", pipeline.pk)
    return _page(
        request, "pipeline.html", "pipelines", _pipeline_context(pipeline, stage_form=form)
    )


def _stage(pipeline_pk: int, pk: int) -> Stage:
    return get_object_or_404(
        Stage.objects.select_related("pipeline"), pk=pk, pipeline_id=pipeline_pk
    )


@login_required
@require_http_methods(["GET", "POST"])
def stage_edit(request: AuthenticatedRequest, pipeline_pk: int, pk: int) -> HttpResponse:
    require_role(request.user, MANAGE_SALES_SETTINGS)
    stage = _stage(pipeline_pk, pk)
    title = str(stage)
    form = StageForm(request.POST or None, instance=stage)
    if request.method == "POST" and form.is_valid():
        try:
            actions_settings.update_stage(stage, by=request.user, values=form.cleaned_data)
        except ValidationError as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("The stage %(name)s was saved.") % {"name": stage})
            return redirect("sales_settings:pipeline", pipeline_pk)
    context = {
        "stage": stage,
        "pipeline": stage.pipeline,
        "title": title,
        "form": form,
        "history": readable_history(stage),
    }
    return _page(request, "stage.html", "pipelines", context)


@login_required
@require_POST
def stage_move(request: AuthenticatedRequest, pipeline_pk: int, pk: int) -> HttpResponse:
    require_role(request.user, MANAGE_SALES_SETTINGS)
    stage = _stage(pipeline_pk, pk)
    step = _step(request)
    if step is None:
        return HttpResponseBadRequest(_("Say up or down."))
    actions_settings.move_stage(stage, step, by=request.user)
    return redirect("sales_settings:pipeline", pipeline_pk)


@login_required
@require_http_methods(["GET", "POST"])
def stage_delete(request: AuthenticatedRequest, pipeline_pk: int, pk: int) -> HttpResponse:
    require_role(request.user, MANAGE_SALES_SETTINGS)
    stage = _stage(pipeline_pk, pk)
    if request.method == "POST":
        try:
            actions_settings.delete_stage(stage, by=request.user)
        except ValidationError as error:
            _refused(request, error)
        else:
            messages.success(request, _("The stage %(name)s was deleted.") % {"name": stage})
        return redirect("sales_settings:pipeline", pipeline_pk)
    context = {
        "stage": stage,
        "pipeline": stage.pipeline,
        "deal_count": Deal.objects.filter(stage=stage).count(),
    }
    return _page(request, "stage_delete.html", "pipelines", context)


# ---------- lost reasons ----------


@login_required
@require_http_methods(["GET", "POST"])
def lost_reason_list(request: AuthenticatedRequest) -> HttpResponse:
    """The reasons, in the order people pick from; the form adds one (posted here)."""
    require_role(request.user, MANAGE_SALES_SETTINGS)
    form = LostReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            reason = actions_settings.add_lost_reason(
                by=request.user, name=form.cleaned_data["name"]
            )
        except ValidationError as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("The reason %(name)s was added.") % {"name": reason})
            return redirect("sales_settings:lost_reasons")
    reasons = LostReason.objects.order_by("position", "id")
    return _page(request, "lost_reasons.html", "lost_reasons", {"reasons": reasons, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def lost_reason_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    require_role(request.user, MANAGE_SALES_SETTINGS)
    reason = get_object_or_404(LostReason, pk=pk)
    title = str(reason)
    form = LostReasonForm(request.POST or None, instance=reason)
    if request.method == "POST" and form.is_valid():
        try:
            actions_settings.update_lost_reason(reason, by=request.user, values=form.cleaned_data)
        except ValidationError as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("The reason %(name)s was saved.") % {"name": reason})
            return redirect("sales_settings:lost_reasons")
    context = {"reason": reason, "title": title, "form": form, "history": readable_history(reason)}
    return _page(request, "lost_reason.html", "lost_reasons", context)


@login_required
@require_POST
def lost_reason_move(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    require_role(request.user, MANAGE_SALES_SETTINGS)
    reason = get_object_or_404(LostReason, pk=pk)
    step = _step(request)
    if step is None:
        return HttpResponseBadRequest(_("Say up or down."))
    actions_settings.move_lost_reason(reason, step, by=request.user)
    return redirect("sales_settings:lost_reasons")


# ---------- exchange rates ----------


def rate_text(rate: Any) -> str:
    """A rate with all its decimals (0.0083 must not read 0.008), in the reader's digits."""
    locale = cldr_locale()
    text = numbers.format_decimal(rate.normalize(), locale=locale, decimal_quantization=False)
    return native_digits(text, locale)


def _rates_context(form: ExchangeRateForm) -> dict[str, Any]:
    """The rates by currency, newest first, marking the one in force today, and the currencies
    of open deals that have no rate at all (their amounts are left out of totals)."""
    today = timezone.localdate()
    rows: list[dict[str, Any]] = []
    in_force: set[str] = set()
    for rate in ExchangeRate.objects.order_by("currency", "-valid_from"):
        current = rate.currency not in in_force and rate.valid_from <= today
        if current:
            in_force.add(rate.currency)
        rows.append({"rate": rate, "text": rate_text(rate.rate), "in_force": current})
    rated = {row["rate"].currency for row in rows}
    # A currency whose every rate starts later still uses the earliest (currency.rate_on).
    for row in reversed(rows):
        if row["rate"].currency not in in_force:
            row["in_force"] = True
            in_force.add(row["rate"].currency)
    unrated = (
        Deal.objects.filter(status=DealStatus.OPEN)
        .exclude(Q(currency=base_currency()) | Q(currency__in=rated))
        .values("currency")
        .annotate(count=Count("id"))
        .order_by("currency")
    )
    return {"rows": rows, "form": form, "base": base_currency(), "unrated": unrated}


@login_required
@require_http_methods(["GET", "POST"])
def rate_list(request: AuthenticatedRequest) -> HttpResponse:
    """The rates, and a form that sets one (posted here)."""
    require_role(request.user, MANAGE_SALES_SETTINGS)
    form = ExchangeRateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            rate, created = actions_rates.set_rate(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_action_error(form, error)
        else:
            note = (
                _(
                    "The rate of %(currency)s from %(day)s was added; open deals in %(currency)s were brought up to date."
                )
                if created
                else _(
                    "The rate of %(currency)s from %(day)s was replaced; open deals in %(currency)s were brought up to date."
                )
            )
            day = format_date(rate.valid_from)
            messages.success(request, note % {"currency": rate.currency, "day": day})
            return redirect("sales_settings:rates")
    return _page(request, "rates.html", "rates", _rates_context(form))


@login_required
@require_POST
def rate_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    require_role(request.user, MANAGE_SALES_SETTINGS)
    rate = get_object_or_404(ExchangeRate, pk=pk)
    actions_rates.delete_rate(rate, by=request.user)
    messages.success(
        request,
        _(
            "The rate of %(currency)s from %(day)s was deleted; open deals in %(currency)s were brought up to date."
        )
        % {"currency": rate.currency, "day": format_date(rate.valid_from)},
    )
    return redirect("sales_settings:rates")
