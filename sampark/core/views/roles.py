"""Settings > Roles: what each of the four roles may do, as configured right now."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.http import HttpResponse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from sampark.core.http import AuthenticatedRequest
from sampark.core.roles import (
    GROUP_ACTIONS,
    PRECEDENCE,
    REACH,
    Action,
    Reach,
    Role,
    business_models,
    group_name,
)
from sampark.core.views.workspace import settings_page

ACTION_LABELS = {
    Action.VIEW: _("View"),
    Action.ADD: _("Add"),
    Action.CHANGE: _("Change"),
    Action.DELETE: _("Delete"),
}
REACH_LABELS = {
    Reach.NONE: _("None"),
    Reach.OWN: _("Own records"),
    Reach.TEAMS: _("Own and team records"),
    Reach.ALL: _("All records"),
}
SUMMARIES = {
    Role.ADMIN: _("Manages users, teams and settings, and may see and change every record."),
    Role.MANAGER: _("Leads teams: sees, adds, changes and deletes the records of their teams."),
    Role.AGENT: _(
        "Works with their own clients: sees the records of their teams, changes only their own."
    ),
    Role.READ_ONLY: _("Sees the records of their teams and changes nothing."),
}


@dataclass
class ModelGrant:
    label: str
    held: list[bool]
    changed: bool  # differs from the defaults Sampark gives the role


@dataclass
class RoleSummary:
    role: Role
    summary: Promise
    reach: list[Promise]
    group_exists: bool
    grants: list[ModelGrant] = field(default_factory=list)
    other_permissions: list[Permission] = field(default_factory=list)


def describe(role: Role, group: Group | None) -> RoleSummary:
    held = set(group.permissions.all()) if group else set()
    summary = RoleSummary(
        role=role,
        summary=SUMMARIES[role],
        reach=[REACH_LABELS[REACH[role][action]] for action in Action],
        group_exists=group is not None,
    )
    content_types = set()
    for model in business_models():
        content_type = ContentType.objects.get_for_model(model)
        content_types.add(content_type.pk)
        codenames = {p.codename for p in held if p.content_type_id == content_type.pk}
        flags = [f"{action}_{model._meta.model_name}" in codenames for action in Action]
        default = [action in GROUP_ACTIONS[role] for action in Action]
        label = str(model._meta.verbose_name_plural).capitalize()
        summary.grants.append(ModelGrant(label, flags, changed=flags != default))
    summary.other_permissions = sorted(
        (p for p in held if p.content_type_id not in content_types),
        key=lambda p: (p.content_type.app_label, p.codename),
    )
    return summary


@login_required
def role_overview(request: AuthenticatedRequest) -> HttpResponse:
    groups = Group.objects.filter(name__in=[group_name(r) for r in Role]).prefetch_related(
        "permissions__content_type"
    )
    by_name = {group.name: group for group in groups}
    roles = [describe(role, by_name.get(group_name(role))) for role in PRECEDENCE]
    context = {"roles": roles, "actions": [ACTION_LABELS[a] for a in Action]}
    return settings_page(request, "core/settings/roles.html", "roles", context)
