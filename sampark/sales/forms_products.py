"""The product form and its prices, one row per currency (empty rows at the end add prices
without script; a row left empty is no price)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sampark.contacts.models.transactions import validate_currency
from sampark.sales.models import Product, ProductKind

PRICES = "prices"
PRICE_FIELDS = ("currency", "unit_price")
MAX_PRICES = 30


class ProductForm(forms.ModelForm[Product]):
    class Meta:
        model = Product
        fields = ["name", "code", "kind", "unit", "description", "is_active"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class PriceForm(forms.Form):
    currency = forms.CharField(
        label=_("currency"),
        max_length=3,
        widget=forms.TextInput(attrs={"size": 4, "autocapitalize": "characters"}),
    )
    unit_price = forms.DecimalField(
        label=_("unit price"), max_digits=18, decimal_places=2, min_value=0
    )

    def clean_currency(self) -> str:
        currency = str(self.cleaned_data["currency"]).strip().upper()
        validate_currency(currency)
        return currency


PriceFormSet = forms.formset_factory(
    PriceForm,
    extra=2,
    can_delete=True,
    can_delete_extra=False,
    max_num=MAX_PRICES,
    validate_max=True,
    absolute_max=2 * MAX_PRICES,
)


def price_formset(data: Any = None, product: Product | None = None) -> forms.BaseFormSet[Any]:
    initial = [
        {"currency": price.currency, "unit_price": price.unit_price}
        for price in (product.prices.all() if product and product.pk else [])
    ]
    return PriceFormSet(data, prefix=PRICES, initial=initial)


class ProductFilterForm(forms.Form):
    """The list's filters; a value it does not know is ignored, not an error page."""

    q = forms.CharField(label=_("search"), required=False, max_length=200)
    active = forms.ChoiceField(
        label=_("status"),
        required=False,
        choices=[("", _("Active and inactive")), ("yes", _("Active")), ("no", _("Inactive"))],
    )
    kind = forms.ChoiceField(
        label=_("kind"), required=False, choices=[("", _("Any kind")), *ProductKind.choices]
    )

    def filters(self) -> dict[str, str]:
        if not self.is_valid():
            return {"q": "", "active": "", "kind": ""}
        return {name: str(self.cleaned_data.get(name) or "").strip() for name in self.fields}
