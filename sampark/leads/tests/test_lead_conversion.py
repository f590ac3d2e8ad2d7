"""Converting a lead in one step: the contact (found or made), the company (found or made),
optionally a deal in the first stage, the lead's words kept on the timeline, and the lead kept,
converted, pointing to what it became.

Everyone but the outsider is in the Dhaka desk, where the agent owns the lead.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sampark.contacts import actions as contact_actions
from sampark.contacts.models import Activity, Company, Contact
from sampark.core.models import AuditEntry
from sampark.leads import actions
from sampark.leads.matching import Match, plan_conversion
from sampark.leads.models import LeadStatus
from sampark.leads.tests.factories import make_lead
from sampark.sales.models import Deal
from sampark.sales.tests.factories import make_pipeline

pytestmark = pytest.mark.django_db


@pytest.fixture
def lead(people, teams):  # type: ignore[no-untyped-def]
    return make_lead(
        people["agent"],
        team=teams[0],
        name="Karim Uddin",
        email="karim@meghna.com.bd",
        phone="01711-000001",
        country="BD",
        company_name="Meghna Traders",
        job_title="Finance director",
        message="We want to invest in Sanchayapatra.",
        need="Safe returns for the firm's reserve",
        budget=Decimal("2500000"),
        notes="Prefers calls after Asr.",
    )


def test_a_new_person_becomes_a_new_contact_at_a_new_company(people, teams, lead):  # type: ignore[no-untyped-def]
    lead = actions.convert_lead(lead, by=people["agent"])

    contact = Contact.objects.get()
    company = Company.objects.get()
    assert (contact.display_name, contact.email, contact.phone) == (
        "Karim Uddin",
        "karim@meghna.com.bd",
        "+8801711000001",
    )
    assert (contact.owner, contact.team) == (people["agent"], teams[0])
    assert (company.name, company.domain) == ("Meghna Traders", "meghna.com.bd")
    assert contact.affiliations.get().title == "Finance director"
    assert lead.status == LeadStatus.CONVERTED
    assert (lead.converted_contact, lead.converted_company, lead.converted_deal) == (
        contact,
        company,
        None,
    )
    assert lead.converted_at is not None


def test_an_existing_contact_is_found_by_email_not_duplicated(people, teams, lead):  # type: ignore[no-untyped-def]
    known = contact_actions.create_contact(
        by=people["colleague"], display_name="Karim U.", email="Karim@Meghna.com.bd"
    )

    assert plan_conversion(lead, people["agent"]).contact_match == Match.EMAIL
    lead = actions.convert_lead(lead, by=people["agent"])

    assert lead.converted_contact == known
    assert Contact.objects.count() == 1


def test_an_existing_contact_is_found_by_phone_when_the_email_differs(people, lead):  # type: ignore[no-untyped-def]
    known = contact_actions.create_contact(
        by=people["agent"], display_name="Karim", phone="+8801711000001"
    )

    lead = actions.convert_lead(lead, by=people["agent"])

    assert lead.converted_contact == known
    assert Contact.objects.count() == 1


def test_another_teams_contact_is_never_matched_nor_revealed(people, lead):  # type: ignore[no-untyped-def]
    theirs = contact_actions.create_contact(
        by=people["outsider"], display_name="Karim", email="karim@meghna.com.bd"
    )

    plan = plan_conversion(lead, people["agent"])
    lead = actions.convert_lead(lead, by=people["agent"])

    assert plan.contact is None
    assert lead.converted_contact != theirs
    assert Contact.objects.count() == 2


def test_a_company_is_found_by_web_domain_then_by_name(people, lead):  # type: ignore[no-untyped-def]
    by_domain = contact_actions.create_company(
        by=people["agent"], name="Meghna Group", domain="https://www.meghna.com.bd/"
    )

    plan = plan_conversion(lead, people["agent"])
    assert (plan.company, plan.company_match) == (by_domain, Match.DOMAIN)

    lead.email = "karim@gmail.com"  # free mail says nothing of the employer
    by_name = contact_actions.create_company(by=people["agent"], name="MEGHNA TRADERS")
    plan = plan_conversion(lead, people["agent"])
    assert (plan.company, plan.company_match) == (by_name, Match.NAME)

    lead = actions.convert_lead(lead, by=people["agent"])
    assert lead.converted_company == by_name
    assert Company.objects.count() == 2


def test_a_deal_opens_in_the_pipelines_first_stage(people, teams, lead):  # type: ignore[no-untyped-def]
    pipeline = make_pipeline()

    lead = actions.convert_lead(
        lead,
        by=people["manager"],
        create_deal=True,
        pipeline=pipeline,
        deal_name="Meghna reserve",
        amount=Decimal("2500000"),
        currency="BDT",
    )

    deal = Deal.objects.get()
    assert lead.converted_deal == deal
    assert (deal.name, deal.stage.name, deal.amount, deal.currency) == (
        "Meghna reserve",
        "Qualified",
        Decimal("2500000.00"),
        "BDT",
    )
    assert (deal.contact, deal.company) == (lead.converted_contact, lead.converted_company)
    assert (deal.owner, deal.team) == (people["agent"], teams[0])  # the lead's owner keeps it
    assert deal.source == "Entered by hand"


def test_a_deal_needs_an_active_pipeline(people, lead):  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as raised:
        actions.convert_lead(lead, by=people["agent"], create_deal=True)

    assert "pipeline" in raised.value.message_dict
    assert not Contact.objects.exists()


def test_the_leads_words_are_kept_on_the_contacts_timeline(people, lead):  # type: ignore[no-untyped-def]
    lead = actions.convert_lead(lead, by=people["agent"])

    note = Activity.objects.get(contact=lead.converted_contact)
    assert note.kind == "note"
    assert note.occurred_at == lead.created_at
    for words in ("We want to invest in Sanchayapatra.", "Safe returns", "Prefers calls after Asr"):
        assert words in note.body


def test_the_audit_trail_shows_the_conversion(people, lead):  # type: ignore[no-untyped-def]
    lead = actions.convert_lead(lead, by=people["agent"])

    last = AuditEntry.objects.for_record(lead).order_by("seq").last()
    assert last is not None
    assert last.changes["status"] == ["new", "converted"]
    assert last.changes["converted_contact_id"] == [None, lead.converted_contact_id]


def test_a_lead_is_converted_only_once(people, lead):  # type: ignore[no-untyped-def]
    lead = actions.convert_lead(lead, by=people["agent"])

    with pytest.raises(actions.AlreadyConverted):
        actions.convert_lead(lead, by=people["agent"])
    with pytest.raises(ValidationError):
        actions.update_lead(lead, by=people["agent"], values={"name": "Someone else"})
    assert Contact.objects.count() == 1
    assert Activity.objects.count() == 1


def test_a_failure_half_way_leaves_nothing_behind(people, lead):  # type: ignore[no-untyped-def]
    pipeline = make_pipeline()

    with pytest.raises(ValidationError):
        actions.convert_lead(
            lead, by=people["agent"], create_deal=True, pipeline=pipeline, currency="XYZ"
        )

    lead.refresh_from_db()
    assert lead.status == LeadStatus.NEW
    assert not Contact.objects.exists()
    assert not Company.objects.exists()


@pytest.mark.parametrize("role", ["reader", "colleague", "outsider"])
def test_only_those_who_may_change_the_lead_convert_it(people, lead, role):  # type: ignore[no-untyped-def]
    with pytest.raises(PermissionDenied):
        actions.convert_lead(lead, by=people[role])

    assert not Contact.objects.exists()
