"""Settings → Sales is for admins alone: everyone else is refused, and does not see the tab."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from sampark.sales.models import ExchangeRate, LostReason, Pipeline, Stage
from sampark.sales.tests.factories import make_pipeline

pytestmark = pytest.mark.django_db


@pytest.fixture
def config():  # type: ignore[no-untyped-def]
    pipeline = make_pipeline("Retail")
    stage = pipeline.stages.get(name="Proposal")
    reason = LostReason.objects.create(name="Price")
    rate = ExchangeRate.objects.create(
        currency="USD", rate=Decimal("120"), valid_from=datetime.date(2026, 1, 1)
    )
    return pipeline, stage, reason, rate


def _urls(pipeline: Pipeline, stage: Stage, reason: LostReason, rate: ExchangeRate) -> list[str]:
    return [
        reverse("sales_settings:pipelines"),
        reverse("sales_settings:pipeline", args=[pipeline.pk]),
        reverse("sales_settings:pipeline_delete", args=[pipeline.pk]),
        reverse("sales_settings:stage_create", args=[pipeline.pk]),
        reverse("sales_settings:stage", args=[pipeline.pk, stage.pk]),
        reverse("sales_settings:stage_move", args=[pipeline.pk, stage.pk]),
        reverse("sales_settings:stage_delete", args=[pipeline.pk, stage.pk]),
        reverse("sales_settings:lost_reasons"),
        reverse("sales_settings:lost_reason", args=[reason.pk]),
        reverse("sales_settings:lost_reason_move", args=[reason.pk]),
        reverse("sales_settings:rates"),
        reverse("sales_settings:rate_delete", args=[rate.pk]),
    ]


@pytest.mark.parametrize("role", ["manager", "agent", "reader", "outsider"])
def test_only_admins_may_open_or_change_the_sales_settings(client, people, config, role):  # type: ignore[no-untyped-def]
    client.force_login(people[role])

    for url in _urls(*config):
        assert client.get(url).status_code in {403, 405}, url
        post = client.post(url, {"name": "Changed", "direction": "up", "probability": "5"})
        assert post.status_code == 403, url
    assert sorted(Pipeline.objects.values_list("name", flat=True)) == ["Retail"]
    assert list(Stage.objects.order_by("position").values_list("name", flat=True)) == [
        "Qualified",
        "Proposal",
        "Negotiation",
    ]
    assert LostReason.objects.get().name == "Price"
    assert ExchangeRate.objects.count() == 1
    settings_home = client.get(reverse("settings:home")).content.decode()
    assert reverse("sales_settings:pipelines") not in settings_home


def test_admins_open_every_page_and_find_it_from_settings(client, people, config):  # type: ignore[no-untyped-def]
    client.force_login(people["admin"])

    for url in _urls(*config):
        assert client.get(url).status_code in {200, 405}, url
    settings_home = client.get(reverse("settings:home")).content.decode()
    assert reverse("sales_settings:pipelines") in settings_home


def test_signed_out_visitors_are_sent_to_sign_in(client, config):  # type: ignore[no-untyped-def]
    for url in _urls(*config):
        response = client.get(url)
        assert response.status_code in {302, 405}, url
        if response.status_code == 302:
            assert response["Location"].startswith(reverse("login"))
