"""The addresses section of the contact and company forms: a formset the record's form owns.

The record's form checks it in its own ``clean`` (so ``is_valid`` covers both), puts the
addresses into ``action_values``, and routes an error the actions key ``addresses.<n>.<field>``
to that field of that address: the views stay as they are. A POST without the section (an older
page, a script) leaves the stored addresses alone.

Adding addresses needs no script: empty forms are always offered at the end, and one left empty
is no address.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from sampark.contacts.addresses import (
    DEFAULT_LABEL,
    FIELDS,
    MAX_ADDRESSES,
    TEXT_FIELDS,
    clean_addresses,
    stored_addresses,
)
from sampark.contacts.models import Address, Company, Contact

PREFIX = "addresses"
CHECK_ADDRESSES = _("Check the addresses below.")


def _address_field(name: str) -> forms.Field:
    model_field = Address._meta.get_field(name)
    assert isinstance(model_field, models.Field)
    field = model_field.formfield()
    assert field is not None
    return field


def _country_choices() -> list[tuple[str, object]]:
    from sampark.lib.countries import country_choices

    return [("", _("Same as above")), *country_choices()]


class AddressForm(forms.Form):
    label = _address_field("label")
    line1 = _address_field("line1")
    line2 = _address_field("line2")
    city = _address_field("city")
    region = _address_field("region")
    postal_code = _address_field("postal_code")
    country = forms.ChoiceField(
        label=_("country"),
        choices=_country_choices,
        required=False,
        help_text=_("Leave it as it is for an address in the country chosen above."),
    )
    is_primary = forms.BooleanField(label=_("primary address"), required=False)

    def __init__(self, *args: Any, default_label: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if default_label:
            # An untouched empty form must not count as changed because of its label.
            self.fields["label"].initial = default_label

    def has_address(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return not data.get("DELETE") and any(data.get(name) for name in TEXT_FIELDS)


class BaseAddressFormSet(forms.BaseFormSet[AddressForm]):
    def kept(self) -> list[AddressForm]:
        """The forms holding an address: not marked for removal, and not left empty."""
        return [form for form in self.forms if form.has_address()]


AddressFormSet = forms.formset_factory(
    AddressForm,
    formset=BaseAddressFormSet,
    extra=1,
    can_delete=True,
    can_delete_extra=False,
    max_num=MAX_ADDRESSES,
    validate_max=True,
    absolute_max=2 * MAX_ADDRESSES,
)


class AddressesMixin(forms.BaseForm):
    """For a record's form: ``add_address_forms`` in ``__init__``, ``clean_address_forms`` in
    ``clean``, ``address_values`` for the actions."""

    addresses: BaseAddressFormSet
    address_owner: type[Contact] | type[Company]

    def add_address_forms(self, record: Contact | Company) -> None:
        self.address_owner = type(record)
        sent = self.is_bound and f"{PREFIX}-TOTAL_FORMS" in self.data
        initial = stored_addresses(record) if record.pk else []
        formset = AddressFormSet(
            self.data if sent else None,
            prefix=PREFIX,
            initial=initial,
            form_kwargs={"default_label": DEFAULT_LABEL[self.address_owner]},
        )
        assert isinstance(formset, BaseAddressFormSet)
        self.addresses = formset
        self._kept: list[AddressForm] = []
        # Room for a home and a work address on a new record, for one more on an existing one.
        self.addresses.extra = 1 if initial else 2

    def address_values(self) -> list[dict[str, Any]] | None:
        """The addresses as the actions take them; None if the form did not send them."""
        if not self.addresses.is_bound:
            return None
        # Kept as they are now: an error added to one later must not shift the others' places.
        self._kept = self.addresses.kept()
        return [{name: form.cleaned_data.get(name) for name in FIELDS} for form in self._kept]

    def clean_address_forms(self, country: str) -> None:
        """Check the addresses by the actions' rules (in ``country`` unless they name one)."""
        if not self.addresses.is_bound:
            return
        if not self.addresses.is_valid():
            super().add_error(None, ValidationError(CHECK_ADDRESSES, code="addresses"))
            return
        try:
            clean_addresses(self.address_values() or [], owner=self.address_owner, country=country)
        except ValidationError as error:
            self.add_error(None, error)

    def add_error(self, field: str | None, error: Any) -> None:
        """As Django's, but errors keyed ``addresses.<n>.<field>`` go beside that field."""
        if field is not None or not hasattr(error, "error_dict"):
            super().add_error(field, error)
            return
        own: dict[str, list[ValidationError]] = {}
        routed = False
        for key, errors in error.error_dict.items():
            if key == PREFIX or key.startswith(f"{PREFIX}."):
                routed = True
                if self._add_address_error(key, errors):
                    continue
                key = NON_FIELD_ERRORS
            own.setdefault(key, []).extend(errors)
        if routed and not self.has_error(NON_FIELD_ERRORS, "addresses"):
            own.setdefault(NON_FIELD_ERRORS, []).insert(
                0, ValidationError(CHECK_ADDRESSES, code="addresses")
            )
        super().add_error(None, own)

    def _add_address_error(self, key: str, errors: list[ValidationError]) -> bool:
        """Put the errors on the address field ``key`` names; whether there was such a field."""
        parts = key.split(".")
        if len(parts) != 3 or not parts[1].isdigit():
            return False
        index, name = int(parts[1]), parts[2]
        if index >= len(self._kept) or name not in self._kept[index].fields:
            return False
        self._kept[index].add_error(name, ValidationError(errors))
        return True
