"""A deal's moves through its pipeline: history, time in stage, won, lost, reopened."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from freezegun import freeze_time

from sampark.contacts.tests.factories import ContactFactory
from sampark.core.models import AuditEntry
from sampark.sales import actions
from sampark.sales.models import DealStatus, ExchangeRate, StageChange
from sampark.sales.tests.factories import make_deal, make_pipeline

pytestmark = pytest.mark.django_db


def test_a_new_deal_starts_in_the_first_stage_with_its_history(people):
    agent = people["agent"]
    pipeline = make_pipeline()
    deal = make_deal(agent, pipeline)
    assert deal.stage.name == "Qualified"
    assert deal.status == DealStatus.OPEN
    assert deal.currency == "BDT"
    assert deal.amount_base == Decimal("100000.00")
    [created] = StageChange.objects.filter(deal=deal)
    assert (created.from_stage, created.to_stage, created.status) == (None, deal.stage, "open")
    assert AuditEntry.objects.filter(model_label="sales.deal", object_id=str(deal.pk)).exists()


def test_moves_keep_the_time_spent_in_each_stage(people):
    agent = people["agent"]
    pipeline = make_pipeline()
    _qualified, proposal, negotiation = pipeline.stages.all()
    with freeze_time("2026-11-01 09:00:00"):
        deal = make_deal(agent, pipeline)
    with freeze_time("2026-11-03 09:00:00"):
        deal = actions.move_deal(deal, proposal, by=agent)
    with freeze_time("2026-11-03 15:00:00"):
        deal = actions.move_deal(deal, negotiation, by=agent)
        deal = actions.win_deal(deal, by=agent)
    moves = list(
        StageChange.objects.filter(deal=deal).values_list(
            "from_stage__name", "to_stage__name", "status", "seconds_in_previous"
        )
    )
    assert moves == [
        (None, "Qualified", "open", None),
        ("Qualified", "Proposal", "open", 2 * 86400),
        ("Proposal", "Negotiation", "open", 6 * 3600),
        ("Negotiation", "Negotiation", "won", 0),
    ]
    assert deal.status == DealStatus.WON
    assert deal.closed_at is not None


def test_a_stage_of_another_pipeline_is_refused(people):
    agent = people["agent"]
    deal = make_deal(agent, make_pipeline("Retail"))
    other = make_pipeline("Institutional").stages.first()
    with pytest.raises(ValidationError) as refused:
        actions.move_deal(deal, other, by=agent)
    assert "stage" in refused.value.message_dict


def test_lost_deals_keep_their_reason_until_reopened(people):
    agent = people["agent"]
    deal = actions.lose_deal(make_deal(agent, make_pipeline()), by=agent, reason="Price")
    assert (deal.status, deal.lost_reason) == (DealStatus.LOST, "Price")
    with pytest.raises(ValidationError):
        actions.win_deal(deal, by=agent)
    deal = actions.reopen_deal(deal, by=agent)
    assert (deal.status, deal.lost_reason, deal.closed_at) == (DealStatus.OPEN, "", None)


def test_amounts_are_totalled_in_the_base_currency_at_the_close_date_rate(people):
    agent = people["agent"]
    ExchangeRate.objects.create(currency="USD", rate=Decimal("110"), valid_from="2026-01-01")
    ExchangeRate.objects.create(currency="USD", rate=Decimal("122.5"), valid_from="2026-10-01")
    deal = make_deal(
        agent,
        make_pipeline(),
        amount=Decimal("1000"),
        currency="USD",
        expected_close=datetime.date(2026, 6, 30),
    )
    assert deal.amount_base == Decimal("110000.00")
    deal = actions.update_deal(
        deal, by=agent, values={"expected_close": datetime.date(2026, 12, 1)}
    )
    assert deal.amount_base == Decimal("122500.00")
    deal = actions.update_deal(deal, by=agent, values={"currency": "EUR"})
    assert deal.amount_base is None  # no rate for EUR: left out of totals, not guessed


def test_line_items_make_the_amount(people):
    agent = people["agent"]
    deal = make_deal(agent, make_pipeline())
    deal = actions.set_lines(
        deal,
        [
            {"name": "Advisory", "quantity": Decimal(2), "unit_price": Decimal("5000")},
            {
                "name": "Custody",
                "quantity": Decimal(1),
                "unit_price": Decimal("2000"),
                "discount_percent": Decimal("25"),
            },
        ],
        by=agent,
    )
    assert deal.amount == Decimal("11500.00")
    with pytest.raises(ValidationError) as refused:
        actions.set_lines(
            deal, [{"name": "Bad", "quantity": Decimal(1), "unit_price": Decimal(-1)}], by=agent
        )
    assert "lines.0.unit_price" in refused.value.message_dict


def test_a_deal_cannot_name_a_contact_of_another_team(people):
    outsiders_client = ContactFactory(owner=people["outsider"])
    with pytest.raises(ValidationError) as refused:
        make_deal(people["agent"], make_pipeline(), contact=outsiders_client)
    assert "contact" in refused.value.message_dict
