"""The "Record a transaction" form on a contact's page."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sampark.contacts.models import TransactionKind, validate_currency
from sampark.contacts.models.transactions import QUANTITY_PLACES
from sampark.core.forms import LocalDateTimeInput

DEFAULT_CURRENCY = "BDT"


class TransactionForm(forms.Form):
    kind = forms.ChoiceField(label=_("kind"), choices=TransactionKind.choices)
    occurred_at = forms.DateTimeField(
        label=_("when"), widget=LocalDateTimeInput(), help_text=_("In your time zone.")
    )
    product = forms.CharField(
        label=_("product or asset"),
        max_length=200,
        required=False,
        help_text=_("Such as GP or Sanchayapatra."),
    )
    quantity = forms.DecimalField(
        label=_("quantity"), required=False, max_digits=24, decimal_places=QUANTITY_PLACES
    )
    amount = forms.DecimalField(label=_("amount"), max_digits=18, decimal_places=2, min_value=0)
    currency = forms.CharField(
        label=_("currency"),
        max_length=3,
        initial=DEFAULT_CURRENCY,
        help_text=_("Three letters, such as BDT, INR or USD."),
        widget=forms.TextInput(attrs={"size": 4, "autocapitalize": "characters"}),
    )
    profit = forms.DecimalField(
        label=_("profit"),
        required=False,
        max_digits=18,
        decimal_places=2,
        help_text=_("Trades only; a loss is negative."),
    )
    notes = forms.CharField(
        label=_("notes"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"occurred_at": timezone.localtime().replace(second=0)})
        super().__init__(*args, **kwargs)

    def clean_currency(self) -> str:
        currency = str(self.cleaned_data["currency"]).strip().upper()
        validate_currency(currency)
        return currency

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("profit") is not None and cleaned.get("kind") != TransactionKind.TRADE:
            self.add_error("profit", _("Only a trade has a profit."))
        return cleaned

    def add_action_error(self, error: ValidationError) -> None:
        """The action's (the model's) errors, on the field they name when the form has it."""
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for name, errors in error.error_dict.items():
            self.add_error(name if name in self.fields else None, errors)
