"""The forms of the lead pages: a lead, the list's bulk assignment, and conversion."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from sampark.contacts.forms import PickedRecordsForm
from sampark.contacts.models import ActivityKind, Direction
from sampark.contacts.models.transactions import validate_currency
from sampark.core.forms import LocalDateTimeInput
from sampark.core.models import User
from sampark.leads.models import Lead, LeadStatus
from sampark.lib.countries import country_choices
from sampark.sales.models import Pipeline


def country_field_choices() -> list[tuple[str, object]]:
    return [("", _("Not known")), *country_choices()]


def _currency(value: object) -> str:
    currency = str(value or "").strip().upper()
    if currency:
        validate_currency(currency)
    return currency


class LeadForm(forms.ModelForm[Lead]):
    # The version the user started editing from; a save from an older version is refused.
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    country = forms.ChoiceField(label=_("country"), choices=country_field_choices, required=False)
    owner = forms.ModelChoiceField(
        label=_("owner"), queryset=User.objects.none(), required=False, empty_label=None
    )

    class Meta:
        model = Lead
        fields = [
            "name",
            "email",
            "phone",
            "company_name",
            "job_title",
            "country",
            "language",
            "source",
            "owner",
            "status",
            "unqualified_reason",
            "budget",
            "budget_currency",
            "decision_maker",
            "need",
            "timeline",
            "message",
            "notes",
            "consent",
        ]
        widgets = {
            "need": forms.Textarea(attrs={"rows": 2}),
            "message": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 3}),
            "budget_currency": forms.TextInput(attrs={"size": 4, "autocapitalize": "characters"}),
            "decision_maker": forms.NullBooleanSelect,
        }

    def __init__(self, *args: Any, owners: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners  # type: ignore[attr-defined]
        if not self.instance.pk:
            self.fields["owner"].required = False
        self.fields["status"].choices = [  # type: ignore[attr-defined]
            choice for choice in LeadStatus.choices if choice[0] != LeadStatus.CONVERTED
        ]
        self.fields["phone"].help_text = _(
            "In any format, such as 01711-000001 or +880 1711 000001."
        )
        self.fields["email"].widget = forms.TextInput(attrs={"inputmode": "email"})
        self.fields["budget_currency"].help_text = _("Three letters, such as BDT, INR or USD.")

    def clean_budget_currency(self) -> str:
        return _currency(self.cleaned_data.get("budget_currency"))

    def action_values(self) -> dict[str, Any]:
        values = {k: v for k, v in self.cleaned_data.items() if k != "version"}
        if values.get("owner") is None:
            values.pop("owner", None)
        return values


class LeadBulkForm(PickedRecordsForm):
    """The list's bulk assignment: which leads (any ids: the permission layer decides which
    are touched, lead by lead) and to whom."""

    owner = forms.ModelChoiceField(
        label=_("new owner"),
        queryset=User.objects.none(),
        error_messages={"required": _("Choose the new owner.")},
    )
    nothing_picked = _("Choose at least one lead first.")


class ConvertForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    create_deal = forms.BooleanField(label=_("Also open a deal"), required=False)
    pipeline = forms.ModelChoiceField(
        label=_("pipeline"), queryset=Pipeline.objects.filter(is_active=True), required=False
    )
    deal_name = forms.CharField(label=_("deal name"), max_length=200, required=False)
    amount = forms.DecimalField(
        label=_("amount"), max_digits=18, decimal_places=2, min_value=0, required=False
    )
    currency = forms.CharField(
        label=_("currency"),
        max_length=3,
        required=False,
        help_text=_("Three letters, such as BDT, INR or USD."),
        widget=forms.TextInput(attrs={"size": 4, "autocapitalize": "characters"}),
    )
    expected_close = forms.DateField(
        label=_("expected close"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean_currency(self) -> str:
        return _currency(self.cleaned_data.get("currency"))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("create_deal") and not cleaned.get("pipeline"):
            self.add_error("pipeline", _("Choose the pipeline the deal goes into."))
        return cleaned

    def action_values(self) -> dict[str, Any]:
        values = dict(self.cleaned_data)
        values["expected_version"] = values.pop("version")
        return values


class LeadActivityForm(forms.Form):
    """A call, meeting or note with a lead; emails go through "Email this lead"."""

    kind = forms.ChoiceField(
        label=_("kind"),
        choices=[(k, label) for k, label in ActivityKind.choices if k != ActivityKind.EMAIL],
        initial=ActivityKind.CALL,
    )
    direction = forms.ChoiceField(
        label=_("direction"), choices=Direction.choices, initial=Direction.OUTBOUND
    )
    occurred_at = forms.DateTimeField(
        label=_("when"),
        required=False,
        widget=LocalDateTimeInput(),
        help_text=_("In your time zone. Empty: now."),
    )
    subject = forms.CharField(label=_("subject"), max_length=300, required=False)
    body = forms.CharField(
        label=_("details"),
        max_length=20_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("subject") and not data.get("body") and not self.errors:
            raise forms.ValidationError(_("Say what it was about: a subject or some details."))
        return data
