from __future__ import annotations

from typing import Any

from django import forms
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from sampark.contacts.actions import (
    clean_tag_names,
    normalise_emails,
    normalise_phones,
    split_tags,
    tag_names,
)
from sampark.contacts.forms_addresses import AddressesMixin
from sampark.contacts.models import Company, Contact
from sampark.core.forms import time_zone_choices
from sampark.core.models import User
from sampark.customfields.forms import CustomFieldsMixin
from sampark.customfields.models import CustomObject


def _country_choices() -> list[tuple[str, object]]:
    from sampark.lib.countries import country_choices

    return [("", _("Not known")), *country_choices()]


def _time_zone_choices() -> list[tuple[str, object]]:
    return [("", _("Work it out from the country or phone")), *time_zone_choices()]


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class TagsField(forms.CharField):
    """Tag names typed with commas between them; cleans to a list of names."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("tags"))
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", _("Separate them with commas, such as: vip, wholesale."))
        super().__init__(**kwargs)

    def clean(self, value: Any) -> list[str]:
        text = super().clean(value)
        return clean_tag_names(split_tags(text))


def initial_tags(record: Contact | Company) -> str:
    """A record's tags as the tags field shows them."""
    return ", ".join(tag_names(record)) if record.pk else ""


class ContactForm(CustomFieldsMixin, AddressesMixin, forms.ModelForm[Contact]):
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
    tags = TagsField()

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
            "external_id",
            "tags",
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
            self.initial["tags"] = initial_tags(self.instance)
        self.fields["phone"].help_text = _(
            "In any format, such as 01711-000001 or +880 1711 000001."
        )
        self.add_custom_fields(CustomObject.CONTACT, self.instance.custom)
        self.add_address_forms(self.instance)

    def clean(self) -> dict[str, Any]:
        """Check every email, phone and address here, so that the form shows each error by its
        field."""
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
        self.clean_custom_fields()
        self.clean_address_forms(country)
        return data

    def action_values(self) -> dict[str, Any]:
        """The cleaned data as the contact actions take it."""
        values = {k: v for k, v in self.cleaned_data.items() if k in self.Meta.fields}
        values["emails"] = _lines(values.pop("other_emails", ""))
        values["phones"] = _lines(values.pop("other_phones", ""))
        values["custom"] = self.custom_values()
        addresses = self.address_values()
        if addresses is not None:
            values["addresses"] = addresses
        return values


class IdsField(forms.Field):
    """Record ids, from checkboxes or hidden inputs sharing one name."""

    widget = forms.MultipleHiddenInput

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> list[int]:
        if not value:
            return []
        values = value if isinstance(value, list | tuple) else [value]
        try:
            ids = [int(v) for v in values]
        except (TypeError, ValueError):
            raise forms.ValidationError(_("That is not a list of contacts.")) from None
        return [pk for pk in ids if 0 < pk < 2**63]


class PickedRecordsForm(forms.Form):
    """The records ticked on a list page for a bulk action, and the owner they may be handed to
    (a subclass declares the ``owner`` field; ``owners`` are its choices)."""

    # Any ids are accepted here; which records the user may act on is decided by the permission
    # layer in the bulk actions, record by record.
    ids = IdsField()
    # "Select all on this page" works without script: the page's ids come along as hidden inputs.
    all_on_page = forms.BooleanField(required=False)
    page_ids = IdsField()
    nothing_picked: Promise  # "Choose at least one … first.", in the list's own words

    def __init__(self, owners: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        owner = self.fields["owner"]
        assert isinstance(owner, forms.ModelChoiceField)
        owner.queryset = owners

    def selected(self) -> list[int]:
        ids: list[int] = list(self.cleaned_data.get("ids") or [])
        if self.cleaned_data.get("all_on_page"):
            ids += self.cleaned_data.get("page_ids") or []
        return list(dict.fromkeys(ids))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors and not self.selected():
            raise forms.ValidationError(str(self.nothing_picked))
        return data


class ContactBulkForm(PickedRecordsForm):
    """The contact list's bulk actions: which contacts, what to do, and the owner or tag."""

    ASSIGN, TAG, DELETE = "assign", "tag", "delete"

    action = forms.ChoiceField(
        choices=[(ASSIGN, _("Assign owner")), (TAG, _("Add tag")), (DELETE, _("Delete"))]
    )
    owner = forms.ModelChoiceField(
        label=_("new owner"), queryset=User.objects.none(), required=False
    )
    tag = forms.CharField(label=_("tag to add"), required=False)
    confirm = forms.BooleanField(required=False)
    next = forms.CharField(required=False)
    nothing_picked = _("Choose at least one contact first.")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        action = data.get("action")
        if action == self.ASSIGN and not data.get("owner") and "owner" not in self.errors:
            self.add_error("owner", _("Choose the new owner."))
        if action == self.TAG:
            try:
                names = clean_tag_names([data.get("tag", "")])
            except forms.ValidationError as error:
                self.add_error("tag", error)
            else:
                if names:
                    data["tag"] = names[0]
                else:
                    self.add_error("tag", _("Enter the tag to add."))
        return data
