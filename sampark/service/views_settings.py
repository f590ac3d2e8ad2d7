"""Settings → Service, for admins: ticket categories, business hours with days off, SLA
policies, queues (hours and how tickets are handed out) and agents (languages, skills,
availability, limit). Plain forms and redirects; every write goes through actions_settings.py.
An agent sets their own availability from the ticket list (``my_availability``)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sampark.core.forms import add_action_error
from sampark.core.http import AuthenticatedRequest, next_url
from sampark.core.models import Team, User
from sampark.core.views.workspace import require_role, settings_page
from sampark.service import actions_settings
from sampark.service.actions_settings import MANAGE_SERVICE_SETTINGS
from sampark.service.forms_settings import (
    AgentProfileForm,
    BusinessHoursForm,
    CategoryForm,
    DayOffForm,
    QueueForm,
    SlaPolicyForm,
)
from sampark.service.models import (
    AgentProfile,
    Availability,
    BusinessHours,
    Category,
    Holiday,
    Queue,
    SlaPolicy,
)
from sampark.service.routing import works_tickets

TAB = "service"


def _page(
    request: AuthenticatedRequest, template: str, section: str, context: dict[str, Any]
) -> HttpResponse:
    require_role(request.user, MANAGE_SERVICE_SETTINGS)
    return settings_page(
        request, f"service/settings/{template}", TAB, {"section": section, **context}
    )


def _saved(request: AuthenticatedRequest) -> None:
    messages.success(request, _("Saved."))


# ---------- categories ----------


@login_required
def categories(request: AuthenticatedRequest, pk: int | None = None) -> HttpResponse:
    """The categories, and a form that adds one or changes the one at ``pk``."""
    require_role(request.user, MANAGE_SERVICE_SETTINGS)
    category = get_object_or_404(Category, pk=pk) if pk else Category()
    form = CategoryForm(request.POST or None, instance=category)
    if request.method == "POST" and form.is_valid():
        try:
            actions_settings.save_category(category, by=request.user, values=form.cleaned_data)
        except ValidationError as error:
            add_action_error(form, error)
        else:
            _saved(request)
            return redirect("service_settings:categories")
    context = {"form": form, "category": category, "categories": Category.objects.all()}
    return _page(request, "categories.html", "categories", context)


# ---------- business hours ----------


@login_required
def hours_list(request: AuthenticatedRequest) -> HttpResponse:
    context = {"calendars": BusinessHours.objects.all()}
    return _page(request, "hours_list.html", "hours", context)


@login_required
def hours_edit(request: AuthenticatedRequest, pk: int | None = None) -> HttpResponse:
    require_role(request.user, MANAGE_SERVICE_SETTINGS)
    hours = get_object_or_404(BusinessHours, pk=pk) if pk else BusinessHours()
    form = BusinessHoursForm(request.POST or None, instance=hours)
    if request.method == "POST" and form.is_valid():
        try:
            actions_settings.save_hours(hours, by=request.user, values=form.action_values())
        except ValidationError as error:
            add_action_error(form, error)
        else:
            _saved(request)
            return redirect("service_settings:hours", hours.pk)
    context = {
        "form": form,
        "hours": hours,
        "days_off": hours.days_off.all() if hours.pk else [],
        "day_off_form": DayOffForm(),
    }
    return _page(request, "hours.html", "hours", context)


@login_required
@require_POST
def day_off_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    require_role(request.user, MANAGE_SERVICE_SETTINGS)
    hours = get_object_or_404(BusinessHours, pk=pk)
    form = DayOffForm(request.POST)
    if form.is_valid():
        try:
            actions_settings.add_day_off(hours, by=request.user, **form.cleaned_data)
        except (ValidationError, IntegrityError):
            messages.error(request, _("That day is already a day off."))
        else:
            _saved(request)
    else:
        messages.error(request, _("Give the day as a date."))
    return redirect("service_settings:hours", hours.pk)


@login_required
@require_POST
def day_off_remove(request: AuthenticatedRequest, pk: int, day_pk: int) -> HttpResponse:
    require_role(request.user, MANAGE_SERVICE_SETTINGS)
    day = get_object_or_404(Holiday, pk=day_pk, hours_id=pk)
    actions_settings.remove_day_off(day, by=request.user)
    _saved(request)
    return redirect("service_settings:hours", pk)


# ---------- SLA policies ----------


@login_required
def policy_list(request: AuthenticatedRequest) -> HttpResponse:
    policies = SlaPolicy.objects.select_related("company", "client_tag", "category")
    return _page(request, "policies.html", "policies", {"policies": policies})


@login_required
def policy_edit(request: AuthenticatedRequest, pk: int | None = None) -> HttpResponse:
    require_role(request.user, MANAGE_SERVICE_SETTINGS)
    policy = get_object_or_404(SlaPolicy, pk=pk) if pk else SlaPolicy()
    form = SlaPolicyForm(request.POST or None, instance=policy)
    if request.method == "POST" and form.is_valid():
        values, targets = form.action_values()
        try:
            actions_settings.save_policy(policy, by=request.user, values=values, targets=targets)
        except ValidationError as error:
            add_action_error(form, error)
        else:
            _saved(request)
            return redirect("service_settings:policies")
    return _page(request, "policy.html", "policies", {"form": form, "policy": policy})


@login_required
@require_POST
def policy_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    require_role(request.user, MANAGE_SERVICE_SETTINGS)
    actions_settings.delete_policy(get_object_or_404(SlaPolicy, pk=pk), by=request.user)
    _saved(request)
    return redirect("service_settings:policies")


# ---------- queues and agents ----------


@login_required
def queue_list(request: AuthenticatedRequest) -> HttpResponse:
    queues = {q.team_id: q for q in Queue.objects.select_related("business_hours")}
    rows = [(team, queues.get(team.pk)) for team in Team.objects.order_by("name")]
    return _page(request, "queues.html", "queues", {"rows": rows})


@login_required
def queue_edit(request: AuthenticatedRequest, team_pk: int) -> HttpResponse:
    require_role(request.user, MANAGE_SERVICE_SETTINGS)
    team = get_object_or_404(Team, pk=team_pk)
    queue = Queue.objects.filter(team=team).first() or Queue(team=team)
    form = QueueForm(request.POST or None, instance=queue)
    if request.method == "POST" and form.is_valid():
        values = {
            "business_hours": form.cleaned_data["business_hours"],
            "assignment": form.cleaned_data["assignment"],
        }
        actions_settings.save_queue(team, by=request.user, values=values)
        _saved(request)
        return redirect("service_settings:queues")
    context = {
        "form": form,
        "heading": _("Queue: %(name)s") % {"name": team.name},
        "back": reverse("service_settings:queues"),
    }
    return _page(request, "queue.html", "queues", context)


@login_required
def agent_list(request: AuthenticatedRequest) -> HttpResponse:
    users = [
        u for u in User.objects.filter(is_active=True).order_by("username") if works_tickets(u)
    ]
    profiles = {p.user_id: p for p in AgentProfile.objects.filter(user__in=users)}
    rows = [(user, profiles.get(user.pk)) for user in users]
    return _page(request, "agents.html", "agents", {"rows": rows})


@login_required
def agent_edit(request: AuthenticatedRequest, user_pk: int) -> HttpResponse:
    require_role(request.user, MANAGE_SERVICE_SETTINGS)
    agent = get_object_or_404(User, pk=user_pk, is_active=True)
    profile = AgentProfile.objects.filter(user=agent).first() or AgentProfile(
        user=agent, languages=[agent.language]
    )
    form = AgentProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        values = {
            name: data[name]
            for name in ("languages", "availability", "max_open_tickets", "max_chats")
        }
        actions_settings.save_profile(
            agent, by=request.user, values=values, skills=list(data["skills"])
        )
        _saved(request)
        return redirect("service_settings:agents")
    context = {"form": form, "heading": str(agent), "back": reverse("service_settings:agents")}
    return _page(request, "agent.html", "agents", context)


@login_required
@require_POST
def my_availability(request: AuthenticatedRequest) -> HttpResponse:
    """An agent says whether new tickets may reach them now."""
    wanted = request.POST.get("availability", "")
    if wanted in Availability.values:
        actions_settings.set_availability(request.user, wanted)
    return redirect(next_url(request, "/service/"))
