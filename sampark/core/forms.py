from __future__ import annotations

import zoneinfo
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from sampark.core.models import Team, User


def add_action_error(form: forms.BaseForm, error: ValidationError) -> None:
    """An action's (the model's) errors, on the field they name when the form has it."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        form.add_error(name if name in form.fields else None, errors)


class LocalDateTimeInput(forms.DateTimeInput):
    """The browser's date and time picker, read in the user's time zone (the active one)."""

    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


def time_zone_choices() -> list[tuple[str, str]]:
    return [(name, name.replace("_", " ")) for name in sorted(zoneinfo.available_timezones())]


class ProfileForm(forms.ModelForm[User]):
    time_zone = forms.ChoiceField(label=_("time zone"), choices=time_zone_choices)

    class Meta:
        model = User
        fields = ["first_name", "last_name", "email", "language", "time_zone"]


class RoutingForm(forms.ModelForm[Any]):
    """The set-up form of a record that hands what it brings in to an owner, in a team (a web
    form's leads, a mailbox's mail): who may be chosen is the caller's to say."""

    owner_label: str | Promise = _("owner")  # what the record hands on goes to them
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    owner = forms.ModelChoiceField(queryset=User.objects.none(), empty_label=None)
    team = forms.ModelChoiceField(
        label=_("in the team"),
        queryset=Team.objects.none(),
        required=False,
        empty_label=_("The owner's team"),
    )

    def __init__(
        self, *args: Any, owners: QuerySet[User], teams: QuerySet[Team], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        owner, team = self.fields["owner"], self.fields["team"]
        assert isinstance(owner, forms.ModelChoiceField)
        assert isinstance(team, forms.ModelChoiceField)
        owner.queryset, owner.label = owners, str(self.owner_label)
        team.queryset = teams

    def action_values(self, leave_out: frozenset[str] = frozenset()) -> dict[str, Any]:
        """The cleaned values for the action; "the owner's team" made the owner's first team."""
        values = {
            name: value
            for name, value in self.cleaned_data.items()
            if name != "version" and name not in leave_out
        }
        if values.get("team") is None:
            owner: User = values["owner"]
            values.pop("team", None)
            values["team_id"] = next(iter(owner.team_ids()), None)
        return values
