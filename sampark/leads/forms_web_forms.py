"""The form that sets up a web form: what it asks, in which language, where its leads go."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from sampark.core.forms import RoutingForm
from sampark.leads.forms import country_field_choices
from sampark.leads.models import FormField, WebForm


class WebFormForm(RoutingForm):
    owner_label = _("leads go to")
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
