"""The export form of the contact and company lists: format, columns and header row."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from sampark.exports.lists import ColumnChoice, HeaderChoice, Options
from sampark.exports.models import FileFormat

# The parameters this form adds to the list's own in the address.
FIELDS = frozenset({"format", "columns", "header"})
SPREADSHEETS = [(FileFormat.CSV, FileFormat.CSV.label), (FileFormat.XLSX, FileFormat.XLSX.label)]


class ExportForm(forms.Form):
    """Each choice left out of the address takes its default, so a link may name only one."""

    format = forms.ChoiceField(
        label=_("Format"),
        choices=SPREADSHEETS,
        initial=FileFormat.CSV,
        required=False,
        widget=forms.RadioSelect,
    )
    columns = forms.ChoiceField(
        label=_("Columns"),
        choices=ColumnChoice.choices,
        initial=ColumnChoice.SHOWN,
        required=False,
        widget=forms.RadioSelect,
    )
    header = forms.ChoiceField(
        label=_("First row"),
        choices=HeaderChoice.choices,
        initial=HeaderChoice.LABELS,
        required=False,
        widget=forms.RadioSelect,
        help_text=_("Sampark's import maps the columns by either, by itself."),
    )

    def options(self) -> Options:
        chosen = {name: value for name, value in self.cleaned_data.items() if value}
        return Options(
            file_format=chosen.get("format", FileFormat.CSV),
            columns=chosen.get("columns", ColumnChoice.SHOWN),
            header=chosen.get("header", HeaderChoice.LABELS),
        )
