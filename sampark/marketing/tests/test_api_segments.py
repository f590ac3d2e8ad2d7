"""Segments over the API: built, read, changed and deleted through the actions; members and
counts only of the contacts the caller may see; fixed lists filled by hand; the rule builder's
live count and field catalogue; rule problems reported where they are."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from sampark.contacts.tests.factories import ContactFactory
from sampark.core.models import TokenScope
from sampark.core.tests.api_client import API, api_client, if_match
from sampark.core.tests.factories import UserFactory
from sampark.marketing.models import Segment, SegmentMember
from sampark.marketing.tests.factories import make_list, make_segment

pytestmark = pytest.mark.django_db

SEGMENTS = f"{API}/segments"
BANGLADESH = {"field": "country", "op": "is", "value": ["BD"]}


def rules(*conditions: dict[str, Any], match: str = "all") -> dict[str, Any]:
    return {"match": match, "conditions": list(conditions)}


@pytest.fixture
def clients(people, teams):  # type: ignore[no-untyped-def]
    """Two Bangladeshi clients, one per desk, and an Indian one in the Dhaka desk."""
    dhaka, mumbai = teams
    return {
        "ours": ContactFactory(
            display_name="Anika Rahman", owner=people["agent"], team=dhaka, country="BD"
        ),
        "theirs": ContactFactory(
            display_name="Babul Hossain", owner=people["outsider"], team=mumbai, country="BD"
        ),
        "indian": ContactFactory(
            display_name="Chitra Iyer", owner=people["agent"], team=dhaka, country="IN"
        ),
    }


def test_a_segment_is_built_and_read_back(people):  # type: ignore[no-untyped-def]
    client = api_client(people["agent"])

    created = client.post_json(
        SEGMENTS,
        {"name": " Bangladesh ", "description": "Clients in BD", "rules": rules(BANGLADESH)},
    )

    assert created.status_code == 201
    body = created.json()
    assert (body["name"], body["description"], body["kind"]) == (
        "Bangladesh",
        "Clients in BD",
        "dynamic",
    )
    assert body["rules"] == rules(BANGLADESH)
    assert (body["owner"], body["starter"], body["version"]) == (people["agent"].pk, "", 1)
    assert body["may_change"] is True
    assert created["ETag"] == '"1"'
    assert created["Location"] == f"{SEGMENTS}/{body['id']}"
    read = client.get(f"{SEGMENTS}/{body['id']}")
    assert read.json() == body
    assert read["ETag"] == '"1"'


def test_a_segment_without_rules_keeps_everyone_and_a_fixed_list_has_none(people):  # type: ignore[no-untyped-def]
    client = api_client(people["manager"])

    everyone = client.post_json(SEGMENTS, {"name": "All clients"}).json()
    fixed = client.post_json(SEGMENTS, {"name": "Fair guests", "kind": "static"}).json()

    assert everyone["rules"] == rules()
    assert (fixed["kind"], fixed["rules"]) == ("static", rules())


def test_the_list_holds_every_segment_by_name_in_keyset_pages(people):  # type: ignore[no-untyped-def]
    mine = make_segment(people["agent"], BANGLADESH, name="Bangladesh")
    make_segment(people["manager"], name="Everyone")
    client = api_client(people["agent"])

    first = client.get(SEGMENTS, {"limit": 2}).json()
    items = first["items"]
    cursor = first["next_cursor"]
    while cursor:
        page = client.get(SEGMENTS, {"limit": 2, "cursor": cursor}).json()
        items += page["items"]
        cursor = page["next_cursor"]

    assert [item["id"] for item in items] == list(
        Segment.objects.order_by("name", "id").values_list("pk", flat=True)
    )
    may_change = {item["id"]: item["may_change"] for item in items}
    assert may_change[mine.pk] is True
    assert not any(may for pk, may in may_change.items() if pk != mine.pk)
    vip = next(item for item in items if item["starter"] == "vip")
    assert vip["owner"] is None


@pytest.mark.parametrize(
    ("bad_rules", "path"),
    [
        (rules({"field": "country", "op": "is", "value": ["ZZ"]}), "rules.conditions.0.value"),
        (rules(BANGLADESH, {"field": "shoe_size", "op": "is"}), "rules.conditions.1.field"),
        (
            rules(BANGLADESH, rules({"field": "country", "op": "above", "value": 3}, match="any")),
            "rules.conditions.1.conditions.0.op",
        ),
        ({"match": "some", "conditions": []}, "rules.match"),
    ],
)
def test_a_bad_rule_is_a_422_at_its_exact_path(people, bad_rules, path):  # type: ignore[no-untyped-def]
    client = api_client(people["agent"])

    response = client.post_json(SEGMENTS, {"name": "Broken", "rules": bad_rules})

    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert list(error["fields"]) == [path]
    assert not Segment.objects.filter(name="Broken").exists()


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"name": ""}, "name"),
        ({}, "name"),
        ({"name": "vip (rfm)"}, "name"),
        ({"name": "X", "kind": "sometimes"}, "kind"),
        ({"name": "X", "owner": 1}, "owner"),
        ({"name": "X", "rules": "everyone"}, "rules"),
    ],
)
def test_bad_input_is_a_422_naming_the_field(people, payload, field):  # type: ignore[no-untyped-def]
    client = api_client(people["agent"])

    response = client.post_json(SEGMENTS, payload)

    assert response.status_code == 422
    assert field in response.json()["error"]["fields"]


def test_a_read_only_user_may_list_but_not_build(people):  # type: ignore[no-untyped-def]
    client = api_client(people["reader"])

    assert client.get(SEGMENTS).status_code == 200
    response = client.post_json(SEGMENTS, {"name": "Mine"})

    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden"
    assert not Segment.objects.filter(name="Mine").exists()


def test_a_read_token_may_count_but_not_build(people):  # type: ignore[no-untyped-def]
    client = api_client(people["agent"], TokenScope.READ)

    assert client.get(f"{SEGMENTS}/fields").status_code == 200
    assert client.post_json(SEGMENTS, {"name": "Mine"}).status_code == 403


def test_a_user_without_a_role_sees_no_segments(people):  # type: ignore[no-untyped-def]
    vip = Segment.objects.get(starter="vip")
    client = api_client(UserFactory())

    assert client.get(SEGMENTS).status_code == 403
    assert client.get(f"{SEGMENTS}/{vip.pk}").status_code == 404
    assert client.get(f"{SEGMENTS}/{vip.pk}/members").status_code == 404


def test_an_unknown_segment_is_a_404(people):  # type: ignore[no-untyped-def]
    client = api_client(people["admin"])

    assert client.get(f"{SEGMENTS}/999999").status_code == 404
    assert client.get(f"{SEGMENTS}/999999/count").status_code == 404


def test_a_change_needs_the_version_and_refuses_a_stale_one(people):  # type: ignore[no-untyped-def]
    segment = make_segment(people["agent"], BANGLADESH, name="Bangladesh")
    client = api_client(people["agent"])
    url = f"{SEGMENTS}/{segment.pk}"
    india = {"field": "country", "op": "is", "value": ["IN"]}

    assert client.patch_json(url, {"name": "BD"}).status_code == 428
    changed = client.patch_json(
        url,
        {"name": "South Asia", "rules": rules(BANGLADESH, india, match="any")},
        headers=if_match(1),
    )
    stale = client.patch_json(url, {"name": "Bangla"}, headers=if_match(1))

    assert changed.status_code == 200
    assert changed.json()["name"] == "South Asia"
    assert changed.json()["rules"] == rules(BANGLADESH, india, match="any")
    assert (changed.json()["version"], changed["ETag"]) == (2, '"2"')
    assert stale.status_code == 409
    assert stale.json()["error"]["current_version"] == 2
    assert Segment.objects.get(pk=segment.pk).name == "South Asia"


def test_a_bad_rule_in_a_change_is_a_422_at_its_path(people):  # type: ignore[no-untyped-def]
    segment = make_segment(people["agent"], BANGLADESH)
    client = api_client(people["agent"])

    response = client.patch_json(
        f"{SEGMENTS}/{segment.pk}",
        {"rules": rules({"field": "trades", "op": "at_least", "value": -1})},
        headers=if_match(1),
    )

    assert response.status_code == 422
    assert list(response.json()["error"]["fields"]) == ["rules.conditions.0.value"]
    assert Segment.objects.get(pk=segment.pk).version == 1


def test_an_agent_may_not_change_a_starter_segment_but_a_manager_may(people):  # type: ignore[no-untyped-def]
    vip = Segment.objects.get(starter="vip")
    url = f"{SEGMENTS}/{vip.pk}"

    refused = api_client(people["agent"]).patch_json(
        url, {"name": "Mine now"}, headers=if_match(vip.version)
    )
    changed = api_client(people["manager"]).patch_json(
        url, {"name": "Top clients"}, headers=if_match(vip.version)
    )

    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "forbidden"
    assert api_client(people["agent"]).delete(url, headers=if_match(vip.version)).status_code == 403
    assert changed.status_code == 200
    assert changed.json()["name"] == "Top clients"


def test_a_delete_needs_the_version_and_keeps_a_segment_another_uses(people):  # type: ignore[no-untyped-def]
    client = api_client(people["agent"])
    used = make_segment(people["agent"], BANGLADESH, name="Bangladesh")
    user = make_segment(
        people["agent"], {"field": "segment", "op": "is", "value": [str(used.pk)]}, name="In BD"
    )

    assert client.delete(f"{SEGMENTS}/{used.pk}").status_code == 428
    kept = client.delete(f"{SEGMENTS}/{used.pk}", headers=if_match(1))
    assert client.delete(f"{SEGMENTS}/{user.pk}", headers=if_match(7)).status_code == 409
    gone = client.delete(f"{SEGMENTS}/{user.pk}", headers=if_match(1))

    assert kept.status_code == 422
    assert "In BD" in " ".join(kept.json()["error"]["fields"]["__all__"])
    assert gone.status_code == 204
    assert client.delete(f"{SEGMENTS}/{used.pk}", headers=if_match(1)).status_code == 204
    assert not Segment.objects.filter(pk__in=[used.pk, user.pk]).exists()


def test_members_and_count_hold_only_the_contacts_the_caller_may_see(people, clients):  # type: ignore[no-untyped-def]
    segment = make_segment(people["admin"], BANGLADESH, name="Bangladesh")
    url = f"{SEGMENTS}/{segment.pk}"

    def seen(persona: str) -> tuple[int, list[int]]:
        client = api_client(people[persona])
        count = client.get(f"{url}/count").json()["count"]
        return count, [item["id"] for item in client.get(f"{url}/members").json()["items"]]

    assert seen("admin") == (2, [clients["ours"].pk, clients["theirs"].pk])
    assert seen("agent") == (1, [clients["ours"].pk])
    assert seen("outsider") == (1, [clients["theirs"].pk])


def test_members_come_by_name_in_keyset_pages_with_their_contact_details(people, clients):  # type: ignore[no-untyped-def]
    segment = make_list(people["agent"], clients["indian"].pk, clients["ours"].pk)
    client = api_client(people["agent"])
    url = f"{SEGMENTS}/{segment.pk}/members"

    first = client.get(url, {"limit": 1}).json()
    rest = client.get(url, {"limit": 1, "cursor": first["next_cursor"]}).json()

    assert first["items"] == [
        {
            "id": clients["ours"].pk,
            "display_name": "Anika Rahman",
            "email": clients["ours"].email,
            "country": "BD",
            "language": clients["ours"].language,
            "lifecycle_stage": clients["ours"].lifecycle_stage,
        }
    ]
    assert [item["display_name"] for item in rest["items"]] == ["Chitra Iyer"]
    assert rest["next_cursor"] is None


def test_contacts_are_put_on_a_fixed_list_and_taken_off_only_as_far_as_the_caller_sees(  # type: ignore[no-untyped-def]
    people, clients
):
    fixed = make_list(people["agent"], name="Fair guests")
    client = api_client(people["agent"])
    url = f"{SEGMENTS}/{fixed.pk}/members"
    everyone = [clients["ours"].pk, clients["theirs"].pk, clients["indian"].pk]

    added = client.post_json(url, {"contacts": everyone})
    again = client.post_json(url, {"contacts": [clients["ours"].pk]})
    removed = client.post_json(f"{url}/remove", {"contacts": [clients["indian"].pk]})

    assert (added.status_code, added.json()) == (200, {"added": 2})
    assert again.json() == {"added": 0}
    assert (removed.status_code, removed.json()) == (200, {"removed": 1})
    on_list = SegmentMember.objects.filter(segment=fixed).values_list("contact_id", flat=True)
    assert list(on_list) == [clients["ours"].pk]


def test_members_of_a_segment_by_rules_are_not_added_or_removed_by_hand(people, clients):  # type: ignore[no-untyped-def]
    segment = make_segment(people["agent"], BANGLADESH)
    client = api_client(people["agent"])
    url = f"{SEGMENTS}/{segment.pk}/members"

    added = client.post_json(url, {"contacts": [clients["indian"].pk]})
    removed = client.post_json(f"{url}/remove", {"contacts": [clients["ours"].pk]})

    assert added.status_code == 422
    assert removed.status_code == 422
    assert "follow its rules" in " ".join(added.json()["error"]["fields"]["__all__"])
    assert not SegmentMember.objects.filter(segment=segment).exists()


def test_another_agents_fixed_list_is_not_filled_by_hand(people, clients):  # type: ignore[no-untyped-def]
    fixed = make_list(people["agent"], name="Fair guests")

    response = api_client(people["colleague"]).post_json(
        f"{SEGMENTS}/{fixed.pk}/members", {"contacts": [clients["ours"].pk]}
    )

    assert response.status_code == 403
    assert not SegmentMember.objects.filter(segment=fixed).exists()


def test_unsaved_rules_are_counted_over_the_contacts_the_caller_may_see(people, clients):  # type: ignore[no-untyped-def]
    url = f"{SEGMENTS}/count"

    by_agent = api_client(people["agent"]).post_json(url, {"rules": rules(BANGLADESH)})
    by_admin = api_client(people["admin"]).post_json(url, {"rules": rules(BANGLADESH)})
    everyone = api_client(people["admin"]).post_json(url, {"rules": rules()})

    assert (by_agent.status_code, by_agent.json()) == (200, {"count": 1})
    assert by_admin.json() == {"count": 2}
    assert everyone.json() == {"count": 3}
    assert not Segment.objects.filter(owner__isnull=False).exists()


@pytest.mark.parametrize(
    ("bad_rules", "path"),
    [
        (rules({"field": "country", "op": "is", "value": ["ZZ"]}), "rules.conditions.0.value"),
        (rules(rules({"field": "nope", "op": "is"})), "rules.conditions.0.conditions.0.field"),
        ({"match": "all", "conditions": "all of them"}, "rules.conditions"),
    ],
)
def test_counting_a_bad_rule_is_a_422_at_its_path(people, bad_rules, path):  # type: ignore[no-untyped-def]
    response = api_client(people["agent"]).post_json(f"{SEGMENTS}/count", {"rules": bad_rules})

    assert response.status_code == 422
    assert path in response.json()["error"]["fields"]


def test_the_fields_list_what_a_rule_may_test(people):  # type: ignore[no-untyped-def]
    response = api_client(people["agent"]).get(f"{SEGMENTS}/fields")

    assert response.status_code == 200
    fields = {field["key"]: field for field in response.json()}
    country, trades = fields["country"], fields["trades"]
    assert (country["kind"], country["group"], country["takes_days"]) == (
        "choice",
        "Contact",
        False,
    )
    assert {"value": "BD", "label": "Bangladesh"} in country["choices"]
    assert {"op": "is_not", "label": "is not"} in country["operators"]
    assert (trades["kind"], trades["takes_days"], trades["choices"]) == ("count", True, None)
    assert [op["op"] for op in trades["operators"]] == ["at_least", "at_most", "exactly", "none"]
    assert "segment" in fields


def test_the_schema_documents_the_operations(db):  # type: ignore[no-untyped-def]
    response = Client().get(f"{API}/openapi.json")

    assert response.status_code == 200
    paths = response.json()["paths"]
    assert set(paths[SEGMENTS]) == {"get", "post"}
    assert set(paths[f"{SEGMENTS}/{{segment_id}}"]) == {"get", "patch", "delete"}
    assert set(paths[f"{SEGMENTS}/fields"]) == {"get"}
    assert set(paths[f"{SEGMENTS}/count"]) == {"post"}
    assert set(paths[f"{SEGMENTS}/{{segment_id}}/count"]) == {"get"}
    assert set(paths[f"{SEGMENTS}/{{segment_id}}/members"]) == {"get", "post"}
    assert set(paths[f"{SEGMENTS}/{{segment_id}}/members/remove"]) == {"post"}
    assert {"409", "428"} <= set(paths[f"{SEGMENTS}/{{segment_id}}"]["patch"]["responses"])
