"""Leads over the API: the same rules as the web UI, the API's error shape and versions.

Everyone but the outsider is in the Dhaka desk, where the agent owns the lead.
"""

from __future__ import annotations

import pytest

from sampark.contacts.models import Contact
from sampark.core.models import TokenScope
from sampark.core.tests.api_client import API, api_client, if_match
from sampark.leads.models import Lead
from sampark.leads.tests.factories import make_lead
from sampark.sales.models import Deal
from sampark.sales.tests.factories import make_pipeline

LEADS = f"{API}/leads"

pytestmark = pytest.mark.django_db


@pytest.fixture
def lead(people, teams):  # type: ignore[no-untyped-def]
    return make_lead(people["agent"], team=teams[0], name="Nasrin Sultana", company_name="Padma")


def test_a_lead_is_created_read_changed_and_deleted(people):  # type: ignore[no-untyped-def]
    client = api_client(people["agent"])

    created = client.post_json(
        LEADS, {"name": "অনিক রহমান", "phone": "+880 1812 000002", "budget": "150000.50"}
    )
    assert created.status_code == 201
    body = created.json()
    assert (body["phone"], body["country"], body["source"]) == ("+8801812000002", "BD", "api")
    assert (body["budget"], body["budget_currency"]) == ("150000.50", "BDT")
    url = created["Location"]
    assert client.get(url).json()["name"] == "অনিক রহমান"

    changed = client.patch_json(url, {"status": "qualified"}, headers=if_match(body["version"]))
    assert changed.status_code == 200
    assert changed.json()["status"] == "qualified"
    assert changed["ETag"] == f'"{body["version"] + 1}"'

    assert client.delete(url, headers=if_match(body["version"] + 1)).status_code == 204
    assert not Lead.objects.exists()


def test_bad_values_are_422_with_fields(people):  # type: ignore[no-untyped-def]
    client = api_client(people["agent"])

    response = client.post_json(
        LEADS, {"name": "X", "email": "x@", "phone": "017", "status": "won", "timeline": "soon"}
    )

    assert response.status_code == 422
    assert {"email", "phone", "status", "timeline"} <= set(response.json()["error"]["fields"])
    assert client.post_json(LEADS, {"email": "a@b.com"}).json()["error"]["fields"] == {
        "name": ["This field is required."]
    }


def test_changes_need_the_version_and_a_stale_one_conflicts(people, lead):  # type: ignore[no-untyped-def]
    client = api_client(people["agent"])
    url = f"{LEADS}/{lead.pk}"

    assert client.patch_json(url, {"notes": "x"}).status_code == 428
    assert (
        client.patch_json(url, {"notes": "x"}, headers=if_match(lead.version + 5)).status_code
        == 409
    )
    assert client.delete(url).status_code == 428


def test_the_list_filters_and_pages(people, teams, lead):  # type: ignore[no-untyped-def]
    other = make_lead(people["agent"], team=teams[0], name="Omar Faruk", source="referral")
    client = api_client(people["reader"], TokenScope.READ)

    everything = client.get(LEADS, {"limit": 1}).json()
    assert [item["id"] for item in everything["items"]] == [other.pk]
    second = client.get(LEADS, {"limit": 1, "cursor": everything["next_cursor"]}).json()
    assert [item["id"] for item in second["items"]] == [lead.pk]
    assert [i["id"] for i in client.get(LEADS, {"source": "referral"}).json()["items"]] == [
        other.pk
    ]
    assert [i["id"] for i in client.get(LEADS, {"q": "padma"}).json()["items"]] == [lead.pk]
    assert client.get(LEADS, {"status": "won"}).status_code == 422


def test_an_outsider_sees_nothing_of_another_team(people, lead):  # type: ignore[no-untyped-def]
    client = api_client(people["outsider"])
    url = f"{LEADS}/{lead.pk}"
    missing = client.get(f"{LEADS}/{lead.pk + 1000}").json()

    assert client.get(LEADS).json()["items"] == []
    for response in (
        client.get(url),
        client.patch_json(url, {"notes": "x"}, headers=if_match(lead.version)),
        client.delete(url, headers=if_match(lead.version)),
        client.post_json(f"{url}/convert", {}),
    ):
        assert response.status_code == 404
        assert response.json() == missing
    assert Lead.objects.get().notes == ""
    assert not Contact.objects.exists()


@pytest.mark.parametrize(
    ("role", "expected"),
    [("admin", 200), ("manager", 200), ("agent", 200), ("colleague", 403), ("reader", 403)],
)
def test_who_may_change_and_convert(people, lead, role, expected):  # type: ignore[no-untyped-def]
    client = api_client(people[role])
    url = f"{LEADS}/{lead.pk}"

    assert client.get(url).status_code == 200
    changed = client.patch_json(url, {"notes": "called"}, headers=if_match(lead.version))
    assert changed.status_code == expected
    converted = client.post_json(f"{url}/convert", {})
    assert converted.status_code == expected
    assert Contact.objects.exists() is (expected == 200)


def test_a_read_token_may_only_read(people, lead):  # type: ignore[no-untyped-def]
    client = api_client(people["agent"], TokenScope.READ)

    assert client.post_json(LEADS, {"name": "X"}).status_code == 403
    assert client.post_json(f"{LEADS}/{lead.pk}/convert", {}).status_code == 403


def test_convert_makes_the_contact_company_and_deal_once(people, lead):  # type: ignore[no-untyped-def]
    pipeline = make_pipeline()
    client = api_client(people["agent"])
    url = f"{LEADS}/{lead.pk}/convert"

    response = client.post_json(
        url, {"create_deal": True, "pipeline": pipeline.pk, "amount": "90000", "currency": "usd"}
    )

    assert response.status_code == 200
    body = response.json()
    deal = Deal.objects.get()
    assert body["status"] == "converted"
    assert body["converted_contact"] == Contact.objects.get().pk
    assert (body["converted_deal"], deal.currency, deal.name) == (deal.pk, "USD", "Padma")
    again = client.post_json(url, {})
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "already_converted"
    patched = client.patch_json(f"{LEADS}/{lead.pk}", {"notes": "x"}, headers=if_match(99))
    assert patched.status_code == 409


def test_convert_refuses_an_unknown_pipeline_on_its_field(people, lead):  # type: ignore[no-untyped-def]
    response = api_client(people["agent"]).post_json(
        f"{LEADS}/{lead.pk}/convert", {"create_deal": True, "pipeline": 999}
    )

    assert response.status_code == 422
    assert set(response.json()["error"]["fields"]) == {"pipeline"}
    assert not Contact.objects.exists()


def test_the_schema_lists_the_lead_operations(client, db):  # type: ignore[no-untyped-def]
    paths = client.get(f"{API}/openapi.json").json()["paths"]

    assert set(paths[LEADS]) == {"get", "post"}
    assert set(paths[f"{LEADS}/{{lead_id}}"]) == {"get", "patch", "delete"}
    assert set(paths[f"{LEADS}/{{lead_id}}/convert"]) == {"post"}
