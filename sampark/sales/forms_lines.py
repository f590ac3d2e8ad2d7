"""The line items form of a deal: one row per line, a product or free text, and the deal's
version, so a save over someone else's change is refused rather than overwriting it.

Choosing a product fills the row's item and price from the catalogue: with script, the product
list asks the server for the filled row (``deal_line_fill``); without, a row that names a
product and leaves the item or price empty is filled when saved (actions_lines.py).
"""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from sampark.sales.actions_lines import LINE_FIELDS, MAX_LINES
from sampark.sales.models import Product

LINES = "lines"


class LineForm(forms.Form):
    product = forms.ModelChoiceField(
        label=_("product"),
        queryset=Product.objects.none(),
        required=False,
        empty_label=_("Free text"),
    )
    name = forms.CharField(label=_("item"), max_length=200, required=False)
    quantity = forms.DecimalField(
        label=_("quantity"), max_digits=18, decimal_places=4, min_value=0, initial=1
    )
    unit_price = forms.DecimalField(
        label=_("unit price"), max_digits=18, decimal_places=2, min_value=0, required=False
    )
    discount_percent = forms.DecimalField(
        label=_("discount (%)"),
        max_digits=5,
        decimal_places=2,
        min_value=0,
        max_value=100,
        initial=0,
        required=False,
    )

    def __init__(
        self,
        *args: Any,
        products: QuerySet[Product] | None = None,
        fill_url: str = "",
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        product = self.fields["product"]
        assert isinstance(product, forms.ModelChoiceField)
        product.queryset = products if products is not None else Product.objects.none()
        for name in ("quantity", "unit_price", "discount_percent"):
            self.fields[name].widget.attrs.update({"inputmode": "decimal", "size": 8})
        if fill_url:
            # The server fills this row's item and price when the product changes (no script
            # of ours: htmx sends the row's fields and swaps the row it answers with).
            product.widget.attrs.update(
                {
                    "hx-get": fill_url,
                    "hx-trigger": "change",
                    "hx-target": "closest tr",
                    "hx-swap": "outerHTML",
                    "hx-include": "closest tr",
                    # An extra row may be left empty; a stored line's row has a Delete box.
                    "hx-vals": json.dumps(
                        {"prefix": self.prefix, "stored": "" if self.empty_permitted else "1"}
                    ),
                }
            )


LineFormSet = forms.formset_factory(
    LineForm,
    extra=3,
    can_delete=True,
    can_delete_extra=False,
    max_num=MAX_LINES,
    validate_max=True,
    absolute_max=MAX_LINES + 10,
)


class VersionForm(forms.Form):
    # The deal's version when the form was opened; a save from an older one is refused.
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


def line_formset(
    products: QuerySet[Product], fill_url: str, data: Any = None, initial: Any = None
) -> forms.BaseFormSet[Any]:
    return LineFormSet(
        data,
        prefix=LINES,
        initial=initial,
        form_kwargs={"products": products, "fill_url": fill_url},
    )


def add_delete_field(form: LineForm) -> None:
    """The Delete box a formset gives its stored rows, for a row made on its own."""
    form.fields["DELETE"] = forms.BooleanField(label=_("Delete"), required=False)


def line_values(line: Any) -> dict[str, Any]:
    """A stored line as the form's initial values: 2 and 12.5, not 2.0000 and 12.50."""
    values = {name: getattr(line, name) for name in LINE_FIELDS}
    for name in ("quantity", "discount_percent"):
        values[name] = f"{values[name].normalize():f}"
    return values
