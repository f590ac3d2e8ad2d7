"""Who may see, change, share and delete a saved view.

A view is seen by its owner, by the members of the team it is shared with, and by everyone when
shared with everyone; admins also see every team's views. Only the owner changes a view; the
owner deletes it, and an admin may delete any shared one. Anyone may share with a team they are
in (admins with any team); only admins and managers share with everyone. A view someone may not
see is missing to them (404), like a record.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from sampark.core import cached
from sampark.core.models import Team, User
from sampark.core.roles import Action, Role, role_of
from sampark.listviews.models import SavedView, Visibility


def may_change(user: User, view: SavedView) -> bool:
    return view.owner_id == user.pk


def may_delete(user: User, view: SavedView) -> bool:
    return view.owner_id == user.pk or (view.is_shared and role_of(user) is Role.ADMIN)


def may_share_with_everyone(user: User) -> bool:
    return role_of(user) in (Role.ADMIN, Role.MANAGER)


def shareable_teams(user: User) -> list[tuple[int, str]]:
    """(id, name) of the teams ``user`` may share a view with, cached with people and teams."""
    everyone = role_of(user) is Role.ADMIN
    ids = user.team_ids()
    scope = "all" if everyone else ",".join(map(str, sorted(ids)))

    def build() -> list[tuple[int, str]]:
        teams = Team.objects.all() if everyone else Team.objects.filter(pk__in=ids)
        return list(teams.order_by("name").values_list("pk", "name"))

    return cached.lookup(cached.PEOPLE, f"shareable-teams:{scope}", build, timeout=60)


def access_view(
    user: User, pk: int | str, action: Action = Action.VIEW, *, list_name: str | None = None
) -> SavedView:
    """The view for ``action`` (VIEW, CHANGE or DELETE), or 404 if ``user`` may not see it (or
    it belongs to another list than ``list_name``), 403 if they see it but may not do that."""
    views = SavedView.objects.visible_to(user).select_related("owner", "team")
    if list_name is not None:
        views = views.for_list(list_name)
    try:
        view = views.get(pk=pk)
    except (SavedView.DoesNotExist, ValueError, TypeError):
        raise Http404(_("No such view, or you may not see it.")) from None
    if action is Action.CHANGE and not may_change(user, view):
        raise PermissionDenied(_("Only its owner may change this view."))
    if action is Action.DELETE and not may_delete(user, view):
        raise PermissionDenied(_("Only its owner, or an admin, may delete this view."))
    return view


def sharing_problem(user: User, visibility: str, team: Team | None) -> dict[str, str]:
    """What is wrong with sharing a view this way, by field; empty if nothing is."""
    if visibility not in Visibility.values:
        return {"visibility": _("Choose private, team or everyone.")}
    if visibility == Visibility.EVERYONE and not may_share_with_everyone(user):
        return {"visibility": _("Only admins and managers may share a view with everyone.")}
    if visibility == Visibility.TEAM:
        if team is None:
            return {"team": _("Choose the team to share the view with.")}
        if team.pk not in {pk for pk, _name in shareable_teams(user)}:
            return {"team": _("You may share views only with a team you are in.")}
    return {}
