"""Who reaches a deal over the API, by role: the team reads it; its owner, their manager and
admins change it; a colleague and a read-only user are refused (403); another team's agent is
told it does not exist (404) and never finds it in a list. A read-only token only reads."""

from __future__ import annotations

import pytest

from sampark.core.models import TokenScope
from sampark.core.tests.api_client import API, api_client, if_match
from sampark.sales.models import Deal
from sampark.sales.tests.factories import make_deal, make_pipeline

pytestmark = pytest.mark.django_db

ROLES = ["agent", "colleague", "manager", "reader", "admin", "outsider"]
CHANGERS = {"agent", "manager", "admin"}


@pytest.fixture
def deal(people):  # type: ignore[no-untyped-def]
    return make_deal(people["agent"], make_pipeline("Api access desk"), name="Guarded deal")


def _expected(role: str, allowed: int) -> int:
    if role == "outsider":
        return 404
    return allowed if role in CHANGERS else 403


@pytest.mark.parametrize("role", ROLES)
def test_who_may_read_a_deal_and_find_it_in_the_list(people, deal, role):
    client = api_client(people[role])
    assert client.get(f"{API}/deals/{deal.pk}").status_code == (404 if role == "outsider" else 200)
    listed = [d["id"] for d in client.get(f"{API}/deals").json()["items"]]
    assert (deal.pk in listed) is (role != "outsider")


@pytest.mark.parametrize("role", ROLES)
def test_who_may_change_a_deal(people, deal, role):
    response = api_client(people[role]).patch_json(
        f"{API}/deals/{deal.pk}", {"next_step": "Call"}, headers=if_match(deal.version)
    )
    assert response.status_code == _expected(role, 200)
    assert (Deal.objects.get(pk=deal.pk).next_step == "Call") is (role in CHANGERS)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", ["move", "win", "lose", "reopen"])
def test_who_may_move_win_lose_or_reopen_a_deal(people, deal, role, action):
    body = {"version": deal.version}
    if action == "move":
        body["stage"] = deal.pipeline.stages.get(name="Proposal").pk
    if action == "lose":
        body["reason"] = "Price"
    response = api_client(people[role]).post_json(f"{API}/deals/{deal.pk}/{action}", body)
    assert response.status_code == _expected(role, 200)


@pytest.mark.parametrize("role", ROLES)
def test_who_may_delete_a_deal(people, deal, role):
    response = api_client(people[role]).delete(
        f"{API}/deals/{deal.pk}", headers=if_match(deal.version)
    )
    assert response.status_code == _expected(role, 204)
    assert Deal.objects.filter(pk=deal.pk).exists() is (role not in CHANGERS)


@pytest.mark.parametrize(("role", "status"), [("agent", 201), ("admin", 201), ("reader", 403)])
def test_who_may_create_a_deal(people, role, status):
    pipeline = make_pipeline("Create desk")
    response = api_client(people[role]).post_json(
        f"{API}/deals", {"name": "New", "pipeline": pipeline.pk}
    )
    assert response.status_code == status


def test_a_read_only_token_cannot_move_even_its_owners_deal(people, deal):
    client = api_client(people["agent"], TokenScope.READ)
    proposal = deal.pipeline.stages.get(name="Proposal")
    response = client.post_json(
        f"{API}/deals/{deal.pk}/move", {"stage": proposal.pk, "version": deal.version}
    )
    assert response.status_code == 403
    assert Deal.objects.get(pk=deal.pk).stage_id == deal.stage_id
