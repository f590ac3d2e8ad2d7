"""Each signed-in user's access profile — role, model permissions, teams — kept in the session.

Without it every page spends four queries working out who the user is allowed to be (role
groups, user permissions, group permissions, teams) before it reads any data. The profile is
built once, stored in the session (which is read anyway), and trusted while the user's
``access_version`` (on the user row, also read anyway) is the one it was built for. Every
change that could alter it moves that version on: see ``signals`` below.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group
from django.contrib.sessions.backends.base import SessionBase
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save

from sampark.core import cached
from sampark.core.models import Team, User
from sampark.core.roles import Role, assigned_role

SESSION_KEY = "_sampark_access"


def apply_profile(user: User, session: SessionBase) -> None:
    """Give ``user`` its role, permissions and teams from the session, rebuilding them if stale."""
    profile: dict[str, Any] | None = session.get(SESSION_KEY)
    if not profile or profile.get("for") != _stamp(user):
        profile = _build(user)
        session[SESSION_KEY] = profile
    role = profile["role"]
    user._sampark_role = Role(role) if role else None  # type: ignore[attr-defined]
    user._sampark_team_ids = list(profile["teams"])
    # The caches Django's ModelBackend fills on first use; filled here, it reads nothing.
    user._user_perm_cache = set(profile["user_perms"])  # type: ignore[attr-defined]
    user._group_perm_cache = set(profile["group_perms"])  # type: ignore[attr-defined]
    user._perm_cache = user._user_perm_cache | user._group_perm_cache  # type: ignore[attr-defined]


def _stamp(user: User) -> list[Any]:
    # Superuser and active flags live on the user row, so they are part of the stamp as well.
    return [user.pk, user.access_version, user.is_superuser, user.is_active]


def _build(user: User) -> dict[str, Any]:
    role = assigned_role(user)
    return {
        "for": _stamp(user),
        "role": role.value if role else None,
        "teams": list(user.teams.values_list("id", flat=True)),
        "user_perms": sorted(user.get_user_permissions()),
        "group_perms": sorted(user.get_group_permissions()),
    }


def expire(user_ids: Any) -> None:
    """Make the users' stored profiles stale (``user_ids``: ids or a subquery of them)."""
    User.objects.filter(pk__in=user_ids).update(access_version=F("access_version") + 1)


def _affected(sender: Any, instance: Any, reverse: bool, pk_set: set[int]) -> Any:
    """The users whose access an add to or remove from this relation changes."""
    if sender is Group.permissions.through:
        groups = pk_set if reverse else [instance.pk]
        return User.objects.filter(groups__in=groups).values("pk")
    user_side = (sender is Team.members.through) != reverse  # which end the users are at
    return pk_set if user_side else [instance.pk]


def _on_change(
    sender: Any, instance: Any, action: str, reverse: bool, pk_set: Any, **_: Any
) -> None:
    if action == "pre_clear":
        # Rare (deleting a group or a team clears it); before the clear is the last moment the
        # members are known, and everyone rebuilding once costs little.
        expire(User.objects.values("pk"))
    elif action in ("post_add", "post_remove"):
        expire(_affected(sender, instance, reverse, pk_set))
    if sender is Team.members.through:
        cached.invalidate(cached.PEOPLE)


def _on_people_changed(**_: Any) -> None:
    cached.invalidate(cached.PEOPLE)


def connect_signals() -> None:
    for relation in (
        User.groups.through,
        User.user_permissions.through,
        Team.members.through,
        Group.permissions.through,
    ):
        m2m_changed.connect(_on_change, sender=relation, dispatch_uid=f"access.{relation.__name__}")
    post_save.connect(_on_people_changed, sender=User, dispatch_uid="access.user_saved")
    post_save.connect(_on_people_changed, sender=Team, dispatch_uid="access.team_saved")
    post_delete.connect(_on_people_changed, sender=Team, dispatch_uid="access.team_deleted")
