"""Deals over the API: create, read, change with If-Match, move, win, lose, reopen, delete; the
list's filters and pages; bad input as 422 with fields; pipelines with their stages."""

from __future__ import annotations

from decimal import Decimal

import pytest

from sampark.contacts.tests.factories import ContactFactory
from sampark.core.tests.api_client import API, api_client, if_match
from sampark.sales import actions
from sampark.sales.models import Deal, DealStatus, ExchangeRate, StageChange
from sampark.sales.tests.factories import make_deal, make_pipeline

pytestmark = pytest.mark.django_db


@pytest.fixture
def pipeline():  # type: ignore[no-untyped-def]
    return make_pipeline("Api desk")


def test_a_deal_is_created_in_the_first_stage_and_read_back_with_its_etag(people, pipeline):
    agent = people["agent"]
    contact = ContactFactory(owner=agent)
    ExchangeRate.objects.create(currency="USD", rate=Decimal("120"), valid_from="2020-01-01")
    client = api_client(agent)

    created = client.post_json(
        f"{API}/deals",
        {
            "name": "Dollar bond",
            "pipeline": pipeline.pk,
            "amount": "1500.50",
            "currency": "usd",
            "expected_close": "2027-06-30",
            "contact": contact.pk,
        },
    )

    assert created.status_code == 201
    body = created.json()
    assert body["stage"] == pipeline.stages.first().pk
    assert (body["amount"], body["currency"], body["amount_base"]) == (
        "1500.50",
        "USD",
        "180060.00",
    )
    assert body["contact"] == contact.pk
    assert body["owner"] == agent.pk
    assert created["ETag"] == f'"{body["version"]}"'
    read = client.get(created["Location"])
    assert read.json()["name"] == "Dollar bond"


def test_bad_values_are_422_with_every_field_named(people, pipeline):
    outsiders = ContactFactory(owner=people["outsider"])
    response = api_client(people["agent"]).post_json(
        f"{API}/deals",
        {
            "name": "Bad",
            "pipeline": pipeline.pk,
            "amount": "-1",
            "contact": outsiders.pk,
        },
    )
    assert response.status_code == 422
    assert "amount" in response.json()["error"]["fields"]
    response = api_client(people["agent"]).post_json(
        f"{API}/deals",
        {"name": "Bad", "pipeline": pipeline.pk, "contact": outsiders.pk, "currency": "XYZW"},
    )
    assert response.status_code == 422
    assert {"contact"} <= set(response.json()["error"]["fields"])
    response = api_client(people["agent"]).post_json(
        f"{API}/deals", {"name": "Bad", "pipeline": pipeline.pk, "currency": "QQQ"}
    )
    assert response.status_code == 422
    assert "currency" in response.json()["error"]["fields"]
    response = api_client(people["agent"]).post_json(
        f"{API}/deals", {"name": "Bad", "pipeline": pipeline.pk, "amount": "1" + "0" * 30}
    )
    assert response.status_code == 422
    assert "amount" in response.json()["error"]["fields"]
    assert not Deal.objects.filter(name="Bad").exists()


def test_patch_needs_the_version_and_refuses_a_stale_one(people, pipeline):
    agent = people["agent"]
    deal = make_deal(agent, pipeline, name="Tea garden")
    client = api_client(agent)
    url = f"{API}/deals/{deal.pk}"

    assert client.patch_json(url, {"next_step": "Call"}).status_code == 428
    changed = client.patch_json(url, {"next_step": "Call"}, headers=if_match(deal.version))
    assert changed.status_code == 200
    assert changed.json()["next_step"] == "Call"
    stale = client.patch_json(url, {"next_step": "Visit"}, headers=if_match(deal.version))
    assert stale.status_code == 409
    assert stale.json()["error"]["current_version"] == deal.version + 1


def test_a_stage_in_a_patch_is_a_move_with_its_history(people, pipeline):
    agent = people["agent"]
    deal = make_deal(agent, pipeline)
    proposal = pipeline.stages.get(name="Proposal")
    response = api_client(agent).patch_json(
        f"{API}/deals/{deal.pk}", {"stage": proposal.pk, "version": deal.version}
    )
    assert response.json()["stage"] == proposal.pk
    assert StageChange.objects.filter(deal=deal, to_stage=proposal).exists()


def test_move_win_lose_and_reopen(people, pipeline):
    agent = people["agent"]
    deal = make_deal(agent, pipeline)
    negotiation = pipeline.stages.get(name="Negotiation")
    client = api_client(agent)
    base = f"{API}/deals/{deal.pk}"

    moved = client.post_json(f"{base}/move", {"stage": negotiation.pk, "version": deal.version})
    assert moved.status_code == 200
    assert moved.json()["stage"] == negotiation.pk
    version = moved.json()["version"]
    assert client.post_json(f"{base}/win", {}).status_code == 428
    won = client.post_json(f"{base}/win", {}, headers=if_match(version))
    assert won.json()["status"] == "won"
    assert won.json()["closed_at"]
    refused = client.post_json(
        f"{base}/lose", {"reason": "Price", "version": won.json()["version"]}
    )
    assert refused.status_code == 422  # only an open deal is lost; reopen it first
    reopened = client.post_json(f"{base}/reopen", {"version": won.json()["version"]})
    assert reopened.json()["status"] == "open"
    no_reason = client.post_json(f"{base}/lose", {"version": reopened.json()["version"]})
    assert "reason" in no_reason.json()["error"]["fields"]
    lost = client.post_json(
        f"{base}/lose", {"reason": "Price", "version": reopened.json()["version"]}
    )
    assert (lost.json()["status"], lost.json()["lost_reason"]) == ("lost", "Price")


def test_a_move_to_another_pipelines_stage_is_a_field_error(people, pipeline):
    deal = make_deal(people["agent"], pipeline)
    elsewhere = make_pipeline("Elsewhere").stages.first()
    response = api_client(people["agent"]).post_json(
        f"{API}/deals/{deal.pk}/move", {"stage": elsewhere.pk, "version": deal.version}
    )
    assert response.status_code == 422
    assert "stage" in response.json()["error"]["fields"]
    missing = api_client(people["agent"]).post_json(
        f"{API}/deals/{deal.pk}/move", {"stage": 999999, "version": deal.version}
    )
    assert "stage" in missing.json()["error"]["fields"]


def test_delete_needs_the_version(people, pipeline):
    deal = make_deal(people["agent"], pipeline)
    client = api_client(people["agent"])
    assert client.delete(f"{API}/deals/{deal.pk}").status_code == 428
    assert (
        client.delete(f"{API}/deals/{deal.pk}", headers=if_match(deal.version)).status_code == 204
    )
    assert not Deal.objects.filter(pk=deal.pk).exists()


def test_the_list_filters_and_pages(people, pipeline):
    agent = people["agent"]
    proposal = pipeline.stages.get(name="Proposal")
    for n in range(3):
        make_deal(agent, pipeline, name=f"Open {n}", amount=Decimal(n + 1))
    make_deal(agent, pipeline, name="In proposal", stage=proposal, amount=Decimal(100))
    actions.win_deal(make_deal(agent, pipeline, name="Won one"), by=agent)
    make_deal(people["colleague"], pipeline, name="Colleague's")
    client = api_client(agent)

    every = client.get(f"{API}/deals", {"pipeline": pipeline.pk}).json()["items"]
    assert len(every) == 6
    assert [d["name"] for d in client.get(f"{API}/deals", {"status": "won"}).json()["items"]] == [
        "Won one"
    ]
    assert [
        d["name"] for d in client.get(f"{API}/deals", {"stage": proposal.pk}).json()["items"]
    ] == ["In proposal"]
    mine = client.get(f"{API}/deals", {"owner": "mine", "status": "open"}).json()["items"]
    assert "Colleague's" not in [d["name"] for d in mine]
    page = client.get(f"{API}/deals", {"sort": "amount", "limit": 2, "status": "open"}).json()
    assert [d["name"] for d in page["items"]] == ["Colleague's", "In proposal"]
    following = client.get(
        f"{API}/deals",
        {"sort": "amount", "limit": 2, "status": "open", "cursor": page["next_cursor"]},
    ).json()
    assert not {d["id"] for d in following["items"]} & {d["id"] for d in page["items"]}
    bad = client.get(f"{API}/deals", {"status": "closed", "sort": "size", "owner": "boss"})
    assert bad.status_code == 422
    assert set(bad.json()["error"]["fields"]) == {"status", "sort", "owner"}
    assert client.get(f"{API}/deals", {"close_from": "tomorrow"}).status_code == 422


def test_pipelines_are_listed_with_their_stages_in_order(people, pipeline):
    client = api_client(people["reader"])
    pipelines = client.get(f"{API}/pipelines").json()
    found = next(p for p in pipelines if p["id"] == pipeline.pk)
    assert [s["name"] for s in found["stages"]] == ["Qualified", "Proposal", "Negotiation"]
    assert found["stages"][1]["probability"] == 50
    assert client.get(f"{API}/pipelines/{pipeline.pk}").json()["name"] == "Api desk"
    assert client.get(f"{API}/pipelines/999999").status_code == 404


def test_the_schema_documents_the_deal_operations(client, db):
    schema = client.get(f"{API}/openapi.json").json()
    assert set(schema["paths"][f"{API}/deals"]) == {"get", "post"}
    assert set(schema["paths"][f"{API}/deals/{{deal_id}}"]) == {"get", "patch", "delete"}
    for action in ("move", "win", "lose", "reopen"):
        assert "409" in schema["paths"][f"{API}/deals/{{deal_id}}/{action}"]["post"]["responses"]
    assert "get" in schema["paths"][f"{API}/pipelines"]


def test_a_deal_is_open_when_created(people, pipeline):
    body = (
        api_client(people["agent"])
        .post_json(f"{API}/deals", {"name": "Fresh", "pipeline": pipeline.pk})
        .json()
    )
    assert body["status"] == DealStatus.OPEN
    assert body["currency"] == "BDT"
