from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sampark.contacts.actions import normalise_emails, normalise_phones
from sampark.contacts.models import Contact
from sampark.core.forms import time_zone_choices


def _country_choices() -> list[tuple[str, object]]:
    from sampark.lib.countries import country_choices

    return [("", _("Not known")), *country_choices()]


def _time_zone_choices() -> list[tuple[str, object]]:
    return [("", _("Work it out from the country or phone")), *time_zone_choices()]


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class ContactForm(forms.ModelForm[Contact]):
    # The version the user started editing from; a save from an older version is refused.
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    other_emails = forms.CharField(
        label=_("other emails"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One per line."),
    )
    other_phones = forms.CharField(
        label=_("other phones"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "One per line, in any format; local numbers are read in the contact's country."
        ),
    )
    country = forms.ChoiceField(label=_("country"), choices=_country_choices, required=False)
    time_zone = forms.ChoiceField(label=_("time zone"), choices=_time_zone_choices, required=False)

    class Meta:
        model = Contact
        fields = [
            "display_name",
            "given_name",
            "family_name",
            "latin_name",
            "email",
            "other_emails",
            "phone",
            "other_phones",
            "country",
            "time_zone",
            "language",
            "preferred_channel",
            "lifecycle_stage",
            "source",
            "notes",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["other_emails"] = "\n".join(
                e.address for e in self.instance.emails.all() if not e.is_primary
            )
            self.initial["other_phones"] = "\n".join(
                p.number for p in self.instance.phones.all() if not p.is_primary
            )
        self.fields["phone"].help_text = _(
            "In any format, such as 01711-000001 or +880 1711 000001."
        )

    def clean(self) -> dict[str, Any]:
        """Check every email and phone here, so that the form shows each error by its field."""
        data = super().clean() or {}
        country = data.get("country") or ""
        for field, raw in (
            ("phone", [data.get("phone", "")]),
            ("other_phones", _lines(data.get("other_phones", ""))),
        ):
            try:
                normalise_phones(raw, country=country, field=field)
            except forms.ValidationError as error:
                self.add_error(None, error)
        try:
            normalise_emails(_lines(data.get("other_emails", "")), field="other_emails")
        except forms.ValidationError as error:
            self.add_error(None, error)
        return data

    def action_values(self) -> dict[str, Any]:
        """The cleaned data as the contact actions take it."""
        values = {k: v for k, v in self.cleaned_data.items() if k in self.Meta.fields}
        values["emails"] = _lines(values.pop("other_emails", ""))
        values["phones"] = _lines(values.pop("other_phones", ""))
        return values
