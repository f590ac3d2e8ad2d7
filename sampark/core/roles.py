"""The four roles, what each may do, and how far each one reaches.

A role is a Django group (so admins can fine-tune its model permissions in the admin); the
*reach* of a role — own records, the team's, or everything — is fixed here, in one table.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Any

from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from sampark.core.models import User


class Role(models.TextChoices):
    ADMIN = "admin", _("Admin")
    MANAGER = "manager", _("Manager")
    AGENT = "agent", _("Agent")
    READ_ONLY = "read_only", _("Read-only")


class Reach(enum.Enum):
    NONE = "none"
    OWN = "own"  # records the user owns
    TEAMS = "teams"  # plus records of any team the user belongs to
    ALL = "all"


class Action(enum.StrEnum):
    VIEW = "view"
    ADD = "add"
    CHANGE = "change"
    DELETE = "delete"


REACH: dict[Role, dict[Action, Reach]] = {
    Role.ADMIN: {
        Action.VIEW: Reach.ALL,
        Action.ADD: Reach.ALL,
        Action.CHANGE: Reach.ALL,
        Action.DELETE: Reach.ALL,
    },
    Role.MANAGER: {
        Action.VIEW: Reach.TEAMS,
        Action.ADD: Reach.TEAMS,
        Action.CHANGE: Reach.TEAMS,
        Action.DELETE: Reach.TEAMS,
    },
    # An agent can read the team's clients (to cover for a colleague) but edits only their own.
    Role.AGENT: {
        Action.VIEW: Reach.TEAMS,
        Action.ADD: Reach.OWN,
        Action.CHANGE: Reach.OWN,
        Action.DELETE: Reach.OWN,
    },
    Role.READ_ONLY: {
        Action.VIEW: Reach.TEAMS,
        Action.ADD: Reach.NONE,
        Action.CHANGE: Reach.NONE,
        Action.DELETE: Reach.NONE,
    },
}

# Which model permissions each role's group holds on business records.
GROUP_ACTIONS: dict[Role, tuple[Action, ...]] = {
    Role.ADMIN: tuple(Action),
    Role.MANAGER: tuple(Action),
    Role.AGENT: tuple(Action),
    Role.READ_ONLY: (Action.VIEW,),
}

# Highest first: a user in several groups gets the widest role.
PRECEDENCE = [Role.ADMIN, Role.MANAGER, Role.AGENT, Role.READ_ONLY]


def group_name(role: Role) -> str:
    return str(role.value)


def assigned_role(user: User) -> Role | None:
    """The role a user is given, active or not; the widest one if they are in several groups."""
    if user.is_superuser:
        return Role.ADMIN
    names = {group.name for group in user.groups.all()}
    return next((role for role in PRECEDENCE if group_name(role) in names), None)


def role_of(user: User) -> Role | None:
    """The role a signed-in, active user acts with, cached on the user object for the request."""
    if not user.is_authenticated or not user.is_active:
        return None
    cached: Role | str | None = getattr(user, "_sampark_role", "unset")
    if cached != "unset":
        return cached  # type: ignore[return-value]
    role = assigned_role(user)
    user._sampark_role = role  # type: ignore[attr-defined]
    return role


def reach(user: User, action: Action) -> Reach:
    role = role_of(user)
    return REACH[role][action] if role else Reach.NONE


def business_models() -> list[type[models.Model]]:
    from django.apps import apps

    from sampark.core.records import OwnedRecord

    return [m for m in apps.get_models() if issubclass(m, OwnedRecord)]


def sync_role_groups(**_: Any) -> None:
    """Create the role groups and grant each its default permissions on new business models.

    A model the group already holds any permission on is left alone, so an admin's changes to a
    group survive the next migrate.
    """
    from django.contrib.auth.models import Group, Permission
    from django.contrib.contenttypes.models import ContentType

    for role, actions in GROUP_ACTIONS.items():
        group, _created = Group.objects.get_or_create(name=group_name(role))
        for model in business_models():
            content_type = ContentType.objects.get_for_model(model)
            if group.permissions.filter(content_type=content_type).exists():
                continue
            codenames = [f"{action}_{model._meta.model_name}" for action in actions]
            group.permissions.add(
                *Permission.objects.filter(content_type=content_type, codename__in=codenames)
            )
