"""The forecast's arithmetic on a fixture computed by hand (see the comments), its periods,
what each viewer sees, and its accuracy against what was said when a period began."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from sampark.sales.forecast import forecast, period_start, shift, take_snapshots
from sampark.sales.models import Deal, ForecastSnapshot, PeriodKind
from sampark.sales.tests.factories import make_deal, make_pipeline

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 20)  # in Q4 2026 (October to December)


def at(day: str) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.fromisoformat(f"{day} 12:00"))


@pytest.fixture
def book(people):  # type: ignore[no-untyped-def]
    agent = people["agent"]
    pipeline = make_pipeline(stages=(("Qualified", 10), ("Proposal", 50), ("Negotiation", 80)))
    ten, fifty, eighty = pipeline.stages.all()

    def deal(amount: str, stage, close: str | None, category: str = "pipeline", **more):  # type: ignore[no-untyped-def]
        made = make_deal(
            more.pop("by", agent),
            pipeline,
            amount=Decimal(amount),
            stage=stage,
            expected_close=datetime.date.fromisoformat(close) if close else None,
            forecast_category=category,
            **more,
        )
        return made

    deal("100000", fifty, "2026-12-10", "commit")  # A: Q4 commit, weighted 50,000
    deal("200000", ten, "2026-11-30", "best_case")  # B: Q4 best case, weighted 20,000
    deal("50000", eighty, "2026-09-15")  # C: slipped from Q3, counted in Q4; weighted 40,000
    deal("999999", eighty, "2026-12-01", "omitted")  # D: left out
    won_now = deal("30000", eighty, "2026-10-05")  # E: won in Q4
    won_before = deal("70000", eighty, "2026-08-01")  # F: won in Q3
    deal("40000", eighty, "2027-02-01", "commit")  # G: Q1 2027 commit, weighted 32,000
    deal("10000", ten, None)  # H: no close date
    deal("5000", ten, "2026-12-01", currency="EUR")  # I: no EUR rate
    lost = deal("80000", eighty, "2026-10-20")  # J: lost
    deal("123456", eighty, "2026-12-01", by=people["outsider"])  # K: another team's
    Deal.objects.filter(pk=won_now.pk).update(status="won", closed_at=at("2026-10-05"))
    Deal.objects.filter(pk=won_before.pk).update(status="won", closed_at=at("2026-08-01"))
    Deal.objects.filter(pk=lost.pk).update(status="lost", closed_at=at("2026-10-20"))
    return pipeline


def figures(found, starts_on: str):  # type: ignore[no-untyped-def]
    [period] = [p for p in found.periods if p.starts_on == datetime.date.fromisoformat(starts_on)]
    return period


def test_the_quarter_adds_up_as_computed_by_hand(people, book):
    found = forecast(people["agent"], period=PeriodKind.QUARTER, today=TODAY)
    q4 = figures(found, "2026-10-01").figures
    assert q4.won == Decimal("30000.00")
    assert q4.commit == Decimal("130000.00")  # won 30,000 + A
    assert q4.best_case == Decimal("330000.00")  # commit + B
    assert q4.pipeline == Decimal("380000.00")  # won + A + B + C
    assert q4.weighted == Decimal("140000.00")  # 30,000 + 50,000 + 20,000 + 40,000
    assert (q4.open_deals, q4.won_deals) == (4, 1)  # A, B, C and I (no rate, no amount)
    q3 = figures(found, "2026-07-01").figures
    assert (q3.won, q3.commit, q3.pipeline) == (Decimal("70000.00"),) * 3
    q1 = figures(found, "2027-01-01").figures
    assert (q1.commit, q1.weighted) == (Decimal("40000.00"), Decimal("32000.00"))
    assert (found.without_date, found.without_rate) == (1, 1)
    assert [p.starts_on.isoformat() for p in found.periods] == [
        "2026-04-01",
        "2026-07-01",
        "2026-10-01",
        "2027-01-01",
        "2027-04-01",
        "2027-07-01",
    ]


def test_months_split_the_quarter(people, book):
    found = forecast(people["agent"], period=PeriodKind.MONTH, today=TODAY, past=1, ahead=1)
    october, november, december = found.periods
    assert october.figures.won == Decimal("30000.00")
    assert november.figures.pipeline == Decimal("250000.00")  # B, and C slipped into now
    assert december.figures.commit == Decimal("100000.00")  # A


def test_each_viewer_sees_the_forecast_of_the_deals_they_may_see(people, book):
    agent = forecast(people["agent"], today=TODAY)
    admin = forecast(people["admin"], today=TODAY)
    outsider = forecast(people["outsider"], today=TODAY)
    q4 = "2026-10-01"
    assert figures(admin, q4).figures.pipeline == Decimal("380000.00") + Decimal("123456.00")
    assert figures(outsider, q4).figures.pipeline == Decimal("123456.00")
    assert figures(agent, q4).figures.pipeline == Decimal("380000.00")


def test_figures_by_owner_add_up_to_the_total(people, book):
    found = forecast(people["admin"], group_by="owner", today=TODAY)
    q4 = figures(found, "2026-10-01")
    assert q4.by_group[people["agent"].pk].commit == Decimal("130000.00")
    assert sum(f.pipeline for f in q4.by_group.values()) == q4.figures.pipeline


def test_accuracy_sets_what_was_won_against_what_was_committed_at_the_start(people, book):
    take_snapshots(today=datetime.date(2026, 7, 1))  # Q3 began: F (70,000) was not committed
    ForecastSnapshot.objects.filter(period=PeriodKind.QUARTER).update(commit=Decimal("100000"))
    found = forecast(people["agent"], today=TODAY)
    q3 = figures(found, "2026-07-01")
    assert q3.forecast_at_start == Decimal("100000.00")
    assert q3.accuracy == Decimal("70.0")  # won 70,000 of 100,000 committed
    assert figures(found, "2026-10-01").accuracy is None  # not over yet
    assert (
        figures(forecast(people["outsider"], today=TODAY), "2026-07-01").forecast_at_start is None
    )


def test_a_period_is_kept_once_when_it_begins(people, book):
    first = take_snapshots(today=TODAY)
    assert first > 0
    assert take_snapshots(today=TODAY) == 0
    kept = ForecastSnapshot.objects.get(
        period=PeriodKind.QUARTER, owner=people["agent"], starts_on="2026-10-01"
    )
    assert kept.commit == Decimal("100000.00")  # A: a snapshot keeps what is still open
    assert kept.weighted == Decimal("110000.00")  # A 50,000 + B 20,000 + C 40,000


def test_period_arithmetic():
    assert period_start(datetime.date(2026, 11, 20), PeriodKind.QUARTER) == datetime.date(
        2026, 10, 1
    )
    assert period_start(datetime.date(2026, 11, 20), PeriodKind.MONTH) == datetime.date(2026, 11, 1)
    assert shift(datetime.date(2026, 10, 1), PeriodKind.QUARTER, 1) == datetime.date(2027, 1, 1)
    assert shift(datetime.date(2026, 1, 1), PeriodKind.MONTH, -1) == datetime.date(2025, 12, 1)
