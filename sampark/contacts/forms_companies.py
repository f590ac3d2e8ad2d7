"""Company input, checked the same way for the web forms and the API.

``parent_choices`` and ``check_parent`` are the rules for a parent company: one the user may
see (or the one already set), and never the company itself or a company below it.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from sampark.contacts.forms import TagsField, initial_tags
from sampark.contacts.forms_addresses import AddressesMixin
from sampark.contacts.models import Affiliation, Company, Contact
from sampark.core.models import User
from sampark.customfields.forms import CustomFieldsMixin
from sampark.customfields.models import CustomObject
from sampark.lib.domains import InvalidDomain, normalise_domain

DOMAIN_INVALID = _("Enter a web domain such as example.com (a web address is fine too).")
PARENT_LOOP = _("A company cannot be its own parent, nor the parent of a company above it.")


def clean_domain(raw: str) -> str:
    try:
        return normalise_domain(raw)
    except InvalidDomain:
        raise ValidationError(DOMAIN_INVALID, code="invalid_domain") from None


def parent_choices(user: User, company: Company | None = None) -> QuerySet[Company]:
    """The companies ``user`` may pick as parent: visible ones, plus the current parent."""
    visible = Q(pk__in=Company.objects.visible_to(user).values("pk"))
    if company is None or company.pk is None:
        return Company.objects.filter(visible)
    current = Q(pk=company.parent_id) if company.parent_id else Q(pk__in=[])
    return Company.objects.filter(visible | current).exclude(pk=company.pk)


def check_parent(company: Company | None, parent: Company | None) -> None:
    """Refuse a parent that would make a loop: the company itself, or one of its subsidiaries."""
    if parent is None or company is None or company.pk is None:
        return
    seen: set[int] = set()
    node: int | None = parent.pk
    while node is not None and node not in seen:
        if node == company.pk:
            raise ValidationError({"parent": [PARENT_LOOP]}, code="parent_loop")
        seen.add(node)
        node = Company.objects.filter(pk=node).values_list("parent_id", flat=True).first()


def _country_choices() -> list[tuple[str, str]]:
    from sampark.lib.countries import country_choices

    return [("", str(_("Not known"))), *country_choices()]


class CompanyForm(CustomFieldsMixin, AddressesMixin, forms.ModelForm[Company]):
    # The version the user started editing from; a save from an older version is refused.
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    tags = TagsField()
    country = forms.ChoiceField(label=_("country"), choices=_country_choices, required=False)
    parent = forms.ModelChoiceField(
        label=_("parent company"),
        queryset=Company.objects.none(),
        required=False,
        empty_label=_("None"),
        help_text=_("The group or holding company this one belongs to."),
    )

    class Meta:
        model = Company
        fields = ["name", "domain", "industry", "size", "country", "parent", "external_id", "tags"]

    def __init__(self, user: User, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        parent = self.fields["parent"]
        assert isinstance(parent, forms.ModelChoiceField)
        parent.queryset = parent_choices(user, self.instance if self.instance.pk else None)
        if self.instance.pk and not self.is_bound:
            self.initial["tags"] = initial_tags(self.instance)
        self.add_custom_fields(CustomObject.COMPANY, self.instance.custom)
        self.add_address_forms(self.instance)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self.clean_custom_fields()
        self.clean_address_forms(data.get("country") or "")
        return data

    def clean_domain(self) -> str:
        return clean_domain(self.cleaned_data.get("domain", ""))

    def clean_parent(self) -> Company | None:
        parent: Company | None = self.cleaned_data.get("parent")
        try:
            check_parent(self.instance if self.instance.pk else None, parent)
        except ValidationError as error:
            raise ValidationError(error.message_dict["parent"]) from None
        return parent

    def action_values(self) -> dict[str, Any]:
        """The cleaned data as ``create_company``/``update_company`` take it."""
        values = {k: v for k, v in self.cleaned_data.items() if k in self.Meta.fields}
        values["custom"] = self.custom_values()
        addresses = self.address_values()
        if addresses is not None:
            values["addresses"] = addresses
        return values


class ContactChoiceField(forms.ModelChoiceField[Contact]):
    def label_from_instance(self, obj: Contact) -> str:
        return f"{obj.display_name} · {obj.email}" if obj.email else obj.display_name


def _affiliation_field(name: str) -> forms.Field:
    model_field = Affiliation._meta.get_field(name)
    assert isinstance(model_field, models.Field)
    field = model_field.formfield()
    assert field is not None
    return field


class PersonForm(forms.Form):
    """Add a person to a company (or change their title and role there)."""

    contact = ContactChoiceField(label=_("person"), queryset=Contact.objects.none())
    title = _affiliation_field("title")
    role = _affiliation_field("role")
    is_primary = forms.BooleanField(
        label=_("this is their main company"),
        required=False,
        help_text=_("Their other companies stop being the main one."),
    )

    def __init__(self, user: User, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        contact = self.fields["contact"]
        assert isinstance(contact, forms.ModelChoiceField)
        contact.queryset = Contact.objects.visible_to(user).only("display_name", "email")
