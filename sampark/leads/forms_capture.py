"""The form visitors fill in on a firm's website, shaped by the web form's settings.

Its labels and messages are in the web form's language (the public view switches to it). The
honeypot and the stamp are not fields here: the view checks them before this form is read.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from sampark.contacts.actions import normalise_emails, normalise_phones
from sampark.leads.capture import VISITOR_FIELD
from sampark.leads.forms import country_field_choices
from sampark.leads.models import VISITOR_ID, FormField, WebForm

MESSAGE_MAX_LENGTH = 4000


# The plain text fields: label, longest length, and what the browser is told of the input.
_TEXT_FIELDS = {
    FormField.EMAIL: (_("Email"), 254, {"type": "email", "autocomplete": "email"}),
    FormField.PHONE: (_("Phone"), 40, {"type": "tel", "autocomplete": "tel"}),
    FormField.COMPANY_NAME: (_("Company"), 200, {"autocomplete": "organization"}),
    FormField.JOB_TITLE: (_("Job title"), 120, {"autocomplete": "organization-title"}),
}


def _field(web_form: WebForm, name: str) -> forms.Field:
    required = web_form.requires(name)
    if name in _TEXT_FIELDS:
        label, length, attrs = _TEXT_FIELDS[FormField(name)]
        return forms.CharField(
            label=label, max_length=length, required=required, widget=forms.TextInput(attrs)
        )
    if name == FormField.COUNTRY:
        return forms.ChoiceField(
            label=_("Country"),
            choices=country_field_choices,
            required=required,
            initial=web_form.default_country,
        )
    if name == FormField.MESSAGE:
        return forms.CharField(
            label=_("Message"),
            max_length=MESSAGE_MAX_LENGTH,
            required=required,
            widget=forms.Textarea(attrs={"rows": 4}),
        )
    return forms.BooleanField(label=web_form.consent_text, required=required)


class _Hidden(forms.CharField):
    """Filled by the page or its script, never by the visitor: cut to size rather than refused,
    since nobody could correct it."""

    def __init__(self, length: int) -> None:
        super().__init__(required=False, widget=forms.HiddenInput)
        self.length = length

    def clean(self, value: Any) -> str:
        return str(super().clean(value) or "").strip()[: self.length]


class CaptureForm(forms.Form):
    def __init__(self, web_form: WebForm, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "sampark-%s")
        super().__init__(*args, **kwargs)
        self.web_form = web_form
        self.fields["name"] = forms.CharField(
            label=_("Your name"),
            max_length=200,
            widget=forms.TextInput(attrs={"autocomplete": "name"}),
        )
        for name in FormField.values:
            if web_form.asks(name):
                self.fields[name] = _field(web_form, name)
        for name in ("utm_source", "utm_medium", "utm_campaign"):
            self.fields[name] = _Hidden(100)
        self.fields["page_url"] = _Hidden(500)
        self.fields[VISITOR_FIELD] = _Hidden(64)

    def clean_sampark_visitor(self) -> str:
        visitor = self.cleaned_data.get(VISITOR_FIELD) or ""
        return visitor if VISITOR_ID.match(visitor) else ""  # not ours: the lead goes without

    def clean_email(self) -> str:
        try:
            found = normalise_emails([self.cleaned_data.get("email") or ""], field="email")
        except ValidationError as error:
            raise ValidationError(error.message_dict["email"]) from None
        return found[0] if found else ""

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        country = data.get("country") or self.web_form.default_country
        if data.get("phone"):
            try:
                data["phone"] = normalise_phones([data["phone"]], country=country)[0]
            except ValidationError as error:
                self.add_error("phone", error.message_dict["phone"])
        if (
            self.web_form.asks(FormField.EMAIL)
            and self.web_form.asks(FormField.PHONE)
            and not data.get("email")
            and not data.get("phone")
            and not self.errors
        ):
            raise ValidationError(_("Give an email address or a phone number, so we can reply."))
        return data
