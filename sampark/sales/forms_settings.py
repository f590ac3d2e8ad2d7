"""The forms of Settings → Sales: pipelines, stages, lost reasons and exchange rates.

Model forms for the labels, limits and uniqueness checks of the models; they never save: the
views hand ``cleaned_data`` to the actions (actions_settings.py, actions_rates.py).
"""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sampark.contacts.models.transactions import validate_currency
from sampark.sales.models import ExchangeRate, LostReason, Pipeline, Stage


class _DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class PipelineForm(forms.ModelForm[Pipeline]):
    class Meta:
        model = Pipeline
        fields = ["name", "is_active"]


class StageForm(forms.ModelForm[Stage]):
    class Meta:
        model = Stage
        fields = ["name", "probability", "rotting_days"]
        widgets = {
            "probability": forms.NumberInput(attrs={"min": 0, "max": 100}),
            "rotting_days": forms.NumberInput(attrs={"min": 0}),
        }


class LostReasonForm(forms.ModelForm[LostReason]):
    class Meta:
        model = LostReason
        fields = ["name", "is_active"]


class ExchangeRateForm(forms.ModelForm[ExchangeRate]):
    class Meta:
        model = ExchangeRate
        fields = ["currency", "rate", "valid_from"]
        widgets = {
            "currency": forms.TextInput(attrs={"size": 4, "autocapitalize": "characters"}),
            "valid_from": _DateInput(),
        }
        help_texts = {"currency": _("Three letters, such as USD or INR.")}

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("initial", {"valid_from": timezone.localdate()})
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    def clean_currency(self) -> str:
        currency = str(self.cleaned_data["currency"]).strip().upper()
        validate_currency(currency)
        return currency

    def validate_unique(self) -> None:
        # A rate for a day that has one replaces it (actions_rates.set_rate): not an error.
        pass
