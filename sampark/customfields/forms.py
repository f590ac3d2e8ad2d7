"""Forms: custom fields inside a record's own form, and the admin's form that defines one."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext_lazy as _

from sampark.customfields import kinds
from sampark.customfields.actions import parse_options
from sampark.customfields.models import CustomField, FieldKind
from sampark.customfields.values import definitions


class CustomFieldsMixin(forms.BaseForm):
    """Adds a record form's custom fields after its own, checked by the same rules as the API.

    The form calls ``add_custom_fields`` in its ``__init__``; ``custom_values()`` then gives the
    values for the record's actions, a field left empty clearing its value.
    """

    custom_fields: list[CustomField]

    def add_custom_fields(self, obj: str, stored: dict[str, Any] | None) -> None:
        self.custom_fields = definitions(obj)
        for field in self.custom_fields:
            self.fields[field.form_name] = kinds.form_field(field)
            if stored and not self.is_bound:
                self.initial[field.form_name] = kinds.initial(field, stored.get(field.key))

    def add_error(self, field: str | None, error: Any) -> None:
        """As Django's, but an action's errors keyed ``custom.<key>`` go beside that field, or
        above the form if it has no such field (one defined or deleted since it was shown)."""
        if field is not None or not hasattr(error, "error_dict"):
            super().add_error(field, error)
            return
        routed: dict[str, list[ValidationError]] = {}
        for key, errors in error.error_dict.items():
            if key.startswith("custom."):
                name = f"cf_{key.removeprefix('custom.')}"
                key = name if name in self.fields else NON_FIELD_ERRORS
            routed.setdefault(key, []).extend(errors)
        super().add_error(None, ValidationError(routed))

    def clean_custom_fields(self) -> None:
        for field in self.custom_fields:
            if field.form_name in self.errors:
                continue
            try:
                kinds.clean(field, self._raw_custom(field))
            except ValidationError as error:
                self.add_error(field.form_name, error)

    def _raw_custom(self, field: CustomField) -> Any:
        value = self.cleaned_data.get(field.form_name)
        if field.kind == FieldKind.DATE and value is not None:
            return value.isoformat()
        return value

    def custom_values(self) -> dict[str, Any]:
        return {field.key: self._raw_custom(field) for field in self.custom_fields}

    @property
    def custom_bound_fields(self) -> list[forms.BoundField]:
        return [self[field.form_name] for field in self.custom_fields]


class CustomFieldForm(forms.ModelForm[CustomField]):
    """Settings → Custom fields: define a field, or change what may change once it exists."""

    options_text = forms.CharField(
        label=_("options"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "For choice fields: one per line. Write “key = Label” to choose the key used in the "
            "API and imports; otherwise one is made from the label."
        ),
    )

    class Meta:
        model = CustomField
        fields = [
            "object",
            "label",
            "key",
            "kind",
            "options_text",
            "required",
            "help_text",
            "currency",
            "show_in_list",
            "position",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["key"].required = False
        self.fields["key"].help_text = _(
            "Leave empty to make one from the label. It cannot change later."
        )
        if self.instance.pk:
            for name in ("object", "key", "kind"):
                self.fields[name].disabled = True
            self.initial["options_text"] = "\n".join(
                f"{option['key']} = {option['label']}" for option in self.instance.options
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        try:
            data["options"] = parse_options(
                data.get("options_text", ""), current=self.instance.options
            )
        except ValidationError as error:
            self.add_error("options_text", error.message_dict["options"])
        return data

    def _post_clean(self) -> None:
        # The actions run the model's checks with the derived key and parsed options; doing them
        # here too would report a missing key the action is about to make.
        pass

    def action_values(self) -> dict[str, Any]:
        names = ["label", "required", "help_text", "currency", "show_in_list", "position"]
        values = {name: self.cleaned_data[name] for name in names}
        values["options"] = self.cleaned_data.get("options", [])
        if not self.instance.pk:
            values.update(
                object=self.cleaned_data["object"],
                key=self.cleaned_data.get("key") or "",
                kind=self.cleaned_data["kind"],
            )
        return values
