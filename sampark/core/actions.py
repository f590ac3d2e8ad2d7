"""Writes to users, teams and API tokens. Each one is audited like a business record."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from sampark.core import audit
from sampark.core.models import AuditAction, Team, User
from sampark.core.roles import Role, assigned_role, group_name

PROFILE_FIELDS = frozenset({"first_name", "last_name", "email", "language", "time_zone"})


def update_profile(user: User, *, by: User, values: Mapping[str, Any]) -> User:
    # Compare with the stored row: a valid ModelForm has already set the new values on `user`.
    stored = User.objects.get(pk=user.pk)
    changes = {
        name: [getattr(stored, name), value]
        for name, value in values.items()
        if name in PROFILE_FIELDS and getattr(stored, name) != value
    }
    if not changes:
        return user
    for name, (_old, new) in changes.items():
        setattr(user, name, new)
    user.full_clean(exclude=["password", "username"])
    with transaction.atomic():
        user.save(update_fields=list(changes))
        audit.record(AuditAction.UPDATE, user, by=by, changes=changes)
    return user


def create_admin(*, username: str, email: str, password: str, by: User | None = None) -> User:
    """A superuser in the admin role group: the account that sets everything else up."""
    with transaction.atomic():
        user = User.objects.create_superuser(username=username, email=email, password=password)
        group, _created = Group.objects.get_or_create(name=group_name(Role.ADMIN))
        user.groups.add(group)
        audit.record(
            AuditAction.CREATE,
            user,
            by=by or user,
            changes={"username": [None, username], "role": [None, Role.ADMIN.value]},
        )
    return user


# ---------- users ----------

USER_FIELDS = ("first_name", "last_name", "email", "is_active", "language", "time_zone")


def _team_names(teams: Iterable[Team]) -> list[str]:
    return sorted(team.name for team in teams)


def _set_role(user: User, role: Role) -> None:
    """Put the user in exactly one role group; groups that are not roles are left alone."""
    role_groups = {group_name(r) for r in Role}
    user.groups.remove(*user.groups.filter(name__in=role_groups - {group_name(role)}))
    group, _created = Group.objects.get_or_create(name=group_name(role))
    user.groups.add(group)
    for cached in ("_sampark_role", "_sampark_team_ids"):
        user.__dict__.pop(cached, None)


def create_user(
    *,
    by: User,
    username: str,
    email: str,
    role: Role | str,
    teams: Iterable[Team] = (),
    first_name: str = "",
    last_name: str = "",
    language: str = settings.LANGUAGE_CODE,
    time_zone: str = settings.TIME_ZONE,
) -> User:
    """A new user without a password: they choose one through the emailed link."""
    role = Role(role)
    teams = list(teams)
    user = User(
        username=username,
        email=email,
        first_name=first_name,
        last_name=last_name,
        language=language,
        time_zone=time_zone,
    )
    user.is_superuser = user.is_staff = role is Role.ADMIN  # see update_user
    user.set_unusable_password()
    user.full_clean()
    with transaction.atomic():
        user.save(force_insert=True)
        _set_role(user, role)
        user.teams.set(teams)
        values = {name: getattr(user, name) for name in ("username", *USER_FIELDS)}
        changes: dict[str, Any] = {k: [None, v] for k, v in values.items() if v not in (None, "")}
        changes["role"] = [None, role.value]
        if teams:
            changes["teams"] = [None, _team_names(teams)]
        audit.record(AuditAction.CREATE, user, by=by, changes=changes)
    return user


def update_user(user: User, *, by: User, values: Mapping[str, Any]) -> User:
    """Change a user's details, role and teams, refusing to leave the workspace without an admin.

    Diffs are taken against the row as stored (a bound ModelForm has already changed ``user``).
    """
    with transaction.atomic():
        # One lock for every change to who is an admin, so two admins cannot demote each other.
        Group.objects.select_for_update().filter(name=group_name(Role.ADMIN)).first()
        current = User.objects.select_for_update().get(pk=user.pk)
        changes: dict[str, list[Any]] = {
            name: [getattr(current, name), values[name]]
            for name in USER_FIELDS
            if name in values and getattr(current, name) != values[name]
        }
        old_role = assigned_role(current)
        new_role = Role(values["role"]) if values.get("role") else old_role
        old_teams = list(current.teams.all())
        new_teams = list(values["teams"]) if "teams" in values else old_teams
        still_admin = new_role is Role.ADMIN and values.get("is_active", current.is_active)
        if old_role is Role.ADMIN and current.is_active and not still_admin:
            _refuse_if_last_admin(current)
        if new_role != old_role and new_role is not None:
            changes["role"] = [old_role.value if old_role else None, new_role.value]
            # Admins also reach the Django admin (to fine-tune the role groups' permissions);
            # a superuser is an admin whatever its groups say, so demoting one clears both.
            admin = new_role is Role.ADMIN
            for flag in ("is_superuser", "is_staff"):
                if getattr(current, flag) != admin:
                    changes[flag] = [getattr(current, flag), admin]
        if _team_names(new_teams) != _team_names(old_teams):
            changes["teams"] = [_team_names(old_teams), _team_names(new_teams)]
        if not changes:
            return current
        for name in (*USER_FIELDS, "is_superuser", "is_staff"):
            if name in changes:
                setattr(current, name, changes[name][1])
        current.full_clean(exclude=["password"])
        current.save()
        if "role" in changes and new_role is not None:
            _set_role(current, new_role)
        if "teams" in changes:
            current.teams.set(new_teams)
        audit.record(AuditAction.UPDATE, current, by=by, changes=changes)
    return current


def _refuse_if_last_admin(user: User) -> None:
    admins = User.objects.filter(is_active=True).filter(
        Q(is_superuser=True) | Q(groups__name=group_name(Role.ADMIN))
    )
    if not admins.exclude(pk=user.pk).exists():
        raise ValidationError(
            _(
                "%(name)s is the last active admin. Make another user an admin first, "
                "so that someone can still manage the workspace."
            ),
            code="last_admin",
            params={"name": user},
        )


# ---------- teams ----------


def _usernames(users: Iterable[User]) -> list[str]:
    return sorted(user.get_username() for user in users)


def create_team(
    *, by: User, name: str, description: str = "", members: Iterable[User] = ()
) -> Team:
    members = list(members)
    team = Team(name=name, description=description)
    team.full_clean()
    with transaction.atomic():
        team.save(force_insert=True)
        team.members.set(members)
        changes: dict[str, Any] = {"name": [None, name]}
        if description:
            changes["description"] = [None, description]
        if members:
            changes["members"] = [None, _usernames(members)]
        audit.record(AuditAction.CREATE, team, by=by, changes=changes)
    return team


def update_team(team: Team, *, by: User, values: Mapping[str, Any]) -> Team:
    """Rename, describe or change the members of a team; diffs are against the stored row."""
    with transaction.atomic():
        current = Team.objects.select_for_update().get(pk=team.pk)
        changes: dict[str, list[Any]] = {
            name: [getattr(current, name), values[name]]
            for name in ("name", "description")
            if name in values and getattr(current, name) != values[name]
        }
        old_members = _usernames(current.members.all())
        new_members = list(values.get("members", current.members.all()))
        if _usernames(new_members) != old_members:
            changes["members"] = [old_members, _usernames(new_members)]
        if not changes:
            return current
        for name in ("name", "description"):
            if name in changes:
                setattr(current, name, changes[name][1])
        current.full_clean()
        current.save()
        if "members" in changes:
            current.members.set(new_members)
        audit.record(AuditAction.UPDATE, current, by=by, changes=changes)
    return current


def delete_team(team: Team, *, by: User) -> None:
    """Delete a team; its records keep working, with no team (``OwnedRecord.team`` is SET_NULL)."""
    with transaction.atomic():
        before: dict[str, Any] = {"name": team.name, "description": team.description}
        before["members"] = _usernames(team.members.all())
        audit.record(
            AuditAction.DELETE,
            team,
            by=by,
            changes={k: [v, None] for k, v in before.items() if v not in ("", [])},
        )
        Team.objects.filter(pk=team.pk).delete()
