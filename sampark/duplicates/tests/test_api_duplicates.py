from __future__ import annotations

import pytest

from sampark.contacts.actions import link_company
from sampark.contacts.models import Activity, Contact
from sampark.contacts.tests.activity_factories import ActivityFactory
from sampark.core.models import TokenScope
from sampark.core.tests.api_client import API, api_client
from sampark.duplicates.detection import find_candidates_for, find_company_candidates_for
from sampark.duplicates.models import Merge, Pair, PairStatus
from sampark.duplicates.tests.factories import company, contact

pytestmark = pytest.mark.django_db


@pytest.fixture
def twins(people):  # type: ignore[no-untyped-def]
    agent = people["agent"]
    rahim = contact(agent, "Rahim Uddin", email="rahim@example.com", source="fair")
    twin = contact(agent, "রহিম উদ্দিন", email="rahim@example.com", phone="+8801711000002")
    secret = contact(people["outsider"], "Mumbai Secret Client", email="rahim@example.com")
    find_candidates_for([twin.pk, secret.pk])
    return rahim, twin, secret


def test_the_open_pairs_are_listed_with_names_reasons_and_a_cursor(people, twins):
    rahim, twin, _secret = twins

    body = api_client(people["agent"]).get(f"{API}/duplicates", {"kind": "contact"}).json()

    assert body["next_cursor"] is None
    [pair] = body["items"]
    assert pair["a"] == {"id": rahim.pk, "name": "Rahim Uddin"}
    assert pair["b"] == {"id": twin.pk, "name": "রহিম উদ্দিন"}
    assert pair["score"] == 100
    assert pair["reasons"][0] == {
        "code": "email",
        "message": "same email rahim@example.com",
        "value": "rahim@example.com",
        "score": None,
    }
    assert pair["reasons"][1]["code"] == "name"


def test_an_unknown_kind_is_a_field_error(people, twins):
    response = api_client(people["agent"]).get(f"{API}/duplicates", {"kind": "deal"})

    assert response.status_code == 422
    assert "kind" in response.json()["error"]["fields"]


def test_the_outsider_sees_none_of_another_teams_pairs(people, twins):
    body = api_client(people["outsider"]).get(f"{API}/duplicates").json()

    assert body["items"] == []


def test_dismissing_a_pair(people, twins):
    pair = Pair.objects.get(a_id=twins[0].pk, b_id=twins[1].pk)

    response = api_client(people["agent"]).post(f"{API}/duplicates/{pair.pk}/dismiss")

    assert response.status_code == 200
    assert response.json()["status"] == "dismissed"
    assert Pair.objects.get(pk=pair.pk).status == PairStatus.DISMISSED


@pytest.mark.parametrize(
    ("role", "status"), [("outsider", 404), ("reader", 403), ("colleague", 403)]
)
def test_dismissing_needs_sight_of_both_and_the_right_to_change_one(people, twins, role, status):
    pair = Pair.objects.get(a_id=twins[0].pk, b_id=twins[1].pk)

    response = api_client(people[role]).post(f"{API}/duplicates/{pair.pk}/dismiss")

    assert response.status_code == status
    assert response.json()["error"]["code"] in {"not_found", "forbidden"}


def test_merging_contacts_returns_the_merged_contact_and_the_merge(people, twins):
    rahim, twin, _secret = twins
    ActivityFactory(contact=twin, owner=people["agent"])

    response = api_client(people["agent"]).post_json(
        f"{API}/contacts/merge",
        {"winner": rahim.pk, "losers": [twin.pk], "fields": {"display_name": twin.pk}},
    )

    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["contact"]["display_name"] == "রহিম উদ্দিন"
    assert body["contact"]["phones"] == ["+8801711000002"]
    assert body["merge"]["losers"] == [twin.pk]
    assert body["merge"]["undo_refusal"] is None
    assert Activity.objects.get().contact_id == rahim.pk
    assert not Contact.objects.filter(pk=twin.pk).exists()


def test_a_bad_field_choice_is_a_422_on_that_field(people, twins):
    rahim, twin, _secret = twins

    response = api_client(people["agent"]).post_json(
        f"{API}/contacts/merge",
        {
            "winner": rahim.pk,
            "losers": [twin.pk],
            "fields": {"display_name": 999, "shoe_size": rahim.pk},
        },
    )

    assert response.status_code == 422
    assert set(response.json()["error"]["fields"]) == {"fields.display_name", "fields.shoe_size"}
    assert Contact.objects.filter(pk=twin.pk).exists()


def test_no_losers_is_a_422(people, twins):
    response = api_client(people["agent"]).post_json(
        f"{API}/contacts/merge", {"winner": twins[0].pk, "losers": []}
    )

    assert response.status_code == 422
    assert "losers" in response.json()["error"]["fields"]


@pytest.mark.parametrize(
    ("role", "status"), [("outsider", 404), ("reader", 403), ("colleague", 403)]
)
def test_merging_needs_change_on_the_winner_and_delete_on_the_losers(people, twins, role, status):
    rahim, twin, _secret = twins

    response = api_client(people[role]).post_json(
        f"{API}/contacts/merge", {"winner": rahim.pk, "losers": [twin.pk]}
    )

    assert response.status_code == status
    assert Contact.objects.filter(pk=twin.pk).exists()


def test_a_loser_of_another_team_is_404_even_to_its_manager(people, twins):
    rahim, _twin, secret = twins

    response = api_client(people["manager"]).post_json(
        f"{API}/contacts/merge", {"winner": rahim.pk, "losers": [secret.pk]}
    )

    assert response.status_code == 404
    assert Contact.objects.filter(pk=secret.pk).exists()


def test_a_read_only_token_cannot_merge(people, twins):
    client = api_client(people["agent"], TokenScope.READ)

    response = client.post_json(
        f"{API}/contacts/merge", {"winner": twins[0].pk, "losers": [twins[1].pk]}
    )

    assert response.status_code == 403


def test_undo_over_the_api_and_a_second_undo_is_a_409(people, twins):
    rahim, twin, _secret = twins
    client = api_client(people["agent"])
    merged = client.post_json(
        f"{API}/contacts/merge", {"winner": rahim.pk, "losers": [twin.pk]}
    ).json()
    merge_id = merged["merge"]["id"]

    first = client.post(f"{API}/merges/{merge_id}/undo")
    second = client.post(f"{API}/merges/{merge_id}/undo")

    assert first.status_code == 200
    assert first.json()["undone_at"] is not None
    assert Contact.objects.get(pk=twin.pk).display_name == "রহিম উদ্দিন"
    assert second.status_code == 409
    assert second.json()["error"]["code"] == "undo_refused"


def test_another_teams_merge_is_404(people, twins):
    rahim, twin, _secret = twins
    merged = (
        api_client(people["agent"])
        .post_json(f"{API}/contacts/merge", {"winner": rahim.pk, "losers": [twin.pk]})
        .json()
    )

    outsider = api_client(people["outsider"])
    assert outsider.get(f"{API}/merges/{merged['merge']['id']}").status_code == 404
    assert outsider.post(f"{API}/merges/{merged['merge']['id']}/undo").status_code == 404
    assert Merge.objects.get().undone_at is None


def test_merging_companies_moves_their_people(people):
    agent = people["agent"]
    padma = company(agent, "Padma Textiles", domain="padma.example.com")
    twin = company(agent, "পদ্মা টেক্সটাইল", domain="padma.example.com", industry="Textiles")
    person = contact(agent, "Rahim Uddin")
    link_company(person, twin, by=agent, title="Director")
    find_company_candidates_for([twin.pk])

    response = api_client(agent).post_json(
        f"{API}/companies/merge", {"winner": padma.pk, "losers": [twin.pk]}
    )

    assert response.status_code == 200, response.json()
    assert response.json()["company"]["industry"] == "Textiles"
    assert list(person.companies.values_list("pk", flat=True)) == [padma.pk]
    assert Pair.objects.get().status == PairStatus.MERGED


def test_the_operations_are_in_the_openapi_schema(client):
    schema = client.get(f"{API}/openapi.json").json()

    for path in (
        "/api/v1/duplicates",
        "/api/v1/duplicates/{pair_id}/dismiss",
        "/api/v1/contacts/merge",
        "/api/v1/companies/merge",
        "/api/v1/merges/{merge_id}",
        "/api/v1/merges/{merge_id}/undo",
    ):
        assert path in schema["paths"], path
