"""Settings: the overview page and the one place that decides who may manage what."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from sampark.core.history import HistoryItem, history
from sampark.core.http import AuthenticatedRequest
from sampark.core.models import AuditEntry, User
from sampark.core.roles import Role, role_of
from sampark.core.tasks import worker_status

# Who may do what in settings. Everyone signed in sees teams, roles and their own API tokens.
MANAGE_USERS = frozenset({Role.ADMIN})
VIEW_USERS = frozenset({Role.ADMIN, Role.MANAGER})
MANAGE_TEAMS = frozenset({Role.ADMIN})


def has_role(user: User, allowed: frozenset[Role]) -> bool:
    return role_of(user) in allowed


def require_role(user: User, allowed: frozenset[Role]) -> None:
    """Refuse with 403 unless the user's role is one of ``allowed``."""
    if not has_role(user, allowed):
        raise PermissionDenied(_("Your role does not allow this."))


def is_admin(user: User) -> bool:
    return role_of(user) is Role.ADMIN


def require_admin(user: User) -> None:
    require_role(user, frozenset({Role.ADMIN}))


def settings_page(
    request: AuthenticatedRequest, template: str, tab: str, context: dict[str, Any] | None = None
) -> HttpResponse:
    """Render a settings page with what its tabs need."""
    user = request.user
    return render(
        request,
        template,
        {
            "tab": tab,
            "is_admin": is_admin(user),
            "can_view_users": has_role(user, VIEW_USERS),
            **(context or {}),
        },
    )


def readable_history(record: models.Model) -> list[HistoryItem]:
    entries = list(AuditEntry.objects.for_record(record).select_related("actor")[:50])
    return history(entries, type(record))


@login_required
def settings_home(request: AuthenticatedRequest) -> HttpResponse:
    worker = worker_status() if is_admin(request.user) else None
    return settings_page(request, "core/settings/home.html", "home", {"worker": worker})
