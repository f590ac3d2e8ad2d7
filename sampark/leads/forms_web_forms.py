"""The form that sets up a web form: what it asks, in which language, where its leads go."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from sampark.core.models import Team, User
from sampark.leads.forms import country_field_choices
from sampark.leads.models import FormField, WebForm


class WebFormForm(forms.ModelForm[WebForm]):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    asked = forms.MultipleChoiceField(
        label=_("fields asked"),
        choices=FormField.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Besides the name, which every form asks."),
    )
    required = forms.MultipleChoiceField(
        label=_("required fields"),
        choices=FormField.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Visitors must fill these in; the name is always required."),
    )
    default_country = forms.ChoiceField(
        label=_("visitors' country"),
        choices=country_field_choices,
        required=False,
        help_text=_("Phone numbers typed without a country code are read in this country."),
    )
    owner = forms.ModelChoiceField(
        label=_("leads go to"), queryset=User.objects.none(), empty_label=None
    )
    team = forms.ModelChoiceField(
        label=_("in the team"),
        queryset=Team.objects.none(),
        required=False,
        empty_label=_("The owner's team"),
    )

    class Meta:
        model = WebForm
        fields = [
            "name",
            "asked",
            "required",
            "language",
            "default_country",
            "consent_text",
            "thank_you_message",
            "redirect_url",
            "allowed_origins",
            "owner",
            "team",
            "is_active",
        ]
        widgets = {
            "thank_you_message": forms.Textarea(attrs={"rows": 2}),
            "allowed_origins": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(
        self, *args: Any, owners: QuerySet[User], teams: QuerySet[Team], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        owner, team = self.fields["owner"], self.fields["team"]
        assert isinstance(owner, forms.ModelChoiceField)
        assert isinstance(team, forms.ModelChoiceField)
        owner.queryset = owners
        team.queryset = teams

    def action_values(self) -> dict[str, Any]:
        values = {k: v for k, v in self.cleaned_data.items() if k != "version"}
        if values.get("team") is None:
            owner: User = values["owner"]
            values.pop("team", None)
            values["team_id"] = next(iter(owner.team_ids()), None)
        return values
