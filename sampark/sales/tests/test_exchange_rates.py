"""Setting or deleting a rate brings the open deals in its currency to the rate in force on
their expected close date (today without one); closed deals keep what they closed with."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from freezegun import freeze_time

from sampark.core.models import AuditEntry
from sampark.sales import actions, actions_rates
from sampark.sales.models import Deal, ExchangeRate
from sampark.sales.tests.factories import make_deal, make_pipeline

pytestmark = pytest.mark.django_db

JUNE = datetime.date(2026, 6, 30)
DECEMBER = datetime.date(2026, 12, 1)


def _base(deal: Deal) -> Decimal | None:
    deal.refresh_from_db()
    return deal.amount_base


@freeze_time("2026-11-15")
def test_a_new_rate_reprices_open_deals_from_its_day_on(people):  # type: ignore[no-untyped-def]
    admin, agent = people["admin"], people["agent"]
    pipeline = make_pipeline()
    actions_rates.set_rate(
        by=admin, currency="USD", rate=Decimal("110"), valid_from=datetime.date(2026, 1, 1)
    )
    june = make_deal(agent, pipeline, amount=Decimal("1000"), currency="USD", expected_close=JUNE)
    december = make_deal(
        agent, pipeline, amount=Decimal("1000"), currency="USD", expected_close=DECEMBER
    )
    undated = make_deal(agent, pipeline, amount=Decimal("10"), currency="USD")
    rupees = make_deal(
        agent, pipeline, amount=Decimal("1000"), currency="INR", expected_close=DECEMBER
    )
    version = december.version

    actions_rates.set_rate(
        by=admin, currency="USD", rate=Decimal("122.5"), valid_from=datetime.date(2026, 10, 1)
    )

    assert _base(june) == Decimal("110000.00")  # closes before the new rate holds
    assert _base(december) == Decimal("122500.00")
    assert _base(undated) == Decimal("1225.00")  # today's rate
    assert _base(rupees) is None  # no INR rate: left out of totals, not guessed
    december.refresh_from_db()
    assert december.version == version  # derived: an edit someone has open is not refused


@freeze_time("2026-11-15")
def test_a_rate_on_a_day_that_has_one_replaces_it(people):  # type: ignore[no-untyped-def]
    admin = people["admin"]
    deal = make_deal(people["agent"], make_pipeline(), amount=Decimal("100"), currency="EUR")
    first, created = actions_rates.set_rate(
        by=admin, currency="eur", rate=Decimal("130"), valid_from=datetime.date(2026, 11, 1)
    )
    assert created
    assert first.currency == "EUR"
    assert _base(deal) == Decimal("13000.00")

    again, created = actions_rates.set_rate(
        by=admin, currency="EUR", rate=Decimal("131.25"), valid_from=datetime.date(2026, 11, 1)
    )

    assert not created
    assert again.pk == first.pk
    assert ExchangeRate.objects.get().rate == Decimal("131.25")
    assert _base(deal) == Decimal("13125.00")
    entries = AuditEntry.objects.filter(model_label="sales.exchangerate").order_by("seq")
    assert [e.action for e in entries] == ["create", "update"]
    [(before, after)] = [entries[1].changes["rate"]]
    assert (Decimal(before), Decimal(after)) == (130, Decimal("131.25"))


@freeze_time("2026-11-15")
def test_deleting_a_rate_falls_back_to_the_one_before_or_to_none(people):  # type: ignore[no-untyped-def]
    admin = people["admin"]
    deal = make_deal(people["agent"], make_pipeline(), amount=Decimal("100"), currency="USD")
    old, _ = actions_rates.set_rate(
        by=admin, currency="USD", rate=Decimal("110"), valid_from=datetime.date(2026, 1, 1)
    )
    new, _ = actions_rates.set_rate(
        by=admin, currency="USD", rate=Decimal("120"), valid_from=datetime.date(2026, 11, 1)
    )
    assert _base(deal) == Decimal("12000.00")

    actions_rates.delete_rate(new, by=admin)
    assert _base(deal) == Decimal("11000.00")
    actions_rates.delete_rate(old, by=admin)
    assert _base(deal) is None


@freeze_time("2026-11-15")
def test_won_and_lost_deals_keep_the_amount_they_closed_with(people):  # type: ignore[no-untyped-def]
    admin, agent = people["admin"], people["agent"]
    actions_rates.set_rate(
        by=admin, currency="USD", rate=Decimal("110"), valid_from=datetime.date(2026, 1, 1)
    )
    won = actions.win_deal(
        make_deal(agent, make_pipeline(), amount=Decimal("100"), currency="USD"), by=agent
    )

    actions_rates.set_rate(
        by=admin, currency="USD", rate=Decimal("120"), valid_from=datetime.date(2026, 11, 1)
    )

    assert _base(won) == Decimal("11000.00")


@freeze_time("2026-11-15")
def test_the_deals_are_updated_a_batch_at_a_time_not_one_by_one(people, monkeypatch):  # type: ignore[no-untyped-def]
    admin, agent = people["admin"], people["agent"]
    pipeline = make_pipeline()
    for n in range(7):
        make_deal(agent, pipeline, name=f"Deal {n}", amount=Decimal(100 + n), currency="USD")
    monkeypatch.setattr(actions_rates, "BATCH", 3)
    actions_rates.set_rate(
        by=admin, currency="USD", rate=Decimal("110"), valid_from=datetime.date(2026, 1, 1)
    )

    with CaptureQueriesContext(connection) as queries:
        changed = actions_rates.update_base_amounts("USD", today=datetime.date(2026, 11, 15))
    assert changed == 0  # already up to date: nothing written
    ExchangeRate.objects.update(rate=Decimal("120"))
    with CaptureQueriesContext(connection) as queries:
        changed = actions_rates.update_base_amounts("USD")

    assert changed == 7
    updates = [q for q in queries.captured_queries if q["sql"].startswith("UPDATE")]
    assert len(updates) == 3  # batches of 3, 3 and 1
    assert sorted(Deal.objects.values_list("amount_base", flat=True)) == [
        Decimal(120 * (100 + n)) for n in range(7)
    ]


@pytest.mark.parametrize(
    ("currency", "rate", "field"),
    [
        ("XYZ", "1", "currency"),
        ("US", "1", "currency"),
        ("BDT", "1", "currency"),  # the base currency
        ("USD", "0", "rate"),
        ("USD", "-2", "rate"),
    ],
)
def test_bad_rates_are_refused_by_field(people, currency, rate, field):  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as refused:
        actions_rates.set_rate(
            by=people["admin"], currency=currency, rate=Decimal(rate), valid_from=JUNE
        )

    assert set(refused.value.message_dict) == {field}
    assert not ExchangeRate.objects.exists()
