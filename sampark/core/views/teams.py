"""Settings > Teams: everyone may look; admins create, change and delete them."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

from sampark.core import actions
from sampark.core.http import AuthenticatedRequest
from sampark.core.models import Team
from sampark.core.settings_forms import TeamForm
from sampark.core.views.workspace import (
    MANAGE_TEAMS,
    has_role,
    readable_history,
    require_role,
    settings_page,
)


@login_required
def team_list(request: AuthenticatedRequest) -> HttpResponse:
    teams = Team.objects.annotate(member_count=Count("members"))
    context = {"teams": teams, "can_manage": has_role(request.user, MANAGE_TEAMS)}
    return settings_page(request, "core/settings/teams/list.html", "teams", context)


@login_required
def team_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    team = get_object_or_404(Team, pk=pk)
    can_manage = has_role(request.user, MANAGE_TEAMS)
    context = {
        "team": team,
        "members": team.members.order_by("username"),
        "can_manage": can_manage,
        "history": readable_history(team) if can_manage else None,
    }
    return settings_page(request, "core/settings/teams/detail.html", "teams", context)


@login_required
def team_create(request: AuthenticatedRequest) -> HttpResponse:
    require_role(request.user, MANAGE_TEAMS)
    form = TeamForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        team = actions.create_team(by=request.user, **form.cleaned_data)
        messages.success(request, _("Team %(name)s was created.") % {"name": team})
        return redirect("settings:team_detail", team.pk)
    return settings_page(request, "core/settings/teams/form.html", "teams", {"form": form})


@login_required
def team_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    require_role(request.user, MANAGE_TEAMS)
    team = get_object_or_404(Team, pk=pk)
    title = str(team)  # the bound form changes ``team`` as it validates
    form = TeamForm(request.POST or None, instance=team)
    if request.method == "POST" and form.is_valid():
        team = actions.update_team(team, by=request.user, values=form.cleaned_data)
        messages.success(request, _("Team %(name)s was saved.") % {"name": team})
        return redirect("settings:team_detail", team.pk)
    context = {"form": form, "team": team, "title": title}
    return settings_page(request, "core/settings/teams/form.html", "teams", context)


@login_required
def team_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    require_role(request.user, MANAGE_TEAMS)
    team = get_object_or_404(Team, pk=pk)
    if request.method == "POST":
        actions.delete_team(team, by=request.user)
        messages.success(request, _("Team %(name)s was deleted.") % {"name": team})
        return redirect("settings:teams")
    context = {"team": team, "member_count": team.members.count()}
    return settings_page(request, "core/settings/teams/delete.html", "teams", context)
