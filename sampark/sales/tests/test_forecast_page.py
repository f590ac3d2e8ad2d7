"""The forecast page and API: every role sees the forecast of the deals it may see, drawn and
tabled; bad parameters are field errors, never a 500."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from sampark.core.roles import Role
from sampark.core.tests.api_client import API, api_client
from sampark.sales.tests.factories import make_deal, make_pipeline

pytestmark = pytest.mark.django_db


@pytest.fixture
def deals(people):  # type: ignore[no-untyped-def]
    pipeline = make_pipeline()
    close = timezone.localdate() + datetime.timedelta(days=1)
    make_deal(
        people["agent"], pipeline, name="Ours", amount=Decimal("250000"), expected_close=close
    )
    make_deal(
        people["outsider"], pipeline, name="Theirs", amount=Decimal("777777"), expected_close=close
    )
    return pipeline


@pytest.mark.parametrize("role", [Role.ADMIN, Role.MANAGER, Role.AGENT, Role.READ_ONLY])
def test_every_role_sees_the_forecast_of_what_it_may_see(client, people, deals, role):
    user = {Role.ADMIN: "admin", Role.MANAGER: "manager", Role.AGENT: "agent"}.get(role, "reader")
    client.force_login(people[user])
    page = client.get(reverse("sales:forecast"), {"period": "month", "group_by": "owner"})
    assert page.status_code == 200
    text = page.content.decode()
    assert "<svg" in text
    assert "bar-weighted" in text
    assert "2,50,000" in text  # the agent's deal, in the team everyone here shares
    assert ("7,77,777" in text) is (role == Role.ADMIN)  # another team's: the admin's only


def test_bad_parameters_fall_back_to_the_quarter(client, people, deals):
    client.force_login(people["agent"])
    page = client.get(reverse("sales:forecast"), {"period": "decade", "pipeline": "x"})
    assert page.status_code == 200


def test_the_page_costs_the_same_queries_whatever_the_deals(
    client, people, deals, django_assert_max_num_queries
):
    client.force_login(people["agent"])
    client.get(reverse("sales:forecast"))
    for n in range(20):
        make_deal(people["agent"], deals, name=f"More {n}", expected_close=timezone.localdate())
    with django_assert_max_num_queries(10):
        assert client.get(reverse("sales:forecast"), {"group_by": "team"}).status_code == 200


def test_the_api_gives_the_figures_of_each_period(people, deals):
    answer = api_client(people["agent"]).get(
        f"{API}/forecast", {"period": "month", "past": 0, "ahead": 1}
    )
    assert answer.status_code == 200
    body = answer.json()
    assert body["currency"] == "BDT"
    assert len(body["periods"]) == 2
    total = sum(Decimal(p["figures"]["pipeline"]) for p in body["periods"])
    assert total == Decimal("250000.00")


def test_the_api_says_which_parameter_is_wrong(people):
    answer = api_client(people["agent"]).get(
        f"{API}/forecast", {"period": "decade", "group_by": "planet", "pipeline": 999999}
    )
    assert answer.status_code == 422
    assert set(answer.json()["error"]["fields"]) == {"period", "group_by", "pipeline"}
