"""The demo workspace has a sales pipeline to show: deals in every stage with history, won and
lost ones, products with prices, and the rates that total them in taka."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from sampark.sales.models import (
    Deal,
    DealLine,
    DealStatus,
    ExchangeRate,
    Pipeline,
    Product,
    StageChange,
)

pytestmark = pytest.mark.django_db


def test_the_demo_fills_a_pipeline_with_deals_in_three_scripts_and_currencies():  # type: ignore[no-untyped-def]
    call_command("createadmin", "--no-input")
    call_command("demo")

    pipeline = Pipeline.objects.get()
    deals = list(Deal.objects.select_related("stage", "contact", "owner"))
    assert len(deals) >= 15
    open_stages = {d.stage.name for d in deals if d.status == DealStatus.OPEN}
    assert open_stages == set(pipeline.stages.values_list("name", flat=True))
    assert {d.status for d in deals} == {DealStatus.OPEN, DealStatus.WON, DealStatus.LOST}
    assert {d.currency for d in deals} == {"BDT", "INR", "USD"}
    assert all(d.amount_base is not None for d in deals)  # every currency has a rate
    assert all(d.owner == d.contact.owner and d.team_id for d in deals)
    names = "".join(d.name for d in deals)
    assert any("\u0980" <= ch <= "\u09ff" for ch in names)  # Bengali
    assert any("\u0900" <= ch <= "\u097f" for ch in names)  # Devanagari
    assert any("a" <= ch <= "z" for ch in names)
    # History that reads like weeks of work, not one instant.
    won = next(d for d in deals if d.status == DealStatus.WON)
    moves = list(StageChange.objects.filter(deal=won).order_by("at"))
    assert len(moves) >= 3
    assert (moves[-1].at - moves[0].at).days >= 7
    assert won.closed_at == moves[-1].at
    assert Deal.objects.filter(status=DealStatus.LOST).exclude(lost_reason="").exists()
    # Lines from the catalogue make some amounts.
    assert DealLine.objects.exclude(product=None).exists()
    assert Product.objects.filter(prices__currency="USD").exists()
    assert set(ExchangeRate.objects.values_list("currency", flat=True)) == {"USD", "INR"}
