"""A lead's email and phone are stored as contacts' are: normalised, or refused with the field."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from sampark.core.models import AuditEntry
from sampark.leads import actions
from sampark.leads.models import LeadStatus
from sampark.leads.tests.factories import make_lead

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("typed", "country", "stored", "learnt_country"),
    [
        ("01711-000001", "BD", "+8801711000001", "BD"),
        ("+880 1711 000001", "", "+8801711000001", "BD"),
        ("098765 43210", "IN", "+919876543210", "IN"),
        ("+91 98765 43210", "", "+919876543210", "IN"),
        ("(201) 555-0123", "US", "+12015550123", "US"),
    ],
)
def test_phones_are_stored_in_e164(people, typed, country, stored, learnt_country):  # type: ignore[no-untyped-def]
    lead = make_lead(people["agent"], phone=typed, country=country)

    assert lead.phone == stored
    assert lead.country == learnt_country


def test_a_local_number_without_a_country_is_refused_on_the_phone_field(people):  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as raised:
        make_lead(people["agent"], phone="01711-000001")

    assert set(raised.value.message_dict) == {"phone"}


def test_every_bad_field_is_reported_at_once(people):  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as raised:
        make_lead(people["agent"], email="rahima@", phone="12", country="XX", name="")

    assert {"email", "phone", "country", "name"} <= set(raised.value.message_dict)


def test_emails_keep_the_local_part_and_lower_the_domain(people):  # type: ignore[no-untyped-def]
    lead = make_lead(people["agent"], email="  Rahima.Khatun@BRAC.NET ")

    assert lead.email == "Rahima.Khatun@brac.net"


def test_names_in_any_script_are_kept_as_written(people):  # type: ignore[no-untyped-def]
    lead = make_lead(people["agent"], name="রহিমা খাতুন", company_name="মেঘনা ট্রেডার্স")

    assert (lead.name, lead.company_name) == ("রহিমা খাতুন", "মেঘনা ট্রেডার্স")


def test_a_budget_without_currency_is_in_the_base_currency(people):  # type: ignore[no-untyped-def]
    lead = make_lead(people["agent"], budget=Decimal("500000"))

    assert lead.budget_currency == "BDT"


def test_consent_is_stamped_with_when_it_was_given(people):  # type: ignore[no-untyped-def]
    lead = make_lead(people["agent"], consent=True, consent_text="You may call me.")

    assert lead.consent_at is not None
    lead = actions.update_lead(lead, by=people["agent"], values={"consent": False})
    assert lead.consent_at is None


def test_converted_is_set_by_converting_not_by_editing(people):  # type: ignore[no-untyped-def]
    lead = make_lead(people["agent"])

    with pytest.raises(ValidationError) as raised:
        actions.update_lead(lead, by=people["agent"], values={"status": LeadStatus.CONVERTED})

    assert "status" in raised.value.message_dict


def test_creating_and_editing_are_audited(people):  # type: ignore[no-untyped-def]
    lead = make_lead(people["agent"])
    actions.update_lead(lead, by=people["agent"], values={"status": LeadStatus.CONTACTED})

    entries = AuditEntry.objects.for_record(lead).order_by("seq")
    assert [e.action for e in entries] == ["create", "update"]
    assert entries[1].changes["status"] == ["new", "contacted"]
