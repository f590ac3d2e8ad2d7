"""The "Record a transaction" form: saved with good values, field errors (never a 500) with bad."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from sampark.contacts.models import Transaction
from sampark.contacts.tests.factories import ContactFactory

HTMX = {"HX-Request": "true"}
GOOD = {
    "kind": "trade",
    "occurred_at": "2026-03-02T15:30",
    "product": "GP",
    "quantity": "10",
    "amount": "4000.50",
    "currency": "bdt",
    "profit": "-20",
    "notes": "Through the DSE",
}


@pytest.fixture
def contact(people, teams):  # type: ignore[no-untyped-def]
    return ContactFactory(owner=people["agent"], team=teams[0])


@pytest.fixture
def url(contact):  # type: ignore[no-untyped-def]
    return reverse("contacts:contact_record_transaction", args=[contact.pk])


@pytest.fixture
def agent(client, people):  # type: ignore[no-untyped-def]
    client.force_login(people["agent"])
    return client


def test_recording_with_htmx_shows_the_section_with_it(agent, url, contact):  # type: ignore[no-untyped-def]
    response = agent.post(url, GOOD, headers=HTMX)

    assert response.status_code == 200
    assert response.context["recorded"] is True
    record = Transaction.objects.get()
    assert record.contact == contact
    assert record.currency == "BDT"
    assert record.amount == Decimal("4000.50")
    assert record.profit == Decimal("-20.00")
    assert record.occurred_at == timezone.make_aware(datetime.datetime(2026, 3, 2, 15, 30))  # noqa: DTZ001
    assert list(response.context["transactions"]) == [record]


def test_recording_without_htmx_goes_back_to_the_contact(agent, url, contact):  # type: ignore[no-untyped-def]
    response = agent.post(url, GOOD)

    assert response.status_code == 302
    assert response["Location"] == reverse("contacts:detail", args=[contact.pk])
    assert Transaction.objects.count() == 1


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"amount": "lots"}, "amount"),
        ({"amount": "1.234"}, "amount"),
        ({"amount": "-5"}, "amount"),
        ({"amount": ""}, "amount"),
        ({"amount": "1e400"}, "amount"),
        ({"currency": "XYZ"}, "currency"),
        ({"currency": "1$"}, "currency"),
        ({"occurred_at": "2026-02-30T10:00"}, "occurred_at"),
        ({"occurred_at": "soon"}, "occurred_at"),
        ({"kind": "gift"}, "kind"),
        ({"quantity": "ten"}, "quantity"),
        ({"kind": "purchase"}, "profit"),  # a purchase has no profit
    ],
)
def test_a_bad_value_is_shown_on_its_field(agent, url, change, field):  # type: ignore[no-untyped-def]
    for headers in (HTMX, {}):
        response = agent.post(url, {**GOOD, **change}, headers=headers)

        assert response.status_code == 200
        form = response.context["form"]
        assert field in form.errors
        assert f'id="id_{field}_error"' in response.content.decode()
    assert Transaction.objects.count() == 0


def test_htmx_errors_replace_the_form_alone(agent, url):  # type: ignore[no-untyped-def]
    response = agent.post(url, {**GOOD, "currency": "XYZ"}, headers=HTMX)

    assert response["HX-Retarget"] == "#record-transaction-form"
    assert response["HX-Reswap"] == "outerHTML"
    assert "XYZ is not a currency code" in response.content.decode()


def test_a_repeated_external_id_from_the_model_lands_on_the_form(agent, url, contact, people):  # type: ignore[no-untyped-def]
    # The form has no external ID; a model error on a field it lacks is shown above the fields.
    from django.core.exceptions import ValidationError

    from sampark.contacts.forms_transactions import TransactionForm

    form = TransactionForm(GOOD)
    assert form.is_valid()
    form.add_action_error(ValidationError({"external_id": "taken", "amount": "too much"}))

    assert form.errors["amount"] == ["too much"]
    assert form.non_field_errors() == ["taken"]


def test_the_form_needs_csrf(client, people, url):  # type: ignore[no-untyped-def]
    from django.test import Client

    checked = Client(enforce_csrf_checks=True)
    checked.force_login(people["agent"])

    assert checked.post(url, GOOD).status_code == 403
    assert Transaction.objects.count() == 0
