"""The board: a column per stage with the count and total of its open deals, the first cards
and "Show more", rotting deals marked, the owner and name filters, in a fixed number of
queries."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from freezegun import freeze_time

from sampark.contacts.tests.factories import CompanyFactory, ContactFactory
from sampark.sales import actions
from sampark.sales.lists import CARDS_PER_COLUMN
from sampark.sales.models import Deal, ExchangeRate, Pipeline
from sampark.sales.tests.factories import make_deal, make_pipeline

pytestmark = pytest.mark.django_db


def _board(client, pipeline, **params):  # type: ignore[no-untyped-def]
    return client.get(reverse("sales:board", args=[pipeline.pk]), params)


def _head(html: str, stage) -> str:  # type: ignore[no-untyped-def]
    found = re.search(rf'<header[^>]*id="column-head-{stage.pk}".*?</header>', html, re.S)
    assert found, f"no header for {stage}"
    return found.group(0)


def _cards(html: str, stage) -> list[str]:  # type: ignore[no-untyped-def]
    found = re.search(rf'<ol[^>]*id="cards-{stage.pk}".*?</ol>', html, re.S)
    assert found, f"no column for {stage}"
    return re.findall(r'class="deal-card-name"[^>]*>([^<]*)<', found.group(0))


def test_each_column_counts_and_totals_its_open_deals_in_the_base_currency(client, people):
    agent = people["agent"]
    pipeline = make_pipeline("Retail desk")
    qualified, proposal, _negotiation = pipeline.stages.all()
    ExchangeRate.objects.create(currency="USD", rate=Decimal("120"), valid_from="2020-01-01")
    make_deal(agent, pipeline, name="Savings plan", amount=Decimal("50000"))
    make_deal(agent, pipeline, name="Dollar bond", amount=Decimal("1000"), currency="USD")
    make_deal(agent, pipeline, name="Euro fund", amount=Decimal("10"), currency="EUR")
    actions.win_deal(make_deal(agent, pipeline, name="Already won"), by=agent)
    make_deal(agent, pipeline, name="Gold", amount=Decimal("7000"), stage=proposal)

    client.force_login(agent)
    html = _board(client, pipeline).content.decode()

    head = _head(html, qualified)
    assert "3 deals" in head
    assert "1,70,000.00" in head  # 50,000 + 1,000 USD at 120 (lakh grouping, as en_IN writes)
    assert "1 deal has no exchange rate and is not in the total" in head
    assert sorted(_cards(html, qualified)) == ["Dollar bond", "Euro fund", "Savings plan"]
    assert "1 deal" in _head(html, proposal)
    assert "7,000.00" in _head(html, proposal)
    assert "Already won" not in html


def test_a_column_shows_thirty_cards_soonest_first_and_the_rest_on_show_more(client, people):
    agent = people["agent"]
    pipeline = make_pipeline("Busy desk")
    qualified = pipeline.stages.first()
    start = datetime.date(2027, 1, 1)
    for n in range(CARDS_PER_COLUMN + 5):
        make_deal(
            agent, pipeline, name=f"Deal {n:02}", expected_close=start + datetime.timedelta(n)
        )
    make_deal(agent, pipeline, name="Undated")

    client.force_login(agent)
    html = _board(client, pipeline).content.decode()
    shown = _cards(html, qualified)
    assert shown == [f"Deal {n:02}" for n in range(CARDS_PER_COLUMN)]
    assert f"{CARDS_PER_COLUMN + 6} deals" in _head(html, qualified)
    more = re.search(r'hx-get="([^"]*cursor=[^"]*)"', html)
    assert more

    rest = client.get(more.group(1).replace("&amp;", "&"), headers={"HX-Request": "true"})
    names = re.findall(r'class="deal-card-name"[^>]*>([^<]*)<', rest.content.decode())
    assert names == [f"Deal {n:02}" for n in range(CARDS_PER_COLUMN, CARDS_PER_COLUMN + 5)] + [
        "Undated"
    ]
    assert "Show more" not in rest.content.decode()


def test_show_more_without_script_opens_the_column_as_a_filtered_list(client, people):
    pipeline = make_pipeline("Plain desk")
    stage = pipeline.stages.first()
    client.force_login(people["agent"])
    response = client.get(reverse("sales:board_column", args=[pipeline.pk, stage.pk]))
    assert response.status_code == 302
    assert f"stage={stage.pk}" in response["Location"]
    assert response["Location"].startswith(reverse("sales:deals"))


def test_a_card_names_the_client_amount_close_date_and_owner(client, people):
    agent = people["agent"]
    pipeline = make_pipeline("Card desk")
    contact = ContactFactory(owner=agent, display_name="Rahima Akter")
    company = CompanyFactory(owner=agent, name="Padma Traders")
    make_deal(
        agent,
        pipeline,
        name="Portfolio review",
        contact=contact,
        company=company,
        amount=Decimal("250000"),
        expected_close=datetime.date(2027, 3, 31),
    )
    client.force_login(agent)
    html = _board(client, pipeline).content.decode()
    card = re.search(r'<li class="deal-card.*?</li>', html, re.S).group(0)
    assert "Rahima Akter · Padma Traders" in card
    assert "2,50,000.00" in card
    assert "31 Mar 2027" in card
    assert str(agent) in card


def test_a_deal_longer_in_its_stage_than_allowed_is_marked_rotting(client, people):
    agent = people["agent"]
    pipeline = make_pipeline("Slow desk")
    pipeline.stages.filter(position=0).update(rotting_days=7)
    with freeze_time("2026-10-01"):
        make_deal(agent, pipeline, name="Stale deal")
    with freeze_time("2026-10-20"):
        make_deal(agent, pipeline, name="Fresh deal")
        client.force_login(agent)
        html = _board(client, pipeline).content.decode()
    stale = re.search(r'<li class="deal-card rotting".*?</li>', html, re.S)
    assert stale
    assert "Stale deal" in stale.group(0)
    assert "Rotting: 19 days in this stage" in stale.group(0)
    assert html.count("deal-card rotting") == 1


def test_the_owner_filter_and_the_name_search_narrow_cards_and_totals(client, people):
    agent, colleague = people["agent"], people["colleague"]
    pipeline = make_pipeline("Shared desk")
    stage = pipeline.stages.first()
    make_deal(agent, pipeline, name="Mine: tea garden", amount=Decimal("100"))
    make_deal(colleague, pipeline, name="Theirs: jute mill", amount=Decimal("200"))
    client.force_login(agent)

    mine = _board(client, pipeline, owner="mine").content.decode()
    assert _cards(mine, stage) == ["Mine: tea garden"]
    assert "1 deal" in _head(mine, stage)
    assert "100.00" in _head(mine, stage)
    team = _board(client, pipeline, owner="team").content.decode()
    assert sorted(_cards(team, stage)) == ["Mine: tea garden", "Theirs: jute mill"]
    found = _board(client, pipeline, q="jute").content.decode()
    assert _cards(found, stage) == ["Theirs: jute mill"]
    assert "200.00" in _head(found, stage)


def test_filters_answer_htmx_with_the_columns_alone(client, people):
    pipeline = make_pipeline("Htmx desk")
    make_deal(people["agent"], pipeline, name="Jute")
    client.force_login(people["agent"])
    response = client.get(
        reverse("sales:board", args=[pipeline.pk]), {"q": "jute"}, headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert "<html" not in html
    assert 'class="board"' in html
    assert "Jute" in html


def test_another_teams_deals_are_not_on_the_board_nor_in_its_totals(client, people):
    pipeline = make_pipeline("Mixed desk")
    stage = pipeline.stages.first()
    make_deal(people["agent"], pipeline, name="Dhaka deal", amount=Decimal("100"))
    make_deal(people["outsider"], pipeline, name="Mumbai deal", amount=Decimal("900"))
    client.force_login(people["reader"])
    html = _board(client, pipeline).content.decode()
    assert _cards(html, stage) == ["Dhaka deal"]
    assert "Mumbai deal" not in html
    assert "1 deal" in _head(html, stage)
    assert "900" not in _head(html, stage)


def test_the_sales_home_is_the_first_active_pipelines_board_with_a_switcher(client, people):
    Pipeline.objects.all().delete()
    retired = make_pipeline("Retired desk")
    Pipeline.objects.filter(pk=retired.pk).update(is_active=False, position=0)
    first = make_pipeline("First desk")
    Pipeline.objects.filter(pk=first.pk).update(position=1)
    second = make_pipeline("Second desk")
    Pipeline.objects.filter(pk=second.pk).update(position=2)
    client.force_login(people["agent"])
    html = client.get(reverse("sales:home")).content.decode()
    assert "<h1>First desk</h1>" in html
    assert reverse("sales:board", args=[second.pk]) in html
    assert reverse("sales:board", args=[retired.pk]) not in html


def test_without_a_pipeline_the_sales_home_says_so(client, people):
    Deal.objects.all().delete()
    Pipeline.objects.all().delete()
    client.force_login(people["agent"])
    response = client.get(reverse("sales:home"))
    assert response.status_code == 200
    assert "No pipeline yet" in response.content.decode()


def test_the_board_costs_the_same_queries_for_many_deals_as_for_few(
    client, people, django_assert_max_num_queries
):
    agent = people["agent"]
    pipeline = make_pipeline("Scale desk")
    stages = list(pipeline.stages.all())
    contact = ContactFactory(owner=agent)
    make_deal(agent, pipeline, name="One", contact=contact)
    client.force_login(agent)
    _board(client, pipeline)  # the session and caches are warm from here on
    with django_assert_max_num_queries(12) as few:
        _board(client, pipeline)
    for n in range(3 * CARDS_PER_COLUMN):
        make_deal(agent, pipeline, name=f"Deal {n}", stage=stages[n % 3], contact=contact)
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = _board(client, pipeline).content.decode()
    assert html.count('<li class="deal-card') == 3 * CARDS_PER_COLUMN
