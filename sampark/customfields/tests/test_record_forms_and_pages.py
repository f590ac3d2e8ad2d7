"""Custom fields in the contact and company forms and on their pages: validated by field,
formatted for the reader, and inert when they hold markup."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sampark.contacts.models import Company, Contact
from sampark.contacts.tests.factories import CompanyFactory, ContactFactory
from sampark.customfields.models import CustomObject, FieldKind
from sampark.customfields.tests.factories import define

pytestmark = pytest.mark.django_db

CONTACT = {
    "display_name": "Meera Nair",
    "language": "en",
    "preferred_channel": "email",
    "lifecycle_stage": "lead",
    "country": "IN",
}


@pytest.fixture
def fields():  # type: ignore[no-untyped-def]
    return {
        "portfolio": define(FieldKind.MONEY, "portfolio", currency="INR", label="Portfolio"),
        "risk": define(
            FieldKind.CHOICE,
            "risk",
            options=[{"key": "low", "label": "Low"}, {"key": "high", "label": "High"}],
            required=True,
        ),
        "interests": define(FieldKind.MULTI_CHOICE, "interests", options=["bonds", "equity"]),
        "kyc_done": define(FieldKind.BOOLEAN, "kyc_done", label="KYC done"),
        "kyc_date": define(FieldKind.DATE, "kyc_date", label="KYC date"),
    }


def test_the_contact_form_saves_custom_values_in_their_stored_shape(client, people, fields):  # type: ignore[no-untyped-def]
    client.force_login(people["agent"])

    response = client.post(
        reverse("contacts:create"),
        {
            **CONTACT,
            "cf_portfolio": "2500000.5",
            "cf_risk": "high",
            "cf_interests": ["equity", "bonds"],
            "cf_kyc_done": "true",
            "cf_kyc_date": "2026-11-02",
        },
    )

    assert response.status_code == 302, response.context["form"].errors
    contact = Contact.objects.get()
    assert contact.custom == {
        "portfolio": 2500000.5,
        "risk": "high",
        "interests": ["bonds", "equity"],
        "kyc_done": True,
        "kyc_date": "2026-11-02",
    }
    page = client.get(reverse("contacts:detail", args=[contact.pk])).content.decode()
    assert "₹25,00,000.50" in page
    assert "Bonds, Equity" in page
    assert "2 Nov 2026" in page


def test_bad_custom_values_are_errors_by_their_field_and_nothing_is_stored(client, people, fields):  # type: ignore[no-untyped-def]
    client.force_login(people["agent"])

    response = client.post(
        reverse("contacts:create"),
        {**CONTACT, "cf_portfolio": "lots", "cf_risk": "", "cf_kyc_date": "2026-02-30"},
    )

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["cf_portfolio"] == ["Enter a number."]
    assert errors["cf_risk"] == ["This field is required."]
    assert "cf_kyc_date" in errors
    assert not Contact.objects.exists()


def test_editing_shows_the_stored_values_and_clearing_a_field_removes_its_value(
    client, people, fields
):  # type: ignore[no-untyped-def]
    contact = ContactFactory(
        owner=people["agent"], custom={"risk": "low", "portfolio": 100, "kyc_done": False}
    )
    client.force_login(people["agent"])
    form = client.get(reverse("contacts:edit", args=[contact.pk])).context["form"]
    assert form["cf_risk"].value() == "low"
    assert form["cf_kyc_done"].value() is False

    response = client.post(
        reverse("contacts:edit", args=[contact.pk]),
        {
            **CONTACT,
            "display_name": contact.display_name,
            "version": contact.version,
            "cf_risk": "low",
            "cf_portfolio": "",
            "cf_kyc_done": "unknown",
        },
    )

    assert response.status_code == 302, response.context["form"].errors
    contact.refresh_from_db()
    assert contact.custom == {"risk": "low"}


def test_markup_in_labels_options_and_values_stays_text(client, people):  # type: ignore[no-untyped-def]
    define(FieldKind.TEXT, "motto", label="<b>Motto</b>")
    define(
        FieldKind.CHOICE,
        "tier",
        options=[{"key": "gold", "label": "<script>alert(1)</script>"}],
    )
    contact = ContactFactory(
        owner=people["agent"], custom={"motto": "<img src=x onerror=alert(1)>", "tier": "gold"}
    )
    client.force_login(people["agent"])

    for url in (
        reverse("contacts:detail", args=[contact.pk]),
        reverse("contacts:edit", args=[contact.pk]),
    ):
        page = client.get(url).content.decode()
        assert "<script>alert(1)</script>" not in page
        assert "<img src=x" not in page
        assert "<b>Motto</b>" not in page
        assert "&lt;b&gt;Motto&lt;/b&gt;" in page


def test_companies_have_their_own_custom_fields(client, people):  # type: ignore[no-untyped-def]
    define(FieldKind.URL, "filings", obj=CustomObject.COMPANY, label="Filings")
    define(FieldKind.NUMBER, "portfolio", label="Portfolio")  # a contact field: not on companies
    company = CompanyFactory(owner=people["agent"], name="Padma Textiles")
    client.force_login(people["agent"])

    form = client.get(reverse("contacts:company_edit", args=[company.pk])).context["form"]
    assert "cf_filings" in form.fields
    assert "cf_portfolio" not in form.fields
    response = client.post(
        reverse("contacts:company_edit", args=[company.pk]),
        {
            "name": "Padma Textiles",
            "version": company.version,
            "cf_filings": "https://example.com/filings",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    company = Company.objects.get(pk=company.pk)
    assert company.custom == {"filings": "https://example.com/filings"}
    page = client.get(reverse("contacts:company_detail", args=[company.pk])).content.decode()
    assert 'href="https://example.com/filings"' in page


def test_the_history_tab_names_each_changed_custom_value(client, people, fields):  # type: ignore[no-untyped-def]
    from sampark.contacts.actions import create_contact, update_contact

    contact = create_contact(by=people["agent"], display_name="Meera", custom={"risk": "low"})
    update_contact(
        contact, by=people["agent"], values={"custom": {"risk": "high", "portfolio": 5000}}
    )
    client.force_login(people["agent"])

    history = client.get(reverse("contacts:history", args=[contact.pk])).context["history"]

    latest = {change.label: (change.before, change.after) for change in history[0].changes}
    assert latest["Risk"] == ("Low", "High")
    assert latest["Portfolio"] == ("—", "₹5,000.00")


def test_a_field_made_required_while_the_form_was_open_is_a_field_error_not_a_crash(client, people):  # type: ignore[no-untyped-def]
    from sampark.customfields.forms import CustomFieldsMixin

    client.force_login(people["agent"])
    form = client.get(reverse("contacts:create")).context["form"]
    assert isinstance(form, CustomFieldsMixin)
    # An admin adds a required field after the page was loaded: the action refuses the save.
    define(FieldKind.TEXT, "broker_code", label="Broker code", required=True)
    from django.core.exceptions import ValidationError

    bound = type(form)(data={**CONTACT})
    assert not bound.is_valid()  # the new field is on the bound form, so it reports it itself
    bound.add_error(None, ValidationError({"custom.broker_code": ["This field is required."]}))
    assert "This field is required." in bound.errors["cf_broker_code"]
    bound.add_error(
        None, ValidationError({"custom.gone": ["There is no custom field with this key."]})
    )
    assert "There is no custom field with this key." in bound.non_field_errors()
