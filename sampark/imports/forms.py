"""The import wizard's forms: the upload, then the mapping of each column with the options."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from sampark.imports.models import MATCHES, Existing, Import
from sampark.imports.sources import DELIMITERS, ENCODINGS, FORMATS
from sampark.imports.targets import ImportObject, targets
from sampark.lib.countries import country_choices

_DETECT = ("", _("Find out from the file"))


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("CSV, Excel (XLSX), vCard or JSON Lines, such as an export from another CRM."),
    )
    object = forms.ChoiceField(label=_("Import"), choices=ImportObject.choices)
    format = forms.ChoiceField(
        label=_("Format"), choices=[_DETECT, *((f.key, f.label) for f in FORMATS)], required=False
    )
    encoding = forms.ChoiceField(
        label=_("Text encoding"), choices=[_DETECT, *ENCODINGS], required=False
    )
    delimiter = forms.ChoiceField(
        label=_("Delimiter"), choices=[_DETECT, *DELIMITERS], required=False
    )


class MappingForm(forms.Form):
    """A select per column (``col_<n>``, as column names can be anything), then the options."""

    match_on = forms.ChoiceField(label=_("Find existing records by"))
    existing = forms.ChoiceField(
        label=_("When a row matches a record"),
        choices=Existing.choices,
        widget=forms.RadioSelect,
    )
    default_country = forms.ChoiceField(
        label=_("Country of rows that name none"),
        help_text=_("Phone numbers without a country code are read as numbers of this country."),
        required=False,
    )
    all_or_nothing = forms.BooleanField(
        label=_("All or nothing: import nothing if any row is rejected"), required=False
    )

    def __init__(self, job: Import, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {
                "match_on": job.match_on,
                "existing": job.existing,
                "all_or_nothing": job.all_or_nothing,
                "default_country": job.default_country,
            },
        )
        super().__init__(*args, **kwargs)
        self.job = job
        match_field = self.fields["match_on"]
        assert isinstance(match_field, forms.ChoiceField)
        match_field.choices = [(m.value, m.label) for m in MATCHES[ImportObject(job.object)]]
        country_field = self.fields["default_country"]
        assert isinstance(country_field, forms.ChoiceField)
        country_field.choices = [("", _("None")), *country_choices()]
        options = [("", _("— Ignore this column —"))] + [
            (target.key, target.label) for target in targets(job.object)
        ]
        for n, column in enumerate(job.columns):
            self.fields[f"col_{n}"] = forms.ChoiceField(
                label=column, choices=options, required=False, initial=job.mapping.get(column, "")
            )

    def column_fields(self) -> list[forms.BoundField]:
        return [self[f"col_{n}"] for n in range(len(self.job.columns))]

    def columns(self) -> dict[str, str]:
        return {
            column: self.cleaned_data.get(f"col_{n}", "")
            for n, column in enumerate(self.job.columns)
        }

    def add_action_error(self, error: ValidationError) -> None:
        """Errors of ``actions.configure`` beside the column or option they are about."""
        fields = {f"column:{column}": f"col_{n}" for n, column in enumerate(self.job.columns)}
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for key, messages in error.message_dict.items():
            name = fields.get(key, key)
            self.add_error(name if name in self.fields else None, messages)
