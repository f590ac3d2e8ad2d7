"""The forms of the list pages' controls: a saved view's name and sharing, and the columns."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sampark.core.models import Team, User
from sampark.listviews.access import may_share_with_everyone, shareable_teams
from sampark.listviews.models import NAME_MAX_LENGTH, SavedView, Visibility

TEAM_PREFIX = "team:"


def share_choices(user: User, view: SavedView | None = None) -> list[tuple[str, str]]:
    """Whom ``user`` may share a view with, as one choice each: only me, each of their teams,
    everyone. A view keeps its current sharing on offer, so renaming it never forces a change."""
    choices = [(Visibility.PRIVATE.value, _("Only me"))]
    teams = list(shareable_teams(user))
    kept = view.team if view is not None and view.visibility == Visibility.TEAM else None
    if kept is not None and kept.pk not in {pk for pk, _name in teams}:
        teams.append((kept.pk, kept.name))
    choices += [(f"{TEAM_PREFIX}{pk}", _("Team: %(team)s") % {"team": name}) for pk, name in teams]
    if may_share_with_everyone(user) or (view and view.visibility == Visibility.EVERYONE):
        choices.append((Visibility.EVERYONE.value, _("Everyone")))
    return choices


def share_value(view: SavedView) -> str:
    if view.visibility == Visibility.TEAM and view.team_id:
        return f"{TEAM_PREFIX}{view.team_id}"
    return Visibility.PRIVATE.value if view.visibility == Visibility.TEAM else view.visibility


class ViewForm(forms.Form):
    """A saved view's name and whom it is shared with (its filters come from the list)."""

    name = forms.CharField(
        label=gettext_lazy("Name of the view"),
        max_length=NAME_MAX_LENGTH,
        widget=forms.TextInput(attrs={"placeholder": gettext_lazy("My high-risk clients")}),
    )
    share = forms.ChoiceField(label=gettext_lazy("Shared with"))

    def __init__(self, user: User, *args: Any, view: SavedView | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        share: Any = self.fields["share"]
        share.choices = share_choices(user, view)
        if view is not None:
            self.initial.setdefault("name", view.name)
            self.initial.setdefault("share", share_value(view))

    def sharing(self) -> dict[str, Any]:
        """``visibility`` and ``team`` for the actions, from the chosen ``share``."""
        value: str = self.cleaned_data["share"]
        if value.startswith(TEAM_PREFIX):
            team = Team.objects.filter(pk=value.removeprefix(TEAM_PREFIX)).first()
            return {"visibility": Visibility.TEAM, "team": team}
        return {"visibility": value, "team": None}

    def add_action_errors(self, error: ValidationError) -> None:
        """Show an action's errors at the fields they are about: sharing ones at ``share``, the
        rest (filters, columns) above the form."""
        fields = {"name": "name", "visibility": "share", "team": "share"}
        for field, messages in error.message_dict.items():
            for message in messages:
                self.add_error(fields.get(field), message)


def ordered_columns(data: QueryDict) -> list[str]:
    """The ticked columns in the order the form lists them, with a ``move`` (``stage:up``,
    ``stage:down``) applied: the column trades places with its neighbour."""
    keys = data.getlist("columns")
    key, _sep, way = data.get("move", "").rpartition(":")
    if key in keys and way in ("up", "down"):
        at = keys.index(key)
        other = at - 1 if way == "up" else at + 1
        if 0 <= other < len(keys):
            keys[at], keys[other] = keys[other], keys[at]
    return keys
